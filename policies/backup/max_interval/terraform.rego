package tomcheck.checks.backup.max_interval

import data.tomcheck.lib.aws
import data.tomcheck.lib.cron
import data.tomcheck.lib.terraform as tf
import data.tomcheck.lib.text

# Evaluation cost: every plan and every selection is judged once, into an
# object keyed by subject; a store then looks up the selections that refer
# to it and reads their facts. The usual cases (a plan with one known rule,
# a selection that only refers to resources and belongs to one plan, a
# store whose selections all only refer to resources) take a short path,
# written out beside the general one it shortens; display names of module
# addresses come from one regex.replace per list of records (_names).

# Backup plans

# A plan's finding is its verdict; it relies on no other record.
findings contains f if {
	some p in tf.judged_list("aws_backup_plan")
	v := _plan_verdicts[p.subject]
	v.state != "inconclusive"
	f := {
		"subject": p.subject, "pass": v.state == "pass",
		"evidence": [p.digest], "message": v.en, "message_de": v.de,
	}
}

findings contains f if {
	some p in tf.judged_list("aws_backup_plan")
	v := _plan_verdicts[p.subject]
	v.state == "inconclusive"
	f := {
		"subject": p.subject, "pass": false, "inconclusive": true,
		"evidence": [p.digest], "message": v.en, "message_de": v.de,
	}
}

_plans := tf.of_type_list("aws_backup_plan")

# _plan_verdicts holds every plan's verdict by subject: state, en, de, the
# plan's display name and, when a rule is timed, the gap of its most
# frequent rule; a passing verdict has the gap's texts (gap_en, gap_de), a
# failing one the texts naming the plan as a slower backup of a store
# (slow_en, slow_de). A plan without a display name has no verdict, as
# with tf.name.
_plan_verdicts := {p.subject: _plan(p, name) |
	some i, p in _plans
	name := _plan_names[i]
	name != null
}

_plan_names := _names(concat("\n", [p.data.address | some p in _plans]), _plans)

# _plan judges plan p (display name name). The first two branches are the
# usual plan: nothing unknown in its rules and one rule, with a name, whose
# schedule has a gap (see _schedule), so _rules(p) is [r], r its most
# frequent timed rule and no rule open, and _timed passes or fails it.
_plan(p, name) := {
	"state": "pass", "name": name, "gap": sched.gap, "gap_en": sched.en, "gap_de": sched.de,
	"en": sprintf("%s runs rule %s on %q: at most %s between backups; %s", [name, rule_name, schedule, sched.en, claimed]),
	"de": sprintf("%s führt die Regel %s nach %q aus: höchstens %s zwischen zwei Sicherungen; %s", [name, rule_name, schedule, sched.de, claimed_de]),
} if {
	object.get(p.data.unknown, "rule", false) == false
	[rule] := object.get(p.data.values, "rule", null)
	schedule := object.get(rule, "schedule", null)
	sched := _schedule(schedule)
	sched.gap <= limit
	is_string(rule.rule_name)
	rule_name := sprintf("%q", [rule.rule_name])
} else := {
	"state": "fail", "name": name, "gap": sched.gap,
	"slow_en": sprintf("%s (up to %s)", [name, sched.en]),
	"slow_de": sprintf("%s (bis zu %s)", [name, sched.de]),
	"en": sprintf("%s runs its most frequent rule %s on %q with up to %s between backups; %s", [name, rule_name, schedule, sched.gap_en, claimed]),
	"de": sprintf("%s führt seine häufigste Regel %s nach %q mit bis zu %s zwischen zwei Sicherungen aus; %s", [name, rule_name, schedule, sched.gap_de, claimed_de]),
} if {
	object.get(p.data.unknown, "rule", false) == false
	[rule] := object.get(p.data.values, "rule", null)
	schedule := object.get(rule, "schedule", null)
	sched := _schedule(schedule)
	sched.gap > limit
	is_string(rule.rule_name)
	rule_name := sprintf("%q", [rule.rule_name])
} else := _plan_of_rules(p, name, _rules(p))

# _schedule is what the messages need of a schedule s that has a gap and no
# error: the gap, its duration texts (at most ...) and gap texts (with up to
# ...). It is computed once per schedule: thousands of plans usually share a
# handful of schedules.
_schedule(s) := {
	"gap": a.gap,
	"en": text.duration(a.gap), "de": text.duration_de(a.gap),
	"gap_en": _gap_text(a), "gap_de": _gap_text_de(a),
} if {
	is_string(s)
	a := cron.analyse(s)
	a.gap
	not a.error
}

