package tomcheck.checks.backup.offsite_copy

import data.tomcheck.lib.aws
import data.tomcheck.lib.terraform as tf

# A location is {"label", "region"?, "account"?, "cross_account"?, "used"}:
# what a copy goes from or to, as far as the evidence tells.

# _judge compares a source and a destination location: {"state", "en", "de"}.
_judge(src, dst) := {
	"state": "inconclusive",
	"en": sprintf("cannot be judged: %s", [dst.unresolved]),
	"de": sprintf("ist nicht beurteilbar: %s", [dst.unresolved_de]),
} if {
	dst.unresolved
} else := {
	"state": "inconclusive",
	"en": sprintf("cannot be judged: the region of %s is known only after apply", [dst.label]),
	"de": sprintf("ist nicht beurteilbar: die Region von %s ist erst nach dem Apply bekannt", [dst.label]),
} if {
	not dst.region
} else := _judge_located(src, dst)

# _judge_located is _judge for a destination whose region is known.
_judge_located(src, dst) := {
	"state": "inconclusive",
	"en": sprintf("cannot be judged: the source region is unknown (%s)", [src.label]),
	"de": sprintf("ist nicht beurteilbar: die Quellregion ist unbekannt (%s)", [src.label_de]),
} if {
	not src.region
} else := {
	"state": "fail",
	"en": sprintf("copies to %s in the same region %s", [dst.label, dst.region]),
	"de": sprintf("kopiert nach %s in derselben Region %s", [dst.label, dst.region]),
} if {
	src.region == dst.region
} else := {
	"state": "pass",
	"en": sprintf("copies to %s in %s (source in %s)", [dst.label, dst.region, src.region]),
	"de": sprintf("kopiert nach %s in %s (Quelle in %s)", [dst.label, dst.region, src.region]),
} if {
	min_distance == "region"
} else := {
	"state": "pass",
	"en": sprintf("copies to %s in %s and account %s (source in %s)", [dst.label, dst.region, dst.account, src.region]),
	"de": sprintf("kopiert nach %s in %s und Konto %s (Quelle in %s)", [dst.label, dst.region, dst.account, src.region]),
} if {
	_accounts_differ(src, dst)
} else := {
	"state": "fail",
	"en": sprintf("copies to %s in %s but in the same account %s", [dst.label, dst.region, dst.account]),
	"de": sprintf("kopiert nach %s in %s, aber in dasselbe Konto %s", [dst.label, dst.region, dst.account]),
} if {
	dst.account == src.account
} else := {
	"state": "inconclusive",
	"en": sprintf("copies to %s in %s, but whether it is another AWS account is unknown", [dst.label, dst.region]),
	"de": sprintf("kopiert nach %s in %s, aber ob es ein anderes AWS-Konto ist, ist unbekannt", [dst.label, dst.region]),
}

_accounts_differ(src, dst) if {
	is_string(src.account)
	is_string(dst.account)
	src.account != dst.account
}

_accounts_differ(_, dst) if dst.cross_account == true

# _verdict combines the judgements of all copies of one subject (n is its
# display name): one copy far enough away suffices; an undecided copy leaves
# it open; otherwise it fails. It lists the judgements of the deciding state.
_verdict(none_en, none_de, js, n) := {
	"state": "fail",
	"en": concat("", [n, " ", none_en, "; ", claimed]),
	"de": concat("", [n, " ", none_de, "; ", claimed_de]),
} if {
	count(js) == 0
} else := {
	"state": j.state,
	"used": j.used,
	"en": concat("", [n, ": ", j.en, "; ", claimed]),
	"de": concat("", [n, ": ", j.de, "; ", claimed_de]),
} if {
	# One copy, the usual case: it decides alone.
	count(js) == 1
	some j in js
} else := {
	"state": state,
	"used": {u | some j in sel; some u in j.used},
	"en": concat("", [n, ": ", concat("; ", sort({j.en | some j in sel})), "; ", claimed]),
	"de": concat("", [n, ": ", concat("; ", sort({j.de | some j in sel})), "; ", claimed_de]),
} if {
	state := _states[min({object.get(_rank, j.state, 2) | some j in js})]
	sel := [j | some j in js; j.state == state]
}

_rank := {"pass": 0, "inconclusive": 1}

_states := ["pass", "inconclusive", "fail"]

