package tomcheck.checks.backup.retention

import data.tomcheck.lib.finding
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

# The direct paths (_usual_plans, _known_periods) give what _plan and _rds
# give.

# _t_general is what _plan and _rds make of the records of input inp.
_t_general(inp) := {f |
	some r in inp.evidence
	r.data.type == "aws_backup_plan"
	f := finding.from(r, _plan(r))
} | {f |
	some r in inp.evidence
	r.data.type != "aws_backup_plan"
	f := finding.from(r, _rds(r))
}

_t_rule(name, days) := {"rule_name": name, "lifecycle": [{"cold_storage_after": 0, "delete_after": days}]}

_t_cases := [
	# usual: one named rule, delete_after known
	_t_in([t.res("aws_backup_plan.a", {"rule": [_t_rule("daily", 365)]})]),
	_t_in([t.res("module.m.aws_backup_plan.a", {"rule": [_t_rule("daily", 30)]})]),
	_t_in([t.res("aws_backup_plan.a", {"rule": [_t_rule("daily", 7)]})]),
	_t_in([t.res("aws_backup_plan.a", {"rule": [_t_rule(`da"ily`, 29.5)]})]),
	# not usual: 1 day, no delete_after, unnamed, several rules, unknown
	_t_in([t.res("aws_backup_plan.a", {"rule": [_t_rule("daily", 1)]})]),
	_t_in([t.res("aws_backup_plan.a", {"rule": [{"rule_name": "daily", "lifecycle": [{"cold_storage_after": 30}]}]})]),
	_t_in([t.res("aws_backup_plan.a", {"rule": [{"lifecycle": [{"delete_after": 35}]}]})]),
	_t_in([t.res("aws_backup_plan.a", {"rule": [_t_rule("daily", 35), _t_rule("weekly", 7)]})]),
	_t_in([t.res_with("aws_backup_plan.a", {"rule": [_t_rule("daily", 35)]}, {"unknown": {"rule": [{"tags": true}]}})]),
	# a mix: the usual ones directly, the others through _plan and _rds
	_t_in([
		t.res("aws_backup_plan.a", {"rule": [_t_rule("daily", 35)]}),
		t.res("aws_backup_plan.b", {"rule": []}),
		t.res("aws_db_instance.ok", {"backup_retention_period": 35}),
		t.res("aws_rds_cluster.short", {"backup_retention_period": 7}),
		t.res("aws_db_instance.one", {"backup_retention_period": 1}),
		t.res("aws_db_instance.unset", {}),
		t.res_with("aws_db_instance.unknown", {"backup_retention_period": 35}, {"unknown": {"backup_retention_period": true}}),
	]),
	_t_in([t.res("module.db.aws_db_instance.main", {"backup_retention_period": 30})]),
	# instance keys
	_t_in([
		t.res(`module.m["a.b"].aws_backup_plan.a`, {"rule": [_t_rule("daily", 365)]}),
		t.res("aws_backup_plan.b[0]", {"rule": [_t_rule("daily", 365)]}),
		t.res("module.m[0].aws_db_instance.main", {"backup_retention_period": 30}),
		t.res(`aws_db_instance.main["x"]`, {"backup_retention_period": 30}),
	]),
]

test_direct_paths_agree_with_plan_and_rds if {
	every inp in _t_cases {
		findings == _t_general(inp) with input as inp
	}
}

test_usual_plans_and_known_periods if {
	inp := _t_cases[9]
	object.keys(_usual_plans) == {"tf:infra/aws_backup_plan.a"} with input as inp
	object.keys(_known_periods) == {"tf:infra/aws_db_instance.ok", "tf:infra/aws_rds_cluster.short"} with input as inp
}

test_usual_plan_messages if {
	fs := findings with input as _t_in([t.res("module.m.aws_backup_plan.a", {"rule": [_t_rule("daily", 7)]})])
	fs == {{
		"subject": "tf:infra/module.m.aws_backup_plan.a", "pass": false, "evidence": ["sha256:module.m.aws_backup_plan.a"],
		"message": `aws_backup_plan.a (module.m.aws_backup_plan.a): rule "daily" deletes recovery points after 7 days; claimed at least 30 days`,
		"message_de": `aws_backup_plan.a (module.m.aws_backup_plan.a): Regel "daily" löscht Wiederherstellungspunkte nach 7 Tagen; zugesichert sind mindestens 30 Tage`,
	}}
}

test_known_period_messages if {
	fs := findings with input as _t_in([t.res("aws_rds_cluster.c", {"backup_retention_period": 35})])
	fs == {{
		"subject": "tf:infra/aws_rds_cluster.c", "pass": true, "evidence": ["sha256:aws_rds_cluster.c"],
		"message": "aws_rds_cluster.c keeps automated backups 35 days (backup_retention_period = 35); claimed at least 30 days",
		"message_de": "aws_rds_cluster.c behält automatische Sicherungen 35 Tage (backup_retention_period = 35); zugesichert sind mindestens 30 Tage",
	}}
}