# _rules describes the rules of plan p, in order.
_rules(p) := [info |
	u := object.get(p.data, "unknown", {})
	some i, rule in tf.blocks_at(["rule"], p)
	info := _rule_info(i, rule, u)
]

_rule_name(i, rule) := sprintf("%q", [rule.rule_name]) if {
	is_string(rule.rule_name)
} else := sprintf("#%d", [i + 1])

# _rule_info is the kind of rule i (unknown schedule, none, analysed) with
# its name and, when analysed, its schedule and analysis; u is the plan's
# data.unknown.
_rule_info(i, rule, u) := {"kind": "unknown", "name": _rule_name(i, rule)} if {
	object.get(u, "rule", false) != false
	_schedule_unknown(u, i)
} else := {"kind": "none", "name": _rule_name(i, rule)} if {
	not is_string(object.get(rule, "schedule", null))
} else := object.union({"kind": "analysed", "name": _rule_name(i, rule), "schedule": rule.schedule}, cron.analyse(rule.schedule))

# _schedule_unknown holds when the schedule of rule i, the rule or all rules
# are known only after apply (tf.unknown_at(["rule", i, "schedule"], p) on
# the plan's data.unknown u).
_schedule_unknown(u, i) if object.get(u, ["rule", i, "schedule"], false) == true

_schedule_unknown(u, _) if object.get(u, ["rule"], false) == true

_schedule_unknown(u, i) if object.get(u, ["rule", i], false) == true

# _plan_of_rules judges plan p (display name name, rule descriptions rules):
# by its most frequent timed rule, else why none can be timed.
_plan_of_rules(p, name, rules) := {
	"state": "inconclusive", "name": name,
	"en": sprintf("%s: its rules are known only after apply; %s", [name, claimed]),
	"de": sprintf("%s: die Regeln sind erst nach dem Apply bekannt; %s", [name, claimed_de]),
} if {
	p.data.unknown.rule == true
} else := {
	"state": "fail", "name": name,
	"slow_en": sprintf("%s (no scheduled backup)", [name]),
	"slow_de": sprintf("%s (keine planmäßige Sicherung)", [name]),
	"en": sprintf("%s has no backup rule; %s", [name, claimed]),
	"de": sprintf("%s hat keine Sicherungsregel; %s", [name, claimed_de]),
} if {
	count(rules) == 0
} else := v if {
	timed := [r | some r in rules; r.gap]
	count(timed) > 0
	best := sort([[r.gap, r.name, i] | some i, r in timed])[0]
	v := _timed(name, timed[best[2]], rules)
} else := {
	"state": "inconclusive", "name": name,
	"en": sprintf("%s: %s; %s", [name, concat("; ", sort(reasons)), claimed]),
	"de": sprintf("%s: %s; %s", [name, concat("; ", sort(reasons_de)), claimed_de]),
} if {
	reasons := [_open_reason(r) | some r in rules; _open(r)]
	reasons_de := [_open_reason_de(r) | some r in rules; _open(r)]
	count(reasons) > 0
} else := {
	"state": "fail", "name": name,
	"slow_en": sprintf("%s (no scheduled backup)", [name]),
	"slow_de": sprintf("%s (keine planmäßige Sicherung)", [name]),
	"en": sprintf("%s takes no scheduled backup: %s; %s", [name, concat("; ", sort([_idle_reason(r) | some r in rules])), claimed]),
	"de": sprintf("%s erstellt keine planmäßige Sicherung: %s; %s", [name, concat("; ", sort([_idle_reason_de(r) | some r in rules])), claimed_de]),
}

