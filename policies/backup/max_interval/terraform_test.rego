package tomcheck.checks.backup.max_interval

import data.tomcheck.lib.terraform as tf
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

# Short paths: each must give what the general path gives.

_t_addresses := [
	"aws_ebs_volume.data",
	"data.aws_ebs_volume.data",
	"module.m.aws_ebs_volume.data",
	"module.a.module.b.aws_ebs_volume.data",
	"module.a.data.aws_ebs_volume.data",
	"module.x",
	"module.",
	"module..x",
	"modulex.a.b",
	"aws_ebs_volume.data[0]",
	`module.a["x.y"].aws_ebs_volume.data`,
	`module.a["x"].aws_ebs_volume.data["k.1"]`,
]

test_name_is_tf_name if {
	every a in _t_addresses {
		r := t.res(a, {})
		_name(r) == tf.name(r)
	}
}

test_names_is_tf_name_by_index if {
	plain := [t.res(a, {}) | some a in _t_addresses; not contains(a, "[")]
	all := [t.res(a, {}) | some a in _t_addresses]
	every rs in [plain, all, []] {
		names := _names(concat("\n", [r.data.address | some r in rs]), rs)
		names == [tf.name(r) | some r in rs]
	}
}

test_names_without_address_are_null if {
	rs := [t.res("module.m.aws_ebs_volume.a", {}), {"data": {}}, t.res("aws_ebs_volume.b", {})]
	_names(concat("\n", [r.data.address | some r in rs]), rs) == ["aws_ebs_volume.a (module.m.aws_ebs_volume.a)", null, "aws_ebs_volume.b"]
}

test_schedule_unknown_is_tf_unknown_at if {
	every u in [{}, {"rule": true}, {"rule": [true]}, {"rule": [{"schedule": true}]}, {"rule": [{}, {"schedule": true}]}, {"rule": [{"schedule": false}]}] {
		p := t.res_with("aws_backup_plan.p", {}, {"unknown": u})
		every i in [0, 1] {
			count([1 | _schedule_unknown(u, i)]) == count([1 | tf.unknown_at(["rule", i, "schedule"], p)])
		}
	}
}

_t_plans := [
	_t_daily,
	_t_weekly,
	_t_plan("module.m.aws_backup_plan.p", [{"rule_name": "d", "schedule": "cron(0 3 * * ? *)"}]),
	_t_plan("aws_backup_plan.rare", [{"rule_name": "r", "schedule": "cron(0 0 29 2 ? *)"}]),
	_t_plan("aws_backup_plan.never", [{"rule_name": "n", "schedule": "cron(0 0 31 2 ? *)"}]),
	_t_plan("aws_backup_plan.year", [{"rule_name": "y", "schedule": "cron(0 0 * * ? 2026)"}]),
	_t_plan("aws_backup_plan.unnamed", [{"schedule": "cron(0 3 * * ? *)"}]),
	_t_plan("aws_backup_plan.numbered", [{"rule_name": 7, "schedule": "cron(0 3 * * ? *)"}]),
	_t_plan("aws_backup_plan.none", [{"rule_name": "x"}]),
	_t_plan("aws_backup_plan.empty", []),
	_t_plan("aws_backup_plan.two", [{"rule_name": "a", "schedule": "rate(1 day)"}, {"rule_name": "b", "schedule": "rate(12 hours)"}]),
	t.res_with("aws_backup_plan.u", {"rule": [{"rule_name": "r", "schedule": "rate(1 day)"}]}, {"unknown": {"rule": [{"schedule": true}]}}),
	t.res_with("aws_backup_plan.all", {}, {"unknown": {"rule": true}}),
]

test_plan_short_path_is_the_general_one if {
	every hours in [24, 200] {
		every p in _t_plans {
			v := _plan(p, "N") with input as {"params": {"hours": hours}}
			g := _plan_of_rules(p, "N", _rules(p)) with input as {"params": {"hours": hours}}
			object.remove(v, ["gap_en", "gap_de", "slow_en", "slow_de"]) == object.remove(g, ["gap_en", "gap_de", "slow_en", "slow_de"])
		}
	}
}

