package tomcheck.checks.backup.max_interval

import data.tomcheck.lib.testing as t

_t_p24 := {"params": {"hours": 24}}

_t_plan(address, rules) := t.res(address, {"name": "p", "rule": rules})

_t_daily := _t_plan("aws_backup_plan.daily", [{"rule_name": "daily", "schedule": "cron(0 3 * * ? *)"}])

_t_weekly := _t_plan("aws_backup_plan.weekly", [{"rule_name": "weekly", "schedule": "cron(0 5 ? * SUN *)"}])

_t_sel(address, plan, extra) := t.res_with(address, {}, object.union({"references": {"plan_id": [plan]}}, extra))

_t_in(evidence, context) := object.union(_t_p24, {"evidence": evidence, "context": context})

test_daily_plan_passes if {
	fs := findings with input as _t_in([_t_daily], [])
	t.messages(fs) == {`aws_backup_plan.daily runs rule "daily" on "cron(0 3 * * ? *)": at most 24h between backups; claimed at most 24h`}
	t.messages_de(fs) == {`aws_backup_plan.daily führt die Regel "daily" nach "cron(0 3 * * ? *)" aus: höchstens 24 Std. zwischen zwei Sicherungen; zugesichert sind höchstens 24 Std.`}
	t.passing(fs) == {"tf:infra/aws_backup_plan.daily"}
}

test_weekday_plan_fails_over_the_weekend if {
	p := _t_plan("module.backup.aws_backup_plan.workdays", [{"rule_name": "workdays", "schedule": "cron(0 5 ? * MON-FRI *)"}])
	fs := findings with input as _t_in([p], [])
	t.messages(fs) == {`aws_backup_plan.workdays (module.backup.aws_backup_plan.workdays) runs its most frequent rule "workdays" on "cron(0 5 ? * MON-FRI *)" with up to 72h (3 days) between backups; claimed at most 24h`}
	t.failing(fs) == {"tf:infra/module.backup.aws_backup_plan.workdays"}
}

test_plan_judged_by_its_most_frequent_rule if {
	p := _t_plan("aws_backup_plan.mixed", [
		{"rule_name": "monthly", "schedule": "cron(0 1 1 * ? *)"},
		{"rule_name": "twice", "schedule": "cron(0 3,15 * * ? *)"},
	])
	fs := findings with input as object.union(_t_in([p], []), {"params": {"hours": 12}})
	t.passing(fs) == {"tf:infra/aws_backup_plan.mixed"}
	some m in t.messages(fs)
	contains(m, `rule "twice"`)
}

test_monthly_plan if {
	p := _t_plan("aws_backup_plan.monthly", [{"rule_name": "m", "schedule": "cron(0 1 1 * ? *)"}])
	fs := findings with input as _t_in([p], [])
	some m in t.messages(fs)
	contains(m, "up to 744h (31 days)")
}

test_rate_expression if {
	p := _t_plan("aws_backup_plan.rate", [{"rule_name": "r", "schedule": "rate(12 hours)"}])
	fs := findings with input as _t_in([p], [])
	t.passing(fs) == {"tf:infra/aws_backup_plan.rate"}
}

test_unknown_schedule_is_inconclusive if {
	p := t.res_with("aws_backup_plan.u", {"rule": [{"rule_name": "r"}]}, {"unknown": {"rule": [{"schedule": true}]}})
	fs := findings with input as _t_in([p], [])
	t.inconclusive(fs) == {"tf:infra/aws_backup_plan.u"}
	t.messages(fs) == {`aws_backup_plan.u: the schedule of rule "r" is known only after apply; claimed at most 24h`}
}

test_slow_rule_with_an_unknown_one_is_inconclusive if {
	p := t.res_with("aws_backup_plan.u", {"rule": [{"rule_name": "w", "schedule": "cron(0 5 ? * SUN *)"}, {"rule_name": "x"}]}, {"unknown": {"rule": [{}, {"schedule": true}]}})
	fs := findings with input as _t_in([p], [])
	t.inconclusive(fs) == {"tf:infra/aws_backup_plan.u"}
}

test_unparseable_schedule_is_inconclusive if {
	p := _t_plan("aws_backup_plan.y", [{"rule_name": "y", "schedule": "cron(0 0 * * ? 2026)"}])
	fs := findings with input as _t_in([p], [])
	t.inconclusive(fs) == {"tf:infra/aws_backup_plan.y"}
}