# _timed judges a plan (display name name) by its most frequent rule r; a
# rule whose schedule is unknown or cannot be parsed could be more frequent,
# so a gap beyond the claim is then inconclusive rather than refuting.
_timed(name, r, rules) := {
	"state": "pass", "name": name, "gap": r.gap,
	"gap_en": text.duration(r.gap), "gap_de": text.duration_de(r.gap),
	"en": sprintf("%s runs rule %s on %q: at most %s between backups; %s", [name, r.name, r.schedule, text.duration(r.gap), claimed]),
	"de": sprintf("%s führt die Regel %s nach %q aus: höchstens %s zwischen zwei Sicherungen; %s", [name, r.name, r.schedule, text.duration_de(r.gap), claimed_de]),
} if {
	r.gap <= limit
} else := {
	"state": "inconclusive", "name": name, "gap": r.gap,
	"en": sprintf("%s runs its most frequent known rule %s on %q with up to %s between backups, but %s; %s", [name, r.name, r.schedule, _gap_text(r), concat("; ", sort([_open_reason(o) | some o in rules; _open(o)])), claimed]),
	"de": sprintf("%s führt seine häufigste bekannte Regel %s nach %q mit bis zu %s zwischen zwei Sicherungen aus, aber %s; %s", [name, r.name, r.schedule, _gap_text_de(r), concat("; ", sort([_open_reason_de(o) | some o in rules; _open(o)])), claimed_de]),
} if {
	some o in rules
	_open(o)
} else := {
	"state": "fail", "name": name, "gap": r.gap,
	"slow_en": sprintf("%s (up to %s)", [name, text.duration(r.gap)]),
	"slow_de": sprintf("%s (bis zu %s)", [name, text.duration_de(r.gap)]),
	"en": sprintf("%s runs its most frequent rule %s on %q with up to %s between backups; %s", [name, r.name, r.schedule, _gap_text(r), claimed]),
	"de": sprintf("%s führt seine häufigste Regel %s nach %q mit bis zu %s zwischen zwei Sicherungen aus; %s", [name, r.name, r.schedule, _gap_text_de(r), claimed_de]),
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

_rds := {"aws_db_instance", "aws_rds_cluster"}

# _stores are the judged data stores other than RDS, _rds_stores the RDS
# ones. Each store is read once into a row, by index: [address, the
# subjects of the selections that refer to its address in its target (in
# _sel_refs, empty when none), subject, digest]; then come the joined
# addresses and the display names (_names), by index too.
_stores := [st | some t in ["aws_ebs_volume", "aws_efs_file_system", "aws_dynamodb_table"]; some st in tf.judged_list(t)]

_rds_stores := [st | some t in ["aws_db_instance", "aws_rds_cluster"]; some st in tf.judged_list(t)]

_store_rows := _rows(_stores)

_rds_rows := _rows(_rds_stores)

_rows(stores) := [[a, object.get(object.get(_sel_refs, st.source.target, {}), a, set()), st.subject, st.digest] |
	some st in stores
	a := st.data.address
]

_store_addresses := concat("\n", [row[0] | some row in _store_rows])

_rds_addresses := concat("\n", [row[0] | some row in _rds_rows])

_store_names := _names(_store_addresses, _stores)

_rds_names := _names(_rds_addresses, _rds_stores)

# _plain_world holds when every selection is simple and no store address
# has an instance key or a "/" (so that target and address make a store's
# key unambiguously): the selections that refer to a store's address in
# its target are then those that select it. (Every store has a row.)
_plain_world if {
	_simple_only
	count(_store_rows) == count(_stores)
	count(_rds_rows) == count(_rds_stores)
	_plain_addresses(_store_addresses)
	_plain_addresses(_rds_addresses)
}

_plain_addresses(joined) if {
	contains(joined, "[") == false
	contains(joined, "/") == false
}

# A data store's finding: the selections that select it and, for RDS, its
# automated backups decide it. When _plain_world holds, the first rule is
# _store's first branch (nothing may cover the store) for a store other
# than RDS that no selection refers to, written out; the others go through
# _plain_store. Else a store takes the general path (_mixed_store decides
# per store when every selection is simple).
findings contains f if {
	_plain_world
	some i, [_, yes, subject, digest] in _store_rows
	count(yes) == 0
	name := _store_names[i]
	f := {
		"subject": subject, "pass": false, "evidence": [digest],
		"message": sprintf("%s is not covered by any backup plan; %s", [name, claimed]),
		"message_de": sprintf("%s ist von keinem Sicherungsplan erfasst; %s", [name, claimed_de]),
	}
}

findings contains f if {
	_plain_world
	some i, row in _store_rows
	count(row[1]) > 0
	f := _plain_store(_stores[i], _store_names[i], row[1], {})
}

findings contains f if {
	_plain_world
	some i, st in _rds_stores
	f := _plain_store(st, _rds_names[i], _rds_rows[i][1], _automated(st))
}

findings contains f if {
	_simple_only
	not _plain_world
	some st in array.concat(_stores, _rds_stores)
	f := _mixed_store(st)
}

findings contains f if {
	not _simple_only
	some st in array.concat(_stores, _rds_stores)
	f := _general_store(st)
}

# _mixed_store judges store st when every selection is simple but some
# store address has an instance key or a "/": such a store takes the
# general path, the others the plain one.
_mixed_store(st) := _general_store(st) if {
	contains(st.data.address, "[")
} else := _general_store(st) if {
	contains(st.data.address, "/")
} else := _plain_store(
	st, _name(st),
	object.get(object.get(_sel_refs, st.source.target, {}), st.data.address, set()),
	_automation(st),
)

# _general_store judges store st by _store.
_general_store(st) := _store(st, _name(st), ms[0], ms[1], _automation(st)) if {
	ms := _store_matches(st)
}

# _automation is the automated backups of store st: _automated for RDS,
# else none.
_automation(st) := _automated(st) if {
	st.data.type in _rds
} else := {}

# _plain_store judges store st (display name name) whose selections are
# exactly yes, those that refer to it (see _plain_world), with automated
# backups a ({} when none). The branches are _store's for that case: a
# passing plan; automated backups within the claim; slower plans when
# there are no automated backups and no selection has open items; the
# rest (open, slow, not covered) by _store.
_plain_store(st, name, yes, a) := {
	"subject": st.subject, "pass": true,
	"evidence": array.concat([st.digest], sort({sel_digest, plan_digest} - {st.digest})),
	"message": sprintf("%s is backed up by %s (selected by %s) with at most %s between backups; %s", [name, plan, sel, gap_en, claimed]),
	"message_de": sprintf("%s wird von %s gesichert (ausgewählt durch %s), höchstens %s zwischen zwei Sicherungen; %s", [name, plan, sel, gap_de, claimed_de]),
} if {
	count(yes) > 0

	# Subjects are unique, so the digests and texts never decide the order.
	passing := [e | some ss in yes; some e in _sels[ss].pass]
	count(passing) > 0
	[_, _, _, plan_digest, sel_digest, sel, plan, gap_en, gap_de] := sort(passing)[0]
} else := {
	"subject": st.subject, "pass": true, "evidence": [st.digest],
	"message": sprintf("%s has automated RDS backups (%s): daily, at most 24h between backups; %s", [name, a.how, claimed]),
	"message_de": sprintf("%s hat automatische RDS-Sicherungen (%s): täglich, höchstens 24 Std. zwischen zwei Sicherungen; %s", [name, a.how_de, claimed_de]),
} if {
	a.on
	1440 <= limit
} else := {
	"subject": st.subject, "pass": false,
	"evidence": _evidence(st.digest, {d | some x in slow; some d in x.used}),
	"message": sprintf("%s is backed up only with longer gaps: %s; %s", [name, concat(", ", sort([x.en | some x in slow])), claimed]),
	"message_de": sprintf("%s wird nur mit längeren Abständen gesichert: %s; %s", [name, concat(", ", sort([x.de | some x in slow])), claimed_de]),
} if {
	count(a) == 0
	not _any_open
	slow := [x | some ss in yes; some x in _sels[ss].slow]
	count(slow) > 0
} else := _store(st, name, yes, set(), a)

# _passing is the passing finding about store st (display name name) backed
# up by the plan and selection of the pass entry e (see _sel_facts); the
# first branch of _plain_store writes it out.
_passing(st, name, e) := {
	"subject": st.subject, "pass": true,
	"evidence": array.concat([st.digest], sort({sel_digest, plan_digest} - {st.digest})),
	"message": sprintf("%s is backed up by %s (selected by %s) with at most %s between backups; %s", [name, plan, sel, gap_en, claimed]),
	"message_de": sprintf("%s wird von %s gesichert (ausgewählt durch %s), höchstens %s zwischen zwei Sicherungen; %s", [name, plan, sel, gap_de, claimed_de]),
} if {
	[_, _, _, plan_digest, sel_digest, sel, plan, gap_en, gap_de] := e
}

# _store judges store st (display name name) from the subjects of the
# selections that select it (yes) or may select it (maybe) and a, its
# automated backups ({} when it has none): a passing plan, else automated
# backups within the claim, else what leaves it open, else the slower
# backups, else nothing covers it. The first branch is the last one's
# shortcut for a store nothing may cover.
_store(st, name, yes, maybe, a) := {
	"subject": st.subject, "pass": false, "evidence": [st.digest],
	"message": sprintf("%s is not covered by any backup plan; %s", [name, claimed]),
	"message_de": sprintf("%s ist von keinem Sicherungsplan erfasst; %s", [name, claimed_de]),
} if {
	(count(yes) + count(maybe)) + count(a) == 0
} else := _passing(st, name, sort(passing)[0]) if {
	count(yes) > 0

	# Subjects are unique, so the digests and texts never decide the order.
	passing := [e | some ss in yes; some e in _sels[ss].pass]
	count(passing) > 0
} else := {
	"subject": st.subject, "pass": true, "evidence": [st.digest],
	"message": sprintf("%s has automated RDS backups (%s): daily, at most 24h between backups; %s", [name, a.how, claimed]),
	"message_de": sprintf("%s hat automatische RDS-Sicherungen (%s): täglich, höchstens 24 Std. zwischen zwei Sicherungen; %s", [name, a.how_de, claimed_de]),
} if {
	a.on
	1440 <= limit
} else := {
	"subject": st.subject, "pass": false, "inconclusive": true,
	"evidence": _evidence(st.digest, {d | some x in open; some d in x.used}),
	"message": sprintf("%s: %s; %s", [name, concat("; ", sort([x.en | some x in open])), claimed]),
	"message_de": sprintf("%s: %s; %s", [name, concat("; ", sort([x.de | some x in open])), claimed_de]),
} if {
	open := _open_coverage(yes, maybe, a)
	count(open) > 0
} else := {
	"subject": st.subject, "pass": false,
	"evidence": _evidence(st.digest, {d | some x in slow; some d in x.used}),
	"message": sprintf("%s is backed up only with longer gaps: %s; %s", [name, concat(", ", sort([x.en | some x in slow])), claimed]),
	"message_de": sprintf("%s wird nur mit längeren Abständen gesichert: %s; %s", [name, concat(", ", sort([x.de | some x in slow])), claimed_de]),
} if {
	slow := _slow_coverage(yes, a)
	count(slow) > 0
} else := {
	"subject": st.subject, "pass": false, "evidence": [st.digest],
	"message": sprintf("%s is not covered by any backup plan; %s", [name, claimed]),
	"message_de": sprintf("%s ist von keinem Sicherungsplan erfasst; %s", [name, claimed_de]),
}

# _open_coverage lists why a store might be covered but cannot be judged, as
# {"used": digests, "en", "de"}: the open items of the selections that
# select it (see _sel_facts), the selections that may select it, and an RDS
# retention known only after apply. (Each item names its own selection or
# plan, so the list has no duplicates.) The first branch is the usual
# case: nothing may select it, and no selection has open items.
_open_coverage(yes, maybe, a) := [] if {
	count(maybe) == 0
	not a.unknown
	not _any_open
} else := array.concat(
	array.concat(
		[x | some ss in yes; some x in _sels[ss].open],
		[x | some ss in maybe; x := _maybe_item(_sels[ss])],
	),
	[x |
		a.unknown
		x := {
			"used": [],
			"en": "backup_retention_period is known only after apply",
			"de": "backup_retention_period ist erst nach dem Apply bekannt",
		}
	],
)

# _any_open holds when some selection has open items.
_any_open if {
	some sel in _sels
	count(sel.open) > 0
}

# _maybe_item is the open item of a selection (its facts sel) that may
# select a store.
_maybe_item(sel) := {
	"used": [sel.digest],
	"en": sprintf("%s may select it, but %s", [sel.name, reason[0]]),
	"de": sprintf("%s wählt es eventuell aus, aber %s", [sel.name, reason[1]]),
} if {
	reason := _maybe_reason(sel.s)
}

# _slow_coverage lists the backups that do cover a store, but too rarely:
# the slow items of the selections that select it, and RDS automated
# backups.
_slow_coverage(yes, a) := array.concat(
	[x | some ss in yes; some x in _sels[ss].slow],
	[x |
		a.on
		x := {
			"used": [],
			"en": sprintf("automated RDS backups (%s) daily, every 24h", [a.how]),
			"de": sprintf("automatische RDS-Sicherungen (%s) täglich, alle 24 Std.", [a.how_de]),
		}
	],
)

# _automated describes the automated backups of RDS store st: on when
# backup_retention_period is above 0. AWS's default is 1 day, except for
# read replicas (0).
_automated(st) := {"unknown": true} if {
	st.data.unknown.backup_retention_period == true
} else := {"on": true, "how": how, "how_de": how} if {
	n := object.get(st.data.values, "backup_retention_period", null)
	is_number(n)
	n > 0
	how := sprintf("backup_retention_period = %v", [n])
} else := {"on": true, "how": "backup_retention_period not set: AWS keeps 1 day", "how_de": "backup_retention_period nicht gesetzt: AWS behält 1 Tag"} if {
	object.get(st.data.values, "backup_retention_period", null) == null
	object.get(st.data.values, "replicate_source_db", null) == null
	count(object.get(st.data.references, "replicate_source_db", [])) == 0
} else := {}

# _evidence is d, then the sorted digests in used other than d.
_evidence(d, used) := [d] if {
	count(used) == 0
} else := array.concat([d], sort({x | some x in used; x != d}))

# _name is tf.name(r), the display name; an address without instance keys
# is turned into it by one regex.replace (see _name_re).
_name(r) := regex.replace(a, _name_re, _name_template) if {
	a := r.data.address
	not contains(a, "[")
} else := tf.name(r)

# _names are the display names (_name) of the records rs, by index (null
# when a record has none), whose addresses joined by line breaks are
# addresses. When every record has an address and no address has an
# instance key or a line break, one regex.replace over all of them turns
# each line into its name (_names_re is _name_re line by line).
_names(addresses, rs) := names if {
	contains(addresses, "[") == false
	names := split(regex.replace(addresses, _names_re, _name_template), "\n")
	count(names) == count(rs)
} else := [_name_or_null(r) | some r in rs]

_name_or_null(r) := n if {
	n := _name(r)
} else := null

# _name_re and _name_template turn an address without instance keys into
# tf.name's display name: a module address ("module." and at least one dot
# more) into "type.name (address)", with the last two parts of the address
# as type and name; "module.x" into "module.x (module.x)"; any other address
# stays as it is.
_name_re := `(?s)^(module\.(?:.*\.)?)([^.]*\.[^.]*)$|^(module)(\.)([^.]*)$`

_names_re := `(?m)^(module\.(?:[^\n]*\.)?)([^.\n]*\.[^.\n]*)$|^(module)(\.)([^.\n]*)$`

_name_template := "${2}${3}${4}${5} (${1}${2}${3}${4}${5})"

# Selections

_selections := tf.of_type_list("aws_backup_selection")

# _sels holds the facts of every selection by subject (see _sel_facts).
_sels := {s.subject: _sel_facts(s, name) |
	some i, s in _selections
	name := _sel_names[i]
	name != null
}

_sel_names := _names(concat("\n", [s.data.address | some s in _selections]), _selections)

# _sel_facts describes selection s (display name name): the record, its
# name and digest, and what it tells a store it selects about the plans it
# belongs to: pass, the entries [gap, selection, plan, plan digest,
# selection digest, selection name, plan name, gap in English, in German]
# of its plans that meet the claim; open, why the store might be covered
# but cannot be judged (a plan whose interval is undecided, or no plan in
# the evidence); slow, its plans that fail the claim. The first two branches are the third's for
# the usual selection: one plan (_sel_plans' first branch, written out)
# that passes or fails.
_sel_facts(s, name) := {
	"s": s, "name": name, "digest": s.digest,
	"pass": [[v.gap, s.subject, p.subject, p.digest, s.digest, name, v.name, v.gap_en, v.gap_de]],
	"open": [], "slow": [],
} if {
	[ref] := s.data.references.plan_id
	p := _plan_at[concat("/", [s.source.target, ref])]
	p.data.address == ref
	v := _plan_verdicts[p.subject]
	v.state == "pass"
} else := {
	"s": s, "name": name, "digest": s.digest,
	"pass": [], "open": [],
	"slow": [{"used": [s.digest, p.digest], "en": v.slow_en, "de": v.slow_de}],
} if {
	[ref] := s.data.references.plan_id
	p := _plan_at[concat("/", [s.source.target, ref])]
	p.data.address == ref
	v := _plan_verdicts[p.subject]
	v.state == "fail"
} else := _sel_facts_of(s, name, _sel_plans(s))

# _sel_facts_of is _sel_facts of selection s with display name name and
# plans.
_sel_facts_of(s, name, plans) := {
	"s": s, "name": name, "digest": s.digest,
	"pass": [[v.gap, s.subject, p.subject, p.digest, s.digest, name, v.name, v.gap_en, v.gap_de] |
		some p in plans
		v := _plan_verdicts[p.subject]
		v.state == "pass"
	],
	"open": array.concat(
		[x |
			some p in plans
			v := _plan_verdicts[p.subject]
			v.state == "inconclusive"
			x := {
				"used": [s.digest, p.digest],
				"en": sprintf("selected by %s for %s, whose interval is undecided", [name, v.name]),
				"de": sprintf("durch %s für %s ausgewählt, dessen Intervall offen ist", [name, v.name]),
			}
		],
		[x |
			count(plans) == 0
			x := {
				"used": [s.digest],
				"en": sprintf("selected by %s, whose backup plan is not in the evidence", [name]),
				"de": sprintf("durch %s ausgewählt, dessen Sicherungsplan nicht in den Nachweisen ist", [name]),
			}
		],
	),
	"slow": [{"used": [s.digest, p.digest], "en": v.slow_en, "de": v.slow_de} |
		some p in plans
		v := _plan_verdicts[p.subject]
		v.state == "fail"
	],
}

# _sel_plans lists the plans of selection s (_selection_plans). The usual
# selection refers through plan_id to one plan without instances: the plan
# at that address (see _plan_at), found without tf.referenced_at.
_sel_plans(s) := [p] if {
	[ref] := s.data.references.plan_id
	p := _plan_at[concat("/", [s.source.target, ref])]
	p.data.address == ref
} else := [p | some p in _selection_plans(s)]

# _plan_at maps "<target>/<address>" to the plan there, for the plans whose
# address names the type aws_backup_plan (what tf.instances looks up for a
# reference to it), does not end with an instance key (so that
# tf.same_instance holds), and has no count/for_each instances at the same
# key.
_plan_at := {k: p |
	some p in _plans
	a := p.data.address
	regex.match(`(^|\.)aws_backup_plan\.[^.]*$`, a)
	endswith(a, "]") == false
	k := concat("/", [p.source.target, a])
	not _plan_instance_keys[k]
}

# _plan_instance_keys are the keys of the count/for_each plan instances.
_plan_instance_keys := {tf.key(p) | some p in _plans; contains(p.data.address, "[")}

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
	some p in _plans
	id := object.get(p.data.values, "id", null)
	is_string(id)
])

