package tomcheck.checks.backup.max_interval

import data.tomcheck.lib.aws
import data.tomcheck.lib.cron
import data.tomcheck.lib.finding
import data.tomcheck.lib.terraform as tf
import data.tomcheck.lib.text

# Backup plans

findings contains f if {
	some p in tf.judged_list("aws_backup_plan")
	f := finding.from(p, _plan_verdicts[p.subject])
}

# _analysis holds the analysis of every distinct schedule once: thousands of
# plans usually share a handful of schedules.
_analysis := {s: cron.analyse(s) |
	some p in tf.of_type_list("aws_backup_plan")
	some rule in tf.blocks_at(["rule"], p)
	s := rule.schedule
	is_string(s)
}

_plan_verdicts := {p.subject: _plan(p) | some p in tf.of_type_list("aws_backup_plan")}

_rules(p) := [info |
	some i, rule in tf.blocks_at(["rule"], p)
	info := _rule_info(i, rule, p)
]

_rule_name(i, rule) := sprintf("%q", [rule.rule_name]) if {
	is_string(rule.rule_name)
} else := sprintf("#%d", [i + 1])

_rule_info(i, rule, p) := {"kind": "unknown", "name": _rule_name(i, rule)} if {
	object.get(p.data.unknown, "rule", false) != false
	tf.unknown_at(["rule", i, "schedule"], p)
} else := {"kind": "none", "name": _rule_name(i, rule)} if {
	not is_string(object.get(rule, "schedule", null))
} else := object.union({"kind": "analysed", "name": _rule_name(i, rule), "schedule": rule.schedule}, _analysis[rule.schedule])

_plan(p) := {
	"state": "inconclusive",
	"en": sprintf("%s: its rules are known only after apply; %s", [tf.name(p), claimed]),
	"de": sprintf("%s: die Regeln sind erst nach dem Apply bekannt; %s", [tf.name(p), claimed_de]),
} if {
	p.data.unknown.rule == true
} else := {
	"state": "fail",
	"en": sprintf("%s has no backup rule; %s", [tf.name(p), claimed]),
	"de": sprintf("%s hat keine Sicherungsregel; %s", [tf.name(p), claimed_de]),
} if {
	count(_rules(p)) == 0
} else := v if {
	rules := _rules(p)
	timed := [r | some r in rules; r.gap]
	count(timed) > 0
	best := sort([[r.gap, r.name, i] | some i, r in timed])[0]
	v := _timed(p, timed[best[2]], rules)
} else := {
	"state": "inconclusive",
	"en": sprintf("%s: %s; %s", [tf.name(p), concat("; ", sort(reasons)), claimed]),
	"de": sprintf("%s: %s; %s", [tf.name(p), concat("; ", sort(reasons_de)), claimed_de]),
} if {
	reasons := [_open_reason(r) | some r in _rules(p); _open(r)]
	reasons_de := [_open_reason_de(r) | some r in _rules(p); _open(r)]
	count(reasons) > 0
} else := {
	"state": "fail",
	"en": sprintf("%s takes no scheduled backup: %s; %s", [tf.name(p), concat("; ", sort([_idle_reason(r) | some r in _rules(p)])), claimed]),
	"de": sprintf("%s erstellt keine planmäßige Sicherung: %s; %s", [tf.name(p), concat("; ", sort([_idle_reason_de(r) | some r in _rules(p)])), claimed_de]),
}