test_plan_verdict_texts if {
	v := _plan_verdicts[_t_daily.subject] with input as _t_in([_t_daily], [])
	[v.gap_en, v.gap_de] == ["24h", "24 Std."]
	w := _plan_verdicts[_t_weekly.subject] with input as _t_in([_t_weekly], [])
	[w.slow_en, w.slow_de] == ["aws_backup_plan.weekly (up to 168h (7 days))", "aws_backup_plan.weekly (bis zu 168 Std. (7 Tage))"]
	e := _t_plan("aws_backup_plan.empty", [])
	x := _plan_verdicts[e.subject] with input as _t_in([e], [])
	[x.slow_en, x.slow_de] == ["aws_backup_plan.empty (no scheduled backup)", "aws_backup_plan.empty (keine planmäßige Sicherung)"]
}

test_schedule_only_for_gaps if {
	_schedule("cron(0 3 * * ? *)").gap == 1440
	not _schedule("cron(0 0 31 2 ? *)")
	not _schedule("cron(0 0 * * ? 2026)")
	not _schedule(7)
}

_t_instance := _t_plan("aws_backup_plan.inst[0]", [{"rule_name": "i", "schedule": "cron(0 3 * * ? *)"}])

_t_twin := _t_plan("aws_backup_plan.twin", [{"rule_name": "t", "schedule": "cron(0 3 * * ? *)"}])

_t_twin_instance := _t_plan("aws_backup_plan.twin[\"a\"]", [{"rule_name": "t", "schedule": "cron(0 3 * * ? *)"}])

_t_other_type := t.res("aws_backup_vault.v", {})

_t_sel_plan_cases := [
	_t_sel("aws_backup_selection.s1", "aws_backup_plan.daily", {}),
	_t_sel("aws_backup_selection.s2", "aws_backup_plan.missing", {}),
	_t_sel("aws_backup_selection.s3", "aws_backup_plan.twin", {}),
	_t_sel("aws_backup_selection.s4", "aws_backup_plan.inst", {}),
	_t_sel("aws_backup_selection.s5", "aws_backup_vault.v", {}),
	t.in_target(_t_sel("aws_backup_selection.s6", "aws_backup_plan.daily", {}), "other"),
	t.res_with("aws_backup_selection.s7", {"plan_id": "plan-1"}, {}),
	t.res_with("aws_backup_selection.s8", {}, {"references": {"plan_id": ["aws_backup_plan.daily", "aws_backup_plan.weekly"]}}),
	t.res_with("aws_backup_selection.s9[0]", {}, {"references": {"plan_id": ["aws_backup_plan.daily"]}}),
]

test_sel_plans_is_selection_plans if {
	plans := [object.union(_t_daily, {"data": {"values": {"id": "plan-1"}}}), _t_weekly, _t_instance, _t_twin, _t_twin_instance]
	every s in _t_sel_plan_cases {
		ps := _sel_plans(s) with input as _t_in(plans, array.concat(_t_sel_plan_cases, [_t_other_type]))
		gs := _selection_plans(s) with input as _t_in(plans, array.concat(_t_sel_plan_cases, [_t_other_type]))
		count(ps) == count(gs)
		{p | some p in ps} == gs
	}
}

test_plan_at_holds_plain_plans_only if {
	at := _plan_at with input as _t_in([_t_daily, _t_instance, _t_twin, _t_twin_instance], [])
	object.keys(at) == {"infra/aws_backup_plan.daily"}
}

test_plain_selection if {
	_is_plain(_t_sel("aws_backup_selection.a", "aws_backup_plan.daily", {"references": {"resources": ["aws_ebs_volume.data"]}}))
	not _is_plain(_t_sel("aws_backup_selection.a", "aws_backup_plan.daily", {}))
	not _is_plain(_t_sel("aws_backup_selection.a", "aws_backup_plan.daily", {"references": {"resources": ["aws_ebs_volume.data"]}, "values": {"resources": ["arn:aws:ec2:*:*:volume/*"]}}))
	not _is_plain(_t_sel("aws_backup_selection.a", "aws_backup_plan.daily", {"references": {"resources": ["aws_ebs_volume.data"]}, "unknown": {"selection_tag": true}}))
	_is_plain(_t_sel("aws_backup_selection.a", "aws_backup_plan.daily", {"references": {"resources": ["aws_ebs_volume.data"]}, "values": {"resources": [], "selection_tag": null}}))
}