# _complex lists the selections that are not simple: only they can select a
# store other than by referring to it.
_complex := [s | some s in _selections; _is_simple(s) == false]

# _simple_only holds when every selection is simple and no reference in
# resources has a "/": then a store's selections are those that refer to
# its address in its target (_sel_refs).
_simple_only if {
	_all_simple
	not _slashed_ref
}

# _all_simple is true when every selection is simple: at once when every
# one is plain, else by _complex.
_all_simple if {
	_all_plain
} else := count(_complex) == 0

# _all_plain holds when every selection is plain (_is_plain), found with
# one pass over all selections: each one's shape, the values _is_plain
# tests, is the plain one.
_all_plain if {
	shapes := [[
		count(s.data.unknown),
		count(object.get(s.data.references, "resources", [])) > 0,
		count(object.get(s.data.references, "not_resources", [])),
		object.get(s.data.values, "resources", null) in {null, []},
		object.get(s.data.values, "not_resources", null) in {null, []},
		object.get(s.data.values, "selection_tag", null) in {null, []},
		object.get(s.data.values, "condition", null) in {null, []},
	] |
		some s in _selections
	]
	count(shapes) == count(_selections)
	{shape | some shape in shapes} == {[0, true, 0, true, true, true, true]}
}

# _slashed_ref holds when a selection refers in resources to an address
# with a "/".
_slashed_ref if {
	some refs in _sel_refs
	some ref, _ in refs
	contains(ref, "/")
}

