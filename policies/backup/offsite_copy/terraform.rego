package tomcheck.checks.backup.offsite_copy

import data.tomcheck.lib.aws
import data.tomcheck.lib.finding
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
} else := {
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

# Backup plans

findings contains f if {
	some p in tf.judged_list("aws_backup_plan")
	f := finding.from(p, _plan(p))
}

_plan(p) := {
	"state": "inconclusive",
	"en": sprintf("%s: its rules are known only after apply; %s", [tf.name(p), claimed]),
	"de": sprintf("%s: die Regeln sind erst nach dem Apply bekannt; %s", [tf.name(p), claimed_de]),
} if {
	p.data.unknown.rule == true
} else := _verdict("has no rule with a copy_action: recovery points stay in the source vault", "hat keine Regel mit copy_action: Wiederherstellungspunkte bleiben im Quell-Vault", _copies(p), tf.name(p))

_copies(p) := array.concat(_unknown_copies(p), [j |
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
])

# _unknown_copies are the rules whose copy actions are known only after apply.
_unknown_copies(p) := [] if {
	# tf.unknown below needs something unknown under rule.
	object.get(p.data.unknown, "rule", false) == false
} else := [j |
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
_plan_source(rule, p) := object.union({"label": "the plan's ARN", "label_de": "ARN des Plans", "region": aws.arn_region(a), "used": []}, {"account": n | n := aws.arn_account(a)}) if {
	a := aws.arn(p)
	aws.arn_region(a)
} else := _vault_location(v) if {
	vs := _target_vaults(rule, p)
	count(vs) == 1
	some v in vs
	aws.region(v)
} else := {"label": "the plan's region attribute", "label_de": "region-Attribut des Plans", "region": g, "used": []} if {
	g := object.get(p.data.values, "region", null)
	is_string(g)
	g != ""
} else := {"label": "no plan ARN, no region of the vault in target_vault_name, no region attribute", "label_de": "kein Plan-ARN, keine Region des Vaults aus target_vault_name, kein region-Attribut", "used": []}

_target_vaults(rule, p) := vs if {
	vs := tf.referenced_at("rule.target_vault_name", p)
	count(vs) == 1
} else := {v |
	n := rule.target_vault_name
	is_string(n)
	some v in object.get(_vaults_by_name, concat("/", [p.source.target, n]), set())
}

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
_destinations(i, k, action, p) := [object.union({"label": a, "region": aws.arn_region(a), "used": []}, {"account": n | n := aws.arn_account(a)})] if {
	a := action.destination_vault_arn
	is_string(a)
	aws.arn_region(a)
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

findings contains f if {
	some b in tf.judged_list("aws_s3_bucket")
	f := finding.from(b, _verdict("has no replication configuration: no copy exists in another region", "hat keine Replikationskonfiguration: es gibt keine Kopie in einer anderen Region", object.get(_bucket_judgements, b.subject, set()), tf.name(b)))
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