test_plan_without_rules_or_schedule_fails if {
	empty := _t_plan("aws_backup_plan.empty", [])
	none := _t_plan("aws_backup_plan.none", [{"rule_name": "n"}])
	never := _t_plan("aws_backup_plan.never", [{"rule_name": "f", "schedule": "cron(0 0 31 2 ? *)"}])
	fs := findings with input as _t_in([empty, none, never], [])
	t.failing(fs) == {"tf:infra/aws_backup_plan.empty", "tf:infra/aws_backup_plan.none", "tf:infra/aws_backup_plan.never"}
	t.messages(fs) == {
		"aws_backup_plan.empty has no backup rule; claimed at most 24h",
		`aws_backup_plan.none takes no scheduled backup: rule "n" has no schedule; claimed at most 24h`,
		`aws_backup_plan.never takes no scheduled backup: rule "f" ("cron(0 0 31 2 ? *)") never runs; claimed at most 24h`,
	}
}

_t_volume := t.res("aws_ebs_volume.data", {})

test_store_selected_by_reference if {
	s := _t_sel("aws_backup_selection.data", "aws_backup_plan.daily", {"references": {"resources": ["aws_ebs_volume.data"]}})
	fs := findings with input as _t_in([_t_daily, _t_volume], [s])
	some f in fs
	f.subject == "tf:infra/aws_ebs_volume.data"
	f.pass
	f.evidence == ["sha256:aws_ebs_volume.data", "sha256:aws_backup_plan.daily", "sha256:aws_backup_selection.data"]
	f.message == "aws_ebs_volume.data is backed up by aws_backup_plan.daily (selected by aws_backup_selection.data) with at most 24h between backups; claimed at most 24h"
}

test_store_selected_by_arn_and_plan_id_value if {
	v := object.union(_t_volume, {"resource_id": "arn:aws:ec2:eu-central-1:123456789012:volume/vol-1"})
	p := object.union(_t_daily, {"data": {"values": {"id": "plan-1"}}})
	s := t.res("aws_backup_selection.data", {"plan_id": "plan-1", "resources": ["arn:aws:ec2:eu-central-1:123456789012:volume/vol-1"]})
	fs := findings with input as _t_in([p, v], [s])
	t.passing(fs) == {"tf:infra/aws_backup_plan.daily", "tf:infra/aws_ebs_volume.data"}
}

test_store_selected_by_arn_pattern if {
	v := t.res("aws_ebs_volume.data", {"arn": "arn:aws:ec2:eu-central-1:123456789012:volume/vol-1"})
	s := _t_sel("aws_backup_selection.all_volumes", "aws_backup_plan.daily", {"values": {"resources": ["arn:aws:ec2:*:*:volume/*"]}})
	fs := findings with input as _t_in([_t_daily, v], [s])
	t.passing(fs) == {"tf:infra/aws_backup_plan.daily", "tf:infra/aws_ebs_volume.data"}
}

test_store_with_unknown_arn_and_pattern_is_inconclusive if {
	s := _t_sel("aws_backup_selection.all_volumes", "aws_backup_plan.daily", {"values": {"resources": ["arn:aws:ec2:*:*:volume/*"]}})
	fs := findings with input as _t_in([_t_daily, _t_volume], [s])
	t.inconclusive(fs) == {"tf:infra/aws_ebs_volume.data"}
	"aws_ebs_volume.data: aws_backup_selection.all_volumes may select it, but it lists an ARN pattern and the store's ARN is known only after apply; claimed at most 24h" in t.messages(fs)
}

test_store_selected_by_tag if {
	v := t.labeled(_t_volume, {"backup": "daily"})
	s := _t_sel("aws_backup_selection.tagged", "aws_backup_plan.daily", {"values": {"selection_tag": [{"type": "STRINGEQUALS", "key": "backup", "value": "daily"}]}})
	other := t.labeled(t.res("aws_efs_file_system.share", {}), {"backup": "weekly"})
	fs := findings with input as _t_in([_t_daily, v, other], [s])
	t.passing(fs) == {"tf:infra/aws_backup_plan.daily", "tf:infra/aws_ebs_volume.data"}
	t.failing(fs) == {"tf:infra/aws_efs_file_system.share"}
	t.messages(fs) == {
		`aws_backup_plan.daily runs rule "daily" on "cron(0 3 * * ? *)": at most 24h between backups; claimed at most 24h`,
		"aws_ebs_volume.data is backed up by aws_backup_plan.daily (selected by aws_backup_selection.tagged) with at most 24h between backups; claimed at most 24h",
		"aws_efs_file_system.share is not covered by any backup plan; claimed at most 24h",
	}
}