# _finding turns a verdict about record r into a finding, as finding.from
# does; a verdict that used no other record gives [r.digest] as evidence.
_finding(r, v) := {"subject": r.subject, "pass": false, "inconclusive": true, "evidence": _evidence(r.digest, v), "message": v.en, "message_de": v.de} if {
	v.state == "inconclusive"
} else := {"subject": r.subject, "pass": v.state == "pass", "evidence": _evidence(r.digest, v), "message": v.en, "message_de": v.de}

# _evidence is d, then the sorted digests of the other records verdict v used.
_evidence(d, v) := [d] if {
	count(object.get(v, "used", [])) == 0
} else := array.concat([d], sort({x | some u in v.used; x := u.digest; x != d}))

# Backup plans

# A usual plan whose source nothing locates is judged directly
# (_unlocated_plans, the hot path).
findings contains f if {
	some f in _unlocated_plans
}

# Every other plan is judged by the copy actions of its rules (_plan).
findings contains f if {
	ps := tf.judged_list("aws_backup_plan")
	count(_unlocated_plans) != count(ps) # else all are judged
	some p in ps
	object.get(_unlocated_plans, p.subject, null) == null
	f := _plan(p, tf.name(p))
}

# _unlocated_plans are the findings, by subject, about the usual plans before
# apply: shaped as in _usual_rule, but the destination ARN need only name a
# region (the account does not matter here), and nothing can locate the
# source: no ARN or region attribute of the plan, no vault with what
# aws.region reads (_vault_hints), and the one reference of
# target_vault_name names a vault (the type tf.ref_type reads), so that
# neither the reference nor the look-up by name can lead to anything else.
# _plan_source gives _no_source, and _plan the same finding.
_unlocated_plans := plans if {
	# Rules read once, outside the loop: a reference per plan costs more.
	not _vault_hints
	vault_ref := _vault_ref
	en := _no_source_en
	de := _no_source_de
	name_re := _name_re
	name_as := _name_as
	plans := {p.subject: f |
		some p in tf.judged_list("aws_backup_plan")
		not p.data.unknown.rule
		[rule] := p.data.values.rule
		[action] := rule.copy_action
		is_string(rule.rule_name)
		a := action.destination_vault_arn
		is_string(a)
		regex.match(`^arn:[^:]*:[^:]*:[^:]+:[^:]*:`, a)
		object.get(p.data.values, "arn", null) == null
		object.get(p, "resource_id", "") == ""
		object.get(p.data.values, "region", null) == null
		[ref] := p.data.references["rule.target_vault_name"]
		regex.match(vault_ref, ref)
		n := regex.replace(p.data.address, name_re, name_as)
		f := {
			"subject": p.subject, "pass": false, "inconclusive": true, "evidence": [p.digest],
			"message": sprintf("%s: rule %q%s", [n, rule.rule_name, en]),
			"message_de": sprintf("%s: Regel %q%s", [n, rule.rule_name, de]),
		}
	}
} else := {}

# _plan is the finding about plan p, named n: inconclusive when its rules are
# known only after apply, else the verdict over the judgements of its copy
# actions (_copies, _verdict). Usual plans (_usual_rule) have one judgement,
# which decides alone: they are judged directly, as the general path would.
# The first body excludes the second.
_plan(p, n) := object.union(_outcome[v.state], {
	"subject": p.subject,
	# The source used at most one other record (its vault), the
	# destination none: no sorting needed.
	"evidence": array.concat([p.digest], [x | some u in src.used; x := u.digest; x != p.digest]),
	"message": concat("", [n, ": rule ", rn, " ", v.en, "; ", claimed]),
	"message_de": concat("", [n, ": Regel ", rn, " ", v.de, "; ", claimed_de]),
}) if {
	[rule, dst] := _usual_rule(p)
	src := _plan_source(rule, p)
	v := _judge_located(src, dst)
	rn := sprintf("%q", [rule.rule_name])
} else := {
	"subject": p.subject, "pass": false, "inconclusive": true, "evidence": [p.digest],
	"message": concat("", [n, ": its rules are known only after apply; ", claimed]),
	"message_de": concat("", [n, ": die Regeln sind erst nach dem Apply bekannt; ", claimed_de]),
} if {
	p.data.unknown.rule == true
} else := _finding(p, _verdict(
	"has no rule with a copy_action: recovery points stay in the source vault",
	"hat keine Regel mit copy_action: Wiederherstellungspunkte bleiben im Quell-Vault",
	_copies(p), n,
))