# _sel_refs maps each target, then each address a selection of that target
# refers to in resources, to the subjects of those selections.
_sel_refs := {t: tf.group(pairs) |
	some t in {s.source.target | some s in _selections}
	pairs := [[ref, s.subject] |
		some s in _selections
		s.source.target == t
		some ref in object.get(s.data.references, "resources", [])
	]
}

# _store_matches is [yes, maybe]: the subjects of the selections that select
# store st, and of those that may select it, depending on a value known only
# after apply. Candidates come from indexes, never from a scan of all
# selections; a simple selection selects exactly the stores it refers to.
_store_matches(st) := [{ss | some [m, ss] in ms; m == "yes"}, {ss | some [m, ss] in ms; m == "maybe"}] if {
	k := tf.key(st)
	arns := {a | a := aws.arn(st)}
	labels := object.get(st, "labels", {})
	ms := {[m, ss] |
		some ss in _candidates(arns, labels, k)
		m := _selects(st.data.type, arns, labels, ss, k)
	}
}

# _candidates are the subjects of the selections that may select the store
# (its key k, the set of its ARN, empty when it has none, and its labels).
_candidates(arns, labels, k) := ((object.get(_sel_by_ref, k, set()) | {ss |
	some a in arns
	some ss in object.get(_sel_by_arn, a, set())
}) | {ss |
	some tk, _ in labels
	some ss in object.get(_sel_by_tag_key, tk, set())
}) | _sel_open