# _timed judges a plan by its most frequent rule r; a rule whose schedule is
# unknown or cannot be parsed could be more frequent, so a gap beyond the
# claim is then inconclusive rather than refuting.
_timed(p, r, rules) := {
	"state": "pass", "gap": r.gap,
	"en": sprintf("%s runs rule %s on %q: at most %s between backups; %s", [tf.name(p), r.name, r.schedule, text.duration(r.gap), claimed]),
	"de": sprintf("%s führt die Regel %s nach %q aus: höchstens %s zwischen zwei Sicherungen; %s", [tf.name(p), r.name, r.schedule, text.duration_de(r.gap), claimed_de]),
} if {
	r.gap <= limit
} else := {
	"state": "inconclusive", "gap": r.gap,
	"en": sprintf("%s runs its most frequent known rule %s on %q with up to %s between backups, but %s; %s", [tf.name(p), r.name, r.schedule, _gap_text(r), concat("; ", sort([_open_reason(o) | some o in rules; _open(o)])), claimed]),
	"de": sprintf("%s führt seine häufigste bekannte Regel %s nach %q mit bis zu %s zwischen zwei Sicherungen aus, aber %s; %s", [tf.name(p), r.name, r.schedule, _gap_text_de(r), concat("; ", sort([_open_reason_de(o) | some o in rules; _open(o)])), claimed_de]),
} if {
	some o in rules
	_open(o)
} else := {
	"state": "fail", "gap": r.gap,
	"en": sprintf("%s runs its most frequent rule %s on %q with up to %s between backups; %s", [tf.name(p), r.name, r.schedule, _gap_text(r), claimed]),
	"de": sprintf("%s führt seine häufigste Regel %s nach %q mit bis zu %s zwischen zwei Sicherungen aus; %s", [tf.name(p), r.name, r.schedule, _gap_text_de(r), claimed_de]),
}

_gap_text(r) := sprintf("more than %s (it runs at most once in six years)", [text.duration(r.gap)]) if {
	r.at_least
} else := text.duration(r.gap)

_gap_text_de(r) := sprintf("mehr als %s (höchstens einmal in sechs Jahren)", [text.duration_de(r.gap)]) if {
	r.at_least
} else := text.duration_de(r.gap)

_open(r) if r.kind == "unknown"

_open(r) if r.error

_open_reason(r) := sprintf("the schedule of rule %s is known only after apply", [r.name]) if {
	r.kind == "unknown"
} else := sprintf("rule %s: %s", [r.name, r.error])

_open_reason_de(r) := sprintf("der Zeitplan der Regel %s ist erst nach dem Apply bekannt", [r.name]) if {
	r.kind == "unknown"
} else := sprintf("Regel %s: %s", [r.name, r.error_de])

_idle_reason(r) := sprintf("rule %s has no schedule", [r.name]) if {
	r.kind == "none"
} else := sprintf("rule %s (%q) never runs", [r.name, r.schedule])

_idle_reason_de(r) := sprintf("Regel %s hat keinen Zeitplan", [r.name]) if {
	r.kind == "none"
} else := sprintf("Regel %s (%q) wird nie ausgeführt", [r.name, r.schedule])

# Data stores

_store_types := {
	"aws_db_instance": "rds",
	"aws_rds_cluster": "rds",
	"aws_ebs_volume": "ec2",
	"aws_efs_file_system": "elasticfilesystem",
	"aws_dynamodb_table": "dynamodb",
}

findings contains f if {
	some t, _ in _store_types
	some st in tf.judged_list(t)
	f := finding.from(st, _store(st))
}

_store(st) := {
	"state": "pass", "used": {s, p},
	"en": sprintf("%s is backed up by %s (selected by %s) with at most %s between backups; %s", [tf.name(st), tf.name(p), tf.name(s), text.duration(gap), claimed]),
	"de": sprintf("%s wird von %s gesichert (ausgewählt durch %s), höchstens %s zwischen zwei Sicherungen; %s", [tf.name(st), tf.name(p), tf.name(s), text.duration_de(gap), claimed_de]),
} if {
	# Subjects are unique, so the records never decide the order.
	passing := sort([[v.gap, s.subject, p.subject, s, p] |
		some [m, s] in _matches(st)
		m == "yes"
		some p in _selection_plans(s)
		v := _plan_verdicts[p.subject]
		v.state == "pass"
	])
	count(passing) > 0
	[gap, _, _, s, p] := passing[0]
} else := {
	"state": "pass",
	"en": sprintf("%s has automated RDS backups (%s): daily, at most 24h between backups; %s", [tf.name(st), a.how, claimed]),
	"de": sprintf("%s hat automatische RDS-Sicherungen (%s): täglich, höchstens 24 Std. zwischen zwei Sicherungen; %s", [tf.name(st), a.how_de, claimed_de]),
} if {
	a := _automated(st)
	a.on
	1440 <= limit
} else := {
	"state": "inconclusive", "used": used,
	"en": sprintf("%s: %s; %s", [tf.name(st), concat("; ", sort([x.en | some x in open])), claimed]),
	"de": sprintf("%s: %s; %s", [tf.name(st), concat("; ", sort([x.de | some x in open])), claimed_de]),
} if {
	open := _open_coverage(st)
	count(open) > 0
	used := {r | some x in open; some r in x.used}
} else := {
	"state": "fail", "used": used,
	"en": sprintf("%s is backed up only with longer gaps: %s; %s", [tf.name(st), concat(", ", sort([x.en | some x in slow])), claimed]),
	"de": sprintf("%s wird nur mit längeren Abständen gesichert: %s; %s", [tf.name(st), concat(", ", sort([x.de | some x in slow])), claimed_de]),
} if {
	slow := _slow_coverage(st)
	count(slow) > 0
	used := {r | some x in slow; some r in x.used}
} else := {
	"state": "fail",
	"en": sprintf("%s is not covered by any backup plan; %s", [tf.name(st), claimed]),
	"de": sprintf("%s ist von keinem Sicherungsplan erfasst; %s", [tf.name(st), claimed_de]),
}