# _usual_rule is [rule, destination location] of a usual plan p: nothing
# unknown under rule, one named rule with one copy action to an ARN that
# names region and account (the location _arn_location gives).
_usual_rule(p) := [rule, {"label": a, "label_de": a, "region": parts[3], "account": parts[4], "used": []}] if {
	object.get(p.data.unknown, "rule", false) == false
	[rule] := p.data.values.rule
	[action] := rule.copy_action
	is_string(rule.rule_name)
	a := action.destination_vault_arn
	is_string(a)
	parts := split(a, ":")
	count(parts) >= 6
	parts[0] == "arn"
	parts[3] != ""
	parts[4] != ""
}

# _vault_ref matches a reference to a vault without instance keys: no "[",
# and aws_backup_vault as the type tf.ref_type reads (the next to last part).
_vault_ref := `^(?:[^\[]*\.)?aws_backup_vault\.[^.\[]*$`

# _vault_hints holds when some vault has what aws.region reads: a region, an
# ARN or a resource_id (whatever their values: a hint is enough).
_vault_hints if {
	vs := tf.of_type_list("aws_backup_vault")
	count((({v.data.values.region | some v in vs} | {v.data.values.arn | some v in vs}) | {v.resource_id | some v in vs})) > 0
}

# _no_source_en and _no_source_de end the messages about a usual plan whose
# source nothing locates (_judge_located with _no_source).
_no_source_en := concat("", [" ", _judge_located(_no_source, {}).en, "; ", claimed])

_no_source_de := concat("", [" ", _judge_located(_no_source, {}).de, "; ", claimed_de])

# _name_re and _name_as are the lib's pattern and template of tf.name, bound
# here so that the loops over records read them once: regex.replace of an
# address with them gives tf.name's display name.
_name_re := tf.name_pattern

_name_as := tf.name_template

# _outcome is the pass and inconclusive fields of a finding in each state.
_outcome := {
	"pass": {"pass": true},
	"fail": {"pass": false},
	"inconclusive": {"pass": false, "inconclusive": true},
}

# _copies are the judgements of the copy actions of plan p; rules whose copy
# actions are known only after apply come first.
_copies(p) := _rule_copies(p) if {
	# Nothing unknown under rule, the usual case.
	object.get(p.data.unknown, "rule", false) == false
} else := array.concat(_unknown_copies(p), _rule_copies(p))

# _rule_copies judges each copy action of each rule of plan p.
_rule_copies(p) := [j |
	some i, rule in tf.blocks_at(["rule"], p)
	src := _plan_source(rule, p)
	some k, action in object.get(rule, "copy_action", [])
	some dst in _destinations(i, k, action, p)
	v := _judge(src, dst)
	rn := _rule_name(i, rule)
	j := {
		"state": v.state,
		"used": array.concat(src.used, dst.used),
		"en": concat(" ", ["rule", rn, v.en]),
		"de": concat(" ", ["Regel", rn, v.de]),
	}
]

# _unknown_copies are the rules whose copy actions are known only after apply
# (p.data.unknown.rule is set).
_unknown_copies(p) := [j |
	some i, rule in tf.blocks_at(["rule"], p)
	tf.unknown_at(["rule", i, "copy_action"], p)
	not is_array(object.get(p.data.unknown, ["rule", i, "copy_action"], null))
	j := {
		"state": "inconclusive", "used": [],
		"en": sprintf("rule %s cannot be judged: its copy actions are known only after apply", [_rule_name(i, rule)]),
		"de": sprintf("Regel %s ist nicht beurteilbar: ihre Kopieraktionen sind erst nach dem Apply bekannt", [_rule_name(i, rule)]),
	}
]

_rule_name(i, rule) := sprintf("%q", [rule.rule_name]) if {
	is_string(rule.rule_name)
} else := sprintf("#%d", [i + 1])

# _plan_source locates the source vault: the plan's ARN, else the vault the
# rule's target_vault_name refers to or names, else the plan's region.
_plan_source(rule, p) := loc if {
	loc := _arn_location(aws.arn(p), "the plan's ARN", "ARN des Plans")
} else := _vault_location(v) if {
	vs := _target_vaults(rule, p)
	count(vs) == 1
	some v in vs
	aws.region(v)
} else := {"label": "the plan's region attribute", "label_de": "region-Attribut des Plans", "region": g, "used": []} if {
	g := object.get(p.data.values, "region", null)
	is_string(g)
	g != ""
} else := _no_source

# _no_source is the source location when nothing locates it.
_no_source := {"label": "no plan ARN, no region of the vault in target_vault_name, no region attribute", "label_de": "kein Plan-ARN, keine Region des Vaults aus target_vault_name, kein region-Attribut", "used": []}