# _sel_by_ref maps the key of every store a selection refers to in
# resources to the selections' subjects.
_sel_by_ref := tf.group([[concat("/", [s.source.target, ref]), s.subject] |
	some s in _selections
	some ref in object.get(s.data.references, "resources", [])
])

# The other indexes hold complex selections only: a simple one lists no
# ARNs, tags or conditions.
_sel_by_arn := tf.group([[a, s.subject] |
	some s in _complex
	some a in _resource_values("resources", s)
	not contains(a, "*")
])

# A selection by tags is found through the store's tag keys: any
# selection_tag key, or the first positive condition of a selection whose
# resources are wildcards or absent.
_sel_by_tag_key := tf.group(array.concat(
	[[k, s.subject] |
		some s in _complex
		some tag in tf.blocks_at(["selection_tag"], s)
		k := tag.key
	],
	[[k, s.subject] |
		some s in _complex
		_wide(s)
		positive := sort([c.key | some c in _conditions(s); c.op in {"string_equals", "string_like"}])
		count(positive) > 0
		k := positive[0]
	],
))

# _sel_open holds the wide selections no tag key narrows down: they are
# tried against every store, so they should be few.
_sel_open contains s.subject if {
	some s in _complex
	_wide(s)
	not _has_positive_condition(s)
}

