package tomcheck.checks.backup.retention

import data.tomcheck.lib.testing as t

_t_in(evidence) := {"params": {"min_days": 30}, "evidence": evidence, "context": []}

test_plan_kept_long_enough if {
	p := t.res("aws_backup_plan.daily", {"rule": [
		{"rule_name": "daily", "lifecycle": [{"cold_storage_after": 7, "delete_after": 97}]},
		{"rule_name": "forever"},
	]})
	fs := findings with input as _t_in([p])
	t.passing(fs) == {"tf:infra/aws_backup_plan.daily"}
	t.messages(fs) == {`aws_backup_plan.daily: rule "daily" keeps recovery points 97 days; rule "forever" keeps recovery points until deleted (no delete_after); claimed at least 30 days`}
}

test_plan_with_a_short_rule_fails if {
	p := t.res("module.b.aws_backup_plan.p", {"rule": [
		{"rule_name": "hourly", "lifecycle": [{"delete_after": 2}]},
		{"rule_name": "daily", "lifecycle": [{"delete_after": 35}]},
	]})
	fs := findings with input as _t_in([p])
	t.failing(fs) == {"tf:infra/module.b.aws_backup_plan.p"}
	t.messages(fs) == {`aws_backup_plan.p (module.b.aws_backup_plan.p): rule "hourly" deletes recovery points after 2 days; claimed at least 30 days`}
	t.messages_de(fs) == {`aws_backup_plan.p (module.b.aws_backup_plan.p): Regel "hourly" löscht Wiederherstellungspunkte nach 2 Tagen; zugesichert sind mindestens 30 Tage`}
}

test_plan_with_unknown_retention_is_inconclusive if {
	p := t.res_with("aws_backup_plan.p", {"rule": [{"rule_name": "r", "lifecycle": [{}]}]}, {"unknown": {"rule": [{"lifecycle": [{"delete_after": true}]}]}})
	fs := findings with input as _t_in([p])
	t.inconclusive(fs) == {"tf:infra/aws_backup_plan.p"}
}

test_failing_rule_beats_unknown_rule if {
	p := t.res_with("aws_backup_plan.p", {"rule": [{"rule_name": "r", "lifecycle": [{}]}, {"rule_name": "s", "lifecycle": [{"delete_after": 1}]}]}, {"unknown": {"rule": [{"lifecycle": [{"delete_after": true}]}, {}]}})
	fs := findings with input as _t_in([p])
	t.failing(fs) == {"tf:infra/aws_backup_plan.p"}
}

test_plan_without_rules_fails if {
	fs := findings with input as _t_in([t.res("aws_backup_plan.empty", {"rule": []})])
	t.failing(fs) == {"tf:infra/aws_backup_plan.empty"}
}

test_rds_retention if {
	ok := t.res("aws_db_instance.ok", {"backup_retention_period": 35})
	short := t.res("aws_rds_cluster.short", {"backup_retention_period": 7})
	unset := t.res("aws_db_instance.unset", {})
	replica := t.res_with("aws_db_instance.replica", {}, {"references": {"replicate_source_db": ["aws_db_instance.ok"]}})
	unknown := t.res_with("aws_db_instance.unknown", {}, {"unknown": {"backup_retention_period": true}})
	fs := findings with input as _t_in([ok, short, unset, replica, unknown])
	t.passing(fs) == {"tf:infra/aws_db_instance.ok"}
	t.failing(fs) == {"tf:infra/aws_rds_cluster.short", "tf:infra/aws_db_instance.unset", "tf:infra/aws_db_instance.replica"}
	t.inconclusive(fs) == {"tf:infra/aws_db_instance.unknown"}
	"aws_db_instance.unset keeps automated backups only 1 day (backup_retention_period not set: AWS keeps 1 day); claimed at least 30 days" in t.messages(fs)
	"aws_db_instance.ok keeps automated backups 35 days (backup_retention_period = 35); claimed at least 30 days" in t.messages(fs)
}