# _arn_location is the location ARN a names, with the given labels: its
# region and, when the ARN names one, its account (aws.arn_region and
# aws.arn_account with one split); undefined when a names no region.
_arn_location(a, label, label_de) := {"label": label, "label_de": label_de, "region": parts[3], "account": parts[4], "used": []} if {
	is_string(a)
	parts := split(a, ":")
	count(parts) >= 6
	parts[0] == "arn"
	parts[3] != ""
	parts[4] != ""
} else := {"label": label, "label_de": label_de, "region": parts[3], "used": []} if {
	is_string(a)
	parts := split(a, ":")
	count(parts) >= 6
	parts[0] == "arn"
	parts[3] != ""
}

# _target_vaults are the vaults the rule's target_vault_name refers to
# (tf.referenced_at), else those it names.
_target_vaults(rule, p) := {v} if {
	# One reference to a vault without count/for_each instances, the usual
	# case, looked up directly: tf.referenced_at gives just that vault.
	[ref] := p.data.references["rule.target_vault_name"]
	regex.match(_vault_ref, ref)
	k := concat("/", [p.source.target, ref])
	v := _vaults_by_address[k]
	not k in _instanced_vault_keys
} else := vs if {
	vs := tf.referenced_at("rule.target_vault_name", p)
	count(vs) == 1
} else := {v |
	n := rule.target_vault_name
	is_string(n)
	some v in object.get(_vaults_by_name, concat("/", [p.source.target, n]), set())
}

# _vaults_by_address indexes the vaults by "<target>/<address>", the key of
# a reference to a vault without instance keys.
_vaults_by_address := {concat("/", [v.source.target, v.data.address]): v | some v in tf.of_type_list("aws_backup_vault")}

# _instanced_vault_keys are the reference keys of count/for_each vaults.
_instanced_vault_keys := {tf.key(v) | some v in tf.of_type_list("aws_backup_vault"); contains(v.data.address, "[")}

_vaults_by_name := tf.group([[concat("/", [tf.target(v), n]), v] |
	some v in tf.of_type_list("aws_backup_vault")
	n := object.get(v.data.values, "name", null)
	is_string(n)
])

_vault_location(v) := object.union(
	object.union({"label": tf.name(v), "label_de": tf.name(v), "used": [v]}, {"region": g | g := aws.region(v)}),
	{"account": a | a := aws.arn_account(aws.arn(v))},
)

# _destinations are the candidate destination locations of one copy_action:
# its known ARN, else each vault the copy actions of the plan refer to (the
# references do not say which rule they belong to).
_destinations(i, k, action, p) := [loc] if {
	a := action.destination_vault_arn
	loc := _arn_location(a, a, a)
} else := [_vault_location(v) | some v in vs] if {
	tf.unknown_at(["rule", i, "copy_action", k, "destination_vault_arn"], p)
	vs := tf.referenced_at("rule.copy_action.destination_vault_arn", p)
	count(vs) > 0
} else := [{
	"label": "its destination vault", "used": [],
	"unresolved": "destination_vault_arn is known only after apply and refers to no aws_backup_vault in the evidence",
	"unresolved_de": "destination_vault_arn ist erst nach dem Apply bekannt und verweist auf keinen aws_backup_vault in den Nachweisen",
}]

# S3 buckets

# A bucket without replication out of or into it fails (_unreplicated).
findings contains f if {
	some f in _unreplicated
}

# _unreplicated are the findings about the buckets without replication:
# _verdict without judgements, written out.
_unreplicated := [f |
	# Rules read once, outside the loop: a reference per bucket costs more.
	js := _bucket_judgements
	en := _no_replication_en
	de := _no_replication_de
	name_re := _name_re
	name_as := _name_as
	some b in tf.judged_list("aws_s3_bucket")
	not js[b.subject]
	n := regex.replace(b.data.address, name_re, name_as)
	f := {
		"subject": b.subject, "pass": false, "evidence": [b.digest],
		"message": concat("", [n, en]),
		"message_de": concat("", [n, de]),
	}
]

# _no_replication_en and _no_replication_de end the messages about a bucket
# without replication.
_no_replication_en := concat("", [" has no replication configuration: no copy exists in another region; ", claimed])

_no_replication_de := concat("", [" hat keine Replikationskonfiguration: es gibt keine Kopie in einer anderen Region; ", claimed_de])

# A bucket with replications is judged by them.
findings contains f if {
	count(_bucket_judgements) > 0 # else none has any
	some b in tf.judged_list("aws_s3_bucket")
	js := _bucket_judgements[b.subject]
	f := _finding(b, _verdict("has no replication configuration: no copy exists in another region", "hat keine Replikationskonfiguration: es gibt keine Kopie in einer anderen Region", js, tf.name(b)))
}