test_store_selected_by_conditions if {
	s := _t_sel("aws_backup_selection.cond", "aws_backup_plan.daily", {"values": {
		"resources": ["*"],
		"condition": [{"string_equals": [{"key": "aws:ResourceTag/env", "value": "prod"}], "string_not_like": [{"key": "aws:ResourceTag/tier", "value": "scratch*"}]}],
	}})
	prod := t.labeled(t.res("aws_dynamodb_table.orders", {}), {"env": "prod"})
	scratch := t.labeled(t.res("aws_dynamodb_table.tmp", {}), {"env": "prod", "tier": "scratch-1"})
	dev := t.labeled(t.res("aws_dynamodb_table.dev", {}), {"env": "dev"})
	fs := findings with input as _t_in([_t_daily, prod, scratch, dev], [s])
	t.passing(fs) == {"tf:infra/aws_backup_plan.daily", "tf:infra/aws_dynamodb_table.orders"}
	t.failing(fs) == {"tf:infra/aws_dynamodb_table.tmp", "tf:infra/aws_dynamodb_table.dev"}
}

test_store_excluded_by_not_resources if {
	s := _t_sel("aws_backup_selection.all", "aws_backup_plan.daily", {"values": {"resources": ["*"]}, "references": {"not_resources": ["aws_ebs_volume.data"]}})
	fs := findings with input as _t_in([_t_daily, _t_volume], [s])
	t.failing(fs) == {"tf:infra/aws_ebs_volume.data"}
}

test_store_covered_only_by_a_slow_plan if {
	s := _t_sel("aws_backup_selection.data", "aws_backup_plan.weekly", {"references": {"resources": ["aws_ebs_volume.data"]}})
	fs := findings with input as _t_in([_t_weekly, _t_volume], [s])
	some f in fs
	f.subject == "tf:infra/aws_ebs_volume.data"
	f.message == "aws_ebs_volume.data is backed up only with longer gaps: aws_backup_plan.weekly (up to 168h (7 days)); claimed at most 24h"
	f.evidence == ["sha256:aws_ebs_volume.data", "sha256:aws_backup_plan.weekly", "sha256:aws_backup_selection.data"]
}

test_selection_of_a_plan_outside_the_evidence_is_inconclusive if {
	s := _t_sel("aws_backup_selection.data", "aws_backup_plan.elsewhere", {"references": {"resources": ["aws_ebs_volume.data"]}})
	fs := findings with input as _t_in([_t_volume], [s])
	t.inconclusive(fs) == {"tf:infra/aws_ebs_volume.data"}
}

test_rds_automated_backups if {
	db := t.res("aws_db_instance.main", {})
	fs := findings with input as _t_in([db], [])
	t.messages(fs) == {"aws_db_instance.main has automated RDS backups (backup_retention_period not set: AWS keeps 1 day): daily, at most 24h between backups; claimed at most 24h"}
	f12 := findings with input as object.union(_t_in([db], []), {"params": {"hours": 12}})
	t.failing(f12) == {"tf:infra/aws_db_instance.main"}
	t.messages(f12) == {"aws_db_instance.main is backed up only with longer gaps: automated RDS backups (backup_retention_period not set: AWS keeps 1 day) daily, every 24h; claimed at most 12h"}
}

test_rds_without_automated_backups if {
	db := t.res("aws_db_instance.main", {"backup_retention_period": 0})
	c := t.res_with("aws_rds_cluster.aurora", {}, {"unknown": {"backup_retention_period": true}})
	fs := findings with input as _t_in([db, c], [])
	t.failing(fs) == {"tf:infra/aws_db_instance.main"}
	t.inconclusive(fs) == {"tf:infra/aws_rds_cluster.aurora"}
}

test_selection_in_another_target_does_not_cover if {
	s := t.in_target(_t_sel("aws_backup_selection.data", "aws_backup_plan.daily", {"references": {"resources": ["aws_ebs_volume.data"]}}), "other")
	fs := findings with input as _t_in([_t_daily, _t_volume], [s])
	t.failing(fs) == {"tf:infra/aws_ebs_volume.data"}
}

test_selection_with_unknown_tags_leaves_stores_open if {
	s := _t_sel("aws_backup_selection.dyn", "aws_backup_plan.daily", {"unknown": {"selection_tag": true}})
	fs := findings with input as _t_in([_t_daily, _t_volume], [s])
	t.inconclusive(fs) == {"tf:infra/aws_ebs_volume.data"}
}