_sel_open contains s.subject if {
	some s in _complex
	s.data.unknown.resources == true
	count(object.get(s.data.references, "resources", [])) == 0
}

_sel_open contains s.subject if {
	some s in _complex
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

# _is_simple is true for a selection that only refers to resources (it
# selects exactly the stores it refers to), else false. The first body
# recognises the usual selection (references only, nothing else set or
# unknown) without building _info.
_is_simple(s) if {
	_is_plain(s)
} else if {
	_simple(s)
} else := false

# _is_plain is true for the usual simple selection: it refers to resources
# and sets nothing else, and nothing of it is unknown; else false.
_is_plain(s) if {
	count(s.data.unknown) == 0
	count(object.get(s.data.references, "resources", [])) > 0
	count(object.get(s.data.references, "not_resources", [])) == 0
	v := s.data.values
	object.get(v, "resources", null) in {null, []}
	object.get(v, "not_resources", null) in {null, []}
	object.get(v, "selection_tag", null) in {null, []}
	object.get(v, "condition", null) in {null, []}
} else := false

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

# _selects is "yes" or "maybe" when the selection with subject ss assigns
# the store (key k, ARNs arns, labels, type) to its plan. Resources and
# selection tags are alternatives; conditions must all hold; not_resources
# excludes. A simple selection is a candidate only through _sel_by_ref, that
# is when it refers to the store: it selects it.
_selects(type, arns, labels, ss, k) := "yes" if {
	_is_simple(_sels[ss].s)
} else := m if {
	s := _sels[ss].s
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