# _bucket_judgements indexes, by bucket subject, the judgements of the
# replications out of a bucket, those into it (a replica far enough from its
# source is itself the off-site copy), and its replication configurations
# whose rules are known only after apply: each judged once.
_bucket_judgements := tf.group(array.concat(array.concat(_outgoing, _incoming), _unknown_replication))

_outgoing := [[src.subject, j] |
	some [c, src, dst] in _pairs
	v := _judge(_source_location(src), dst)
	cn := tf.name(c)
	j := {"state": v.state, "used": array.concat([c], dst.used), "en": concat(" ", [cn, v.en]), "de": concat(" ", [cn, v.de])}
]

_incoming := [[u.subject, j] |
	some [c, src, dst] in _pairs
	v := _judge(_source_location(src), dst)
	v.state != "fail"
	sn := tf.name(src)
	cn := tf.name(c)
	j := {"state": v.state, "used": [c, src], "en": sprintf("is the replica of %s via %s, which %s", [sn, cn, v.en]), "de": sprintf("ist die Replik von %s über %s, das %s", [sn, cn, v.de])}
	some u in dst.used
]

_unknown_replication := [[src.subject, j] |
	some c in tf.of_type_list("aws_s3_bucket_replication_configuration")
	c.data.unknown.rule == true
	cn := tf.name(c)
	j := {
		"state": "inconclusive", "used": [c],
		"en": concat("", [cn, " cannot be judged: its rules are known only after apply"]),
		"de": concat("", [cn, " ist nicht beurteilbar: seine Regeln sind erst nach dem Apply bekannt"]),
	}
	some src in _config_sources(c)
]

# _pairs are the replications of the evidence: [config, source bucket,
# destination location], built once.
_pairs contains [c, src, dst] if {
	some c in tf.of_type_list("aws_s3_bucket_replication_configuration")
	some src in _config_sources(c)
	some rule in tf.blocks_at(["rule"], c)
	object.get(rule, "status", "Enabled") == "Enabled"
	some d in object.get(rule, "destination", [])
	some dst in _bucket_destinations(d, c)
}

_config_sources(c) := bs if {
	bs := tf.referenced_at("bucket", c)
	count(bs) > 0
} else := {b |
	n := object.get(c.data.values, "bucket", null)
	is_string(n)
	some b in object.get(_buckets_by_name, n, set())
}

_buckets_by_name := tf.group([[n, b] |
	some b in tf.of_type_list("aws_s3_bucket")
	n := object.get(b.data.values, "bucket", null)
	is_string(n)
])

_bucket_destinations(d, c) := [_bucket_location(d, b) | some b in object.get(_buckets_by_name, n, set())] if {
	n := aws.s3_bucket_name(d.bucket)
	count(object.get(_buckets_by_name, n, set())) > 0
} else := [_bucket_location(d, b) | some b in bs] if {
	bs := tf.referenced_at("rule.destination.bucket", c)
	_usable_references(bs, d)
} else := [{
	"label": d.bucket, "used": [],
	"unresolved": sprintf("the destination bucket %s is not in the evidence, so its region is unknown", [d.bucket]),
	"unresolved_de": sprintf("der Ziel-Bucket %s ist nicht in den Nachweisen, seine Region daher unbekannt", [d.bucket]),
}] if {
	is_string(d.bucket)
} else := [{
	"label": "its destination bucket", "used": [],
	"unresolved": "the destination bucket is known only after apply and refers to no aws_s3_bucket in the evidence",
	"unresolved_de": "der Ziel-Bucket ist erst nach dem Apply bekannt und verweist auf keinen aws_s3_bucket in den Nachweisen",
}]

_bucket_location(d, b) := object.union(
	{"label": tf.name(b), "used": [b]},
	object.union(
		{"region": g | g := aws.region(b)},
		object.union(
			{"account": a | a := d.account; is_string(a); a != ""},
			{"cross_account": true | a := d.account; is_string(a); a != ""},
		),
	),
)

_source_location(b) := object.union({"label": tf.name(b), "label_de": tf.name(b), "used": []}, {"region": g | g := aws.region(b)})

# The references of a configuration do not say which rule they belong to:
# use them when there is one, or when the rule's own value is unknown.
_usable_references(bs, _) if count(bs) == 1

_usable_references(bs, d) if {
	count(bs) > 1
	not is_string(d.bucket)
}