# _open_coverage lists why a store might be covered but cannot be judged.
_open_coverage(st) := (({x |
	some [m, s] in _matches(st)
	m == "yes"
	some p in _selection_plans(s)
	_plan_verdicts[p.subject].state == "inconclusive"
	x := {
		"used": [s, p],
		"en": sprintf("selected by %s for %s, whose interval is undecided", [tf.name(s), tf.name(p)]),
		"de": sprintf("durch %s für %s ausgewählt, dessen Intervall offen ist", [tf.name(s), tf.name(p)]),
	}
} | {x |
	some [m, s] in _matches(st)
	m == "maybe"
	x := {
		"used": [s],
		"en": sprintf("%s may select it, but %s", [tf.name(s), _maybe_reason(s)[0]]),
		"de": sprintf("%s wählt es eventuell aus, aber %s", [tf.name(s), _maybe_reason(s)[1]]),
	}
}) | {x |
	some [m, s] in _matches(st)
	m == "yes"
	count(_selection_plans(s)) == 0
	x := {
		"used": [s],
		"en": sprintf("selected by %s, whose backup plan is not in the evidence", [tf.name(s)]),
		"de": sprintf("durch %s ausgewählt, dessen Sicherungsplan nicht in den Nachweisen ist", [tf.name(s)]),
	}
}) | {x |
	_automated(st).unknown
	x := {
		"used": [],
		"en": "backup_retention_period is known only after apply",
		"de": "backup_retention_period ist erst nach dem Apply bekannt",
	}
}

_slow_coverage(st) := {x |
	some [m, s] in _matches(st)
	m == "yes"
	some p in _selection_plans(s)
	v := _plan_verdicts[p.subject]
	v.state == "fail"
	x := {
		"used": [s, p],
		"en": _slow_text(v, p),
		"de": _slow_text_de(v, p),
	}
} | {x |
	a := _automated(st)
	a.on
	x := {
		"used": [],
		"en": sprintf("automated RDS backups (%s) daily, every 24h", [a.how]),
		"de": sprintf("automatische RDS-Sicherungen (%s) täglich, alle 24 Std.", [a.how_de]),
	}
}

_slow_text(v, p) := sprintf("%s (up to %s)", [tf.name(p), text.duration(v.gap)]) if {
	v.gap
} else := sprintf("%s (no scheduled backup)", [tf.name(p)])

_slow_text_de(v, p) := sprintf("%s (bis zu %s)", [tf.name(p), text.duration_de(v.gap)]) if {
	v.gap
} else := sprintf("%s (keine planmäßige Sicherung)", [tf.name(p)])

# _automated describes RDS automated backups: on when backup_retention_period
# is above 0. AWS's default is 1 day, except for read replicas (0).
_automated(st) := {"unknown": true} if {
	st.data.type in {"aws_db_instance", "aws_rds_cluster"}
	st.data.unknown.backup_retention_period == true
} else := {"on": true, "how": sprintf("backup_retention_period = %v", [n]), "how_de": sprintf("backup_retention_period = %v", [n])} if {
	st.data.type in {"aws_db_instance", "aws_rds_cluster"}
	n := object.get(st.data.values, "backup_retention_period", null)
	is_number(n)
	n > 0
} else := {"on": true, "how": "backup_retention_period not set: AWS keeps 1 day", "how_de": "backup_retention_period nicht gesetzt: AWS behält 1 Tag"} if {
	st.data.type in {"aws_db_instance", "aws_rds_cluster"}
	object.get(st.data.values, "backup_retention_period", null) == null
	object.get(st.data.values, "replicate_source_db", null) == null
	count(object.get(st.data.references, "replicate_source_db", [])) == 0
} else := {}