test_all_plain_and_simple_only if {
	plain := _t_sel("aws_backup_selection.a", "aws_backup_plan.daily", {"references": {"resources": ["aws_ebs_volume.data"]}})
	tagged := _t_sel("aws_backup_selection.b", "aws_backup_plan.daily", {"values": {"selection_tag": [{"key": "k", "value": "v"}]}})
	listed := _t_sel("aws_backup_selection.c", "aws_backup_plan.daily", {"references": {"resources": ["aws_ebs_volume.data"]}, "values": {"resources": [1]}})
	slashed := _t_sel("aws_backup_selection.d", "aws_backup_plan.daily", {"references": {"resources": ["aws_ebs_volume.a/b"]}})
	_all_plain with input as _t_in([], [plain])
	_simple_only with input as _t_in([], [plain])
	not _all_plain with input as _t_in([], [plain, tagged])
	not _simple_only with input as _t_in([], [plain, tagged])

	# A selection that is simple without being plain.
	not _all_plain with input as _t_in([], [plain, listed])
	_simple_only with input as _t_in([], [plain, listed])
	not _simple_only with input as _t_in([], [plain, slashed])
}

test_plain_world if {
	s := _t_sel("aws_backup_selection.a", "aws_backup_plan.daily", {"references": {"resources": ["aws_ebs_volume.data"]}})
	_plain_world with input as _t_in([_t_daily, _t_volume], [s])
	not _plain_world with input as _t_in([_t_daily, _t_volume, t.res("aws_ebs_volume.v[0]", {})], [s])
	not _plain_world with input as _t_in([_t_daily, _t_volume, t.res("aws_db_instance.a/b", {})], [s])
	not _plain_world with input as _t_in([_t_daily, _t_volume, {"kind": "terraform.resource", "data": {"type": "aws_ebs_volume"}}], [s])
}

# _t_estate has stores of every kind and outcome, selected only by
# references: the short paths judge it.
_t_estate_evidence := [
	_t_daily, _t_weekly,
	t.res_with("aws_backup_plan.open", {"rule": [{"rule_name": "o"}]}, {"unknown": {"rule": [{"schedule": true}]}}),
	_t_plan("module.m.aws_backup_plan.p", [{"rule_name": "d", "schedule": "rate(12 hours)"}]),
	t.res("aws_ebs_volume.a", {}), t.res("aws_ebs_volume.b", {}), t.res("aws_ebs_volume.c", {}),
	t.res("aws_ebs_volume.d", {}), t.res("aws_ebs_volume.e", {}), t.res("module.m.aws_ebs_volume.v", {}),
	t.res("aws_efs_file_system.b", {}), t.res("aws_dynamodb_table.z", {}),
	t.res("aws_db_instance.a", {"backup_retention_period": 7}), t.res("aws_db_instance.b", {}),
	t.res_with("aws_rds_cluster.c", {}, {"unknown": {"backup_retention_period": true}}),
	t.res("aws_db_instance.d", {"backup_retention_period": 0}),
	t.res("aws_db_instance.e", {"backup_retention_period": 0}),
]

_t_estate_context := [
	_t_sel("aws_backup_selection.daily", "aws_backup_plan.daily", {"references": {"resources": ["aws_ebs_volume.a", "aws_db_instance.a", "aws_ebs_volume.e"]}}),
	_t_sel("aws_backup_selection.weekly", "aws_backup_plan.weekly", {"references": {"resources": ["aws_ebs_volume.b", "aws_db_instance.b", "aws_efs_file_system.b", "aws_ebs_volume.e", "aws_db_instance.e"]}}),
	_t_sel("aws_backup_selection.open", "aws_backup_plan.open", {"references": {"resources": ["aws_ebs_volume.c"]}}),
	_t_sel("aws_backup_selection.lost", "aws_backup_plan.lost", {"references": {"resources": ["aws_ebs_volume.d"]}}),
	_t_sel("module.m.aws_backup_selection.s", "module.m.aws_backup_plan.p", {"references": {"resources": ["module.m.aws_ebs_volume.v"]}}),
]