# Selections

# _matches(st) is the set of [match, selection] of the selections that select
# the store: match is "yes", or "maybe" when it depends on a value known only
# after apply. Candidates come from indexes, never from a scan of all selections.
_matches(st) := {[m, s] |
	k := tf.key(st)
	arns := {a | a := aws.arn(st)}
	labels := object.get(st, "labels", {})
	some s in _candidates(arns, labels, k)
	m := _selects(st.data.type, arns, labels, s, k)
}

# The store is passed on as plain values: its key, the set of its ARN (empty
# when it has none), its labels and its type.
_candidates(arns, labels, k) := ((object.get(_sel_by_ref, k, set()) | {s |
	some a in arns
	some s in object.get(_sel_by_arn, a, set())
}) | {s |
	some tk, _ in labels
	some s in object.get(_sel_by_tag_key, tk, set())
}) | _sel_open

_sel_by_ref := tf.group([[k, s] |
	some s in tf.of_type_list("aws_backup_selection")
	some ref in object.get(s.data.references, "resources", [])
	k := tf.ref_key(s, ref)
])

_sel_by_arn := tf.group([[a, s] |
	some s in tf.of_type_list("aws_backup_selection")
	some a in _resource_values("resources", s)
	not contains(a, "*")
])

# A selection by tags is found through the store's tag keys: any
# selection_tag key, or the first positive condition of a selection whose
# resources are wildcards or absent.
_sel_by_tag_key := tf.group(array.concat(
	[[k, s] |
		some s in tf.of_type_list("aws_backup_selection")
		some tag in tf.blocks_at(["selection_tag"], s)
		k := tag.key
	],
	[[k, s] |
		some s in tf.of_type_list("aws_backup_selection")
		_wide(s)
		positive := sort([c.key | some c in _conditions(s); c.op in {"string_equals", "string_like"}])
		count(positive) > 0
		k := positive[0]
	],
))

# _sel_open holds the wide selections no tag key narrows down: they are
# tried against every store, so they should be few.
_sel_open contains s if {
	some s in tf.of_type_list("aws_backup_selection")
	_wide(s)
	not _has_positive_condition(s)
}

_sel_open contains s if {
	some s in tf.of_type_list("aws_backup_selection")
	s.data.unknown.resources == true
	count(object.get(s.data.references, "resources", [])) == 0
}

_sel_open contains s if {
	some s in tf.of_type_list("aws_backup_selection")
	_tags_unknown(s)
}

# _maybe_reason says why a selection may or may not select a store.
_maybe_reason(s) := ["its tags or conditions are known only after apply", "seine Tags oder Bedingungen sind erst nach dem Apply bekannt"] if {
	_tags_unknown(s)
} else := ["its resources are known only after apply", "seine Ressourcen sind erst nach dem Apply bekannt"] if {
	s.data.unknown.resources == true
} else := ["it lists an ARN pattern and the store's ARN is known only after apply", "es nennt ein ARN-Muster, und der ARN des Speichers ist erst nach dem Apply bekannt"]

# _tags_unknown holds when the selection's tags or conditions are known only after apply.
_tags_unknown(s) if s.data.unknown.selection_tag == true

_tags_unknown(s) if s.data.unknown.condition == true

_has_positive_condition(s) if {
	some c in _conditions(s)
	c.op in {"string_equals", "string_like"}
}

# _wide holds for a selection that lists wildcard ARNs, or neither resources
# nor selection tags (conditions only).
_wide(s) if {
	some a in _resource_values("resources", s)
	contains(a, "*")
}

_wide(s) if {
	count(_resource_values("resources", s)) == 0
	count(object.get(s.data.references, "resources", [])) == 0
	count(tf.blocks_at(["selection_tag"], s)) == 0
	count(_conditions(s)) > 0
}

_resource_values(attr, s) := [a | some a in object.get(s.data.values, [attr], null); is_string(a)] if {
	is_array(object.get(s.data.values, [attr], null))
} else := []