_t_estate(hours, extra_evidence, extra_context) := {
	"params": {"hours": hours},
	"evidence": array.concat(_t_estate_evidence, extra_evidence),
	"context": array.concat(_t_estate_context, extra_context),
}

# A tag selection that selects nothing makes every selection's judgement
# take the general path; a store with an instance key makes every store's.
_t_unmatched_tags := _t_sel("aws_backup_selection.tags", "aws_backup_plan.daily", {"values": {"selection_tag": [{"key": "nothing", "value": "x"}]}})

_t_instance_volume := t.res("aws_ebs_volume.i[0]", {})

test_short_paths_judge_as_the_general_one if {
	subjects := {r.subject | some r in _t_estate_evidence}
	every hours in [24, 12] {
		fs := findings with input as _t_estate(hours, [], [])
		_plain_world with input as _t_estate(hours, [], [])
		general := {f | some f in findings with input as _t_estate(hours, [], [_t_unmatched_tags]); f.subject in subjects}
		not _simple_only with input as _t_estate(hours, [], [_t_unmatched_tags])
		mixed := {f | some f in findings with input as _t_estate(hours, [_t_instance_volume], []); f.subject in subjects}
		_simple_only with input as _t_estate(hours, [_t_instance_volume], [])
		not _plain_world with input as _t_estate(hours, [_t_instance_volume], [])
		count(fs) == count(subjects)
		fs == general
		fs == mixed
	}
}

test_estate_findings if {
	fs := findings with input as _t_estate(24, [], [])
	t.passing(fs) == {
		"tf:infra/aws_backup_plan.daily", "tf:infra/module.m.aws_backup_plan.p",
		"tf:infra/aws_ebs_volume.a", "tf:infra/aws_ebs_volume.e", "tf:infra/module.m.aws_ebs_volume.v",
		"tf:infra/aws_db_instance.a", "tf:infra/aws_db_instance.b",
	}
	t.inconclusive(fs) == {"tf:infra/aws_backup_plan.open", "tf:infra/aws_ebs_volume.c", "tf:infra/aws_ebs_volume.d", "tf:infra/aws_rds_cluster.c"}
	t.failing(fs) == {
		"tf:infra/aws_backup_plan.weekly", "tf:infra/aws_ebs_volume.b", "tf:infra/aws_efs_file_system.b",
		"tf:infra/aws_dynamodb_table.z", "tf:infra/aws_db_instance.d", "tf:infra/aws_db_instance.e",
	}
	some v in fs
	v.subject == "tf:infra/module.m.aws_ebs_volume.v"
	v.message == "aws_ebs_volume.v (module.m.aws_ebs_volume.v) is backed up by aws_backup_plan.p (module.m.aws_backup_plan.p) (selected by aws_backup_selection.s (module.m.aws_backup_selection.s)) with at most 12h between backups; claimed at most 24h"
	some e in fs
	e.subject == "tf:infra/aws_ebs_volume.e"
	e.evidence == ["sha256:aws_ebs_volume.e", "sha256:aws_backup_plan.daily", "sha256:aws_backup_selection.daily"]
	some b in fs
	b.subject == "tf:infra/aws_ebs_volume.b"
	b.message == "aws_ebs_volume.b is backed up only with longer gaps: aws_backup_plan.weekly (up to 168h (7 days)); claimed at most 24h"
	b.evidence == ["sha256:aws_ebs_volume.b", "sha256:aws_backup_plan.weekly", "sha256:aws_backup_selection.weekly"]
	some c in fs
	c.subject == "tf:infra/aws_ebs_volume.c"
	c.message == "aws_ebs_volume.c: selected by aws_backup_selection.open for aws_backup_plan.open, whose interval is undecided; claimed at most 24h"
}

test_estate_rds_slower_than_claimed if {
	fs := findings with input as _t_estate(12, [], [])
	some b in fs
	b.subject == "tf:infra/aws_db_instance.b"
	b.message == "aws_db_instance.b is backed up only with longer gaps: automated RDS backups (backup_retention_period not set: AWS keeps 1 day) daily, every 24h, aws_backup_plan.weekly (up to 168h (7 days)); claimed at most 12h"
	b.evidence == ["sha256:aws_db_instance.b", "sha256:aws_backup_plan.weekly", "sha256:aws_backup_selection.weekly"]
}