_conditions(s) := [{"op": op, "key": trim_prefix(c.key, "aws:ResourceTag/"), "value": c.value} |
	some block in tf.blocks_at(["condition"], s)
	some op in ["string_equals", "string_like", "string_not_equals", "string_not_like"]
	some c in object.get(block, op, [])
]

# _info is what _selects needs of a selection, read once per selection.
_info(s) := {
	"ref_keys": {tf.ref_key(s, ref) | some ref in tf.refs(s, "resources")},
	"values": _resource_values("resources", s),
	"not_ref_keys": {tf.ref_key(s, ref) | some ref in tf.refs(s, "not_resources")},
	"not_values": _resource_values("not_resources", s),
	"tags": tf.blocks_at(["selection_tag"], s),
	"conditions": _conditions(s),
	"wide": count([1 | _wide(s)]) > 0,
	"tags_unknown": count([1 | _tags_unknown(s)]) > 0,
}

# _simple holds for a selection that only refers to resources: it selects
# exactly the stores it refers to.
_simple(s) if {
	i := _info(s)
	count(i.ref_keys) > 0
	count(i.values) == 0
	count(i.not_ref_keys) == 0
	count(i.not_values) == 0
	count(i.tags) == 0
	count(i.conditions) == 0
	i.wide == false
	i.tags_unknown == false
}

# _selects is "yes" or "maybe" when selection s assigns the store (key k,
# ARNs arns, labels, type) to its plan. Resources and selection tags are
# alternatives; conditions must all hold; not_resources excludes.
_selects(type, arns, labels, s, k) := "yes" if {
	_simple(s)
	k in _info(s).ref_keys
} else := m if {
	not _simple(s)
	i := _info(s)
	m := _base_match(type, arns, labels, s, i, k)
	not _excluded(i, k, arns)
	every c in i.conditions {
		_condition_holds(c, labels)
	}
}

_excluded(i, k, arns) if {
	count(i.not_ref_keys) + count(i.not_values) > 0
	_listed(arns, i.not_values, i.not_ref_keys, k)
}

_base_match(type, arns, labels, s, i, k) := "yes" if {
	_listed(arns, i.values, i.ref_keys, k)
} else := "yes" if {
	some tag in i.tags
	upper(object.get(tag, "type", "STRINGEQUALS")) == "STRINGEQUALS"
	labels[tag.key] == tag.value
} else := "yes" if {
	i.wide
	count(i.values) == 0
} else := "maybe" if {
	count(arns) == 0
	some a in i.values
	contains(a, "*")
	aws.arn_service(a) in {"*", _store_types[type]}
} else := "maybe" if {
	s.data.unknown.resources == true
	count(object.get(s.data.references, "resources", [])) == 0
} else := "maybe" if {
	_tags_unknown(s)
}

# _listed holds when resources (ref_keys, the keys the selection refers to,
# and values, its ARNs and patterns) name the store.
_listed(_, _, ref_keys, k) if k in ref_keys

_listed(_, values, _, _) if "*" in values

_listed(arns, values, _, _) if {
	some a in arns
	some pattern in values
	glob.match(pattern, null, a)
}

_condition_holds(c, labels) if {
	c.op == "string_equals"
	labels[c.key] == c.value
}

_condition_holds(c, labels) if {
	c.op == "string_like"
	glob.match(c.value, null, labels[c.key])
}

_condition_holds(c, labels) if {
	c.op == "string_not_equals"
	object.get(labels, c.key, null) != c.value
}

_condition_holds(c, labels) if {
	c.op == "string_not_like"
	not glob.match(c.value, null, object.get(labels, c.key, ""))
}

# _selection_plans are the backup plans a selection belongs to: by reference
# through plan_id, else by the plan id value.
_selection_plans(s) := ps if {
	ps := tf.referenced_at("plan_id", s)
	count(ps) > 0
} else := {p |
	id := object.get(s.data.values, "plan_id", null)
	is_string(id)
	some p in object.get(_plans_by_id, id, set())
}

_plans_by_id := tf.group([[id, p] |
	some p in tf.of_type_list("aws_backup_plan")
	id := object.get(p.data.values, "id", null)
	is_string(id)
])
