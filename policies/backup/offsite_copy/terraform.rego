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

# _verdict combines the judgements of all copies of one subject: one copy far
# enough away suffices; an undecided copy leaves it open; otherwise it fails.
_verdict(r, js, none_en, none_de) := {
	"state": "fail",
	"en": sprintf("%s %s; %s", [tf.name(r), none_en, claimed]),
	"de": sprintf("%s %s; %s", [tf.name(r), none_de, claimed_de]),
} if {
	count(js) == 0
} else := _listed(r, js, "pass") if {
	some j in js
	j.state == "pass"
} else := _listed(r, js, "inconclusive") if {
	some j in js
	j.state == "inconclusive"
} else := _listed(r, js, "fail")

_listed(r, js, state) := {
	"state": state,
	"used": {u | some j in js; j.state == state; some u in j.used},
	"en": sprintf("%s: %s; %s", [tf.name(r), concat("; ", sort({j.en | some j in js; j.state == state})), claimed]),
	"de": sprintf("%s: %s; %s", [tf.name(r), concat("; ", sort({j.de | some j in js; j.state == state})), claimed_de]),
}

# Backup plans

findings contains f if {
	some p in tf.judged_of("aws_backup_plan")
	f := finding.from(p, _plan(p))
}

_plan(p) := {
	"state": "inconclusive",
	"en": sprintf("%s: its rules are known only after apply; %s", [tf.name(p), claimed]),
	"de": sprintf("%s: die Regeln sind erst nach dem Apply bekannt; %s", [tf.name(p), claimed_de]),
} if {
	p.data.unknown.rule == true
} else := _verdict(p, _copies(p), "has no rule with a copy_action: recovery points stay in the source vault", "hat keine Regel mit copy_action: Wiederherstellungspunkte bleiben im Quell-Vault")

_copies(p) := array.concat(_unknown_copies(p), [j |
	some i, rule in tf.blocks(p, ["rule"])
	src := _plan_source(p, rule)
	some k, action in object.get(rule, "copy_action", [])
	some dst in _destinations(p, i, k, action)
	v := _judge(src, dst)
	j := {
		"state": v.state,
		"used": array.concat(src.used, dst.used),
		"en": sprintf("rule %s %s", [_rule_name(i, rule), v.en]),
		"de": sprintf("Regel %s %s", [_rule_name(i, rule), v.de]),
	}
])

# _unknown_copies are the rules whose copy actions are known only after apply.
_unknown_copies(p) := [j |
	some i, rule in tf.blocks(p, ["rule"])
	tf.unknown(p, ["rule", i, "copy_action"])
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
_plan_source(p, rule) := object.union({"label": "the plan's ARN", "label_de": "ARN des Plans", "region": aws.arn_region(a), "used": []}, {"account": n | n := aws.arn_account(a)}) if {
	a := aws.arn(p)
	aws.arn_region(a)
} else := _vault_location(v) if {
	vs := _target_vaults(p, rule)
	count(vs) == 1
	some v in vs
	aws.region(v)
} else := {"label": "the plan's region attribute", "label_de": "region-Attribut des Plans", "region": g, "used": []} if {
	g := object.get(p.data.values, "region", null)
	is_string(g)
	g != ""
} else := {"label": "no plan ARN, no region of the vault in target_vault_name, no region attribute", "label_de": "kein Plan-ARN, keine Region des Vaults aus target_vault_name, kein region-Attribut", "used": []}

_target_vaults(p, rule) := vs if {
	vs := tf.referenced(p, "rule.target_vault_name")
	count(vs) == 1
} else := {v |
	n := rule.target_vault_name
	is_string(n)
	some v in tf.members(_vaults_by_name, concat("/", [tf.target(p), n]))
}

_vaults_by_name := tf.group([[concat("/", [tf.target(v), n]), v] |
	some v in tf.of_type("aws_backup_vault")
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
_destinations(p, i, k, action) := [object.union({"label": a, "region": aws.arn_region(a), "used": []}, {"account": n | n := aws.arn_account(a)})] if {
	a := action.destination_vault_arn
	is_string(a)
	aws.arn_region(a)
} else := [_vault_location(v) | some v in vs] if {
	tf.unknown(p, ["rule", i, "copy_action", k, "destination_vault_arn"])
	vs := tf.referenced(p, "rule.copy_action.destination_vault_arn")
	count(vs) > 0
} else := [{
	"label": "its destination vault", "used": [],
	"unresolved": "destination_vault_arn is known only after apply and refers to no aws_backup_vault in the evidence",
	"unresolved_de": "destination_vault_arn ist erst nach dem Apply bekannt und verweist auf keinen aws_backup_vault in den Nachweisen",
}]

# S3 buckets

findings contains f if {
	some b in tf.judged_of("aws_s3_bucket")
	f := finding.from(b, _bucket(b))
}

_bucket(b) := _verdict(b, array.concat(array.concat(_outgoing(b), _incoming(b)), _unknown_replication(b)), "has no replication configuration: no copy exists in another region", "hat keine Replikationskonfiguration: es gibt keine Kopie in einer anderen Region")

# _unknown_replication holds the bucket's replication configurations whose
# rules are known only after apply.
_unknown_replication(b) := [j |
	some c in tf.members(_configs_by_source, b.subject)
	c.data.unknown.rule == true
	j := {
		"state": "inconclusive", "used": [c],
		"en": sprintf("%s cannot be judged: its rules are known only after apply", [tf.name(c)]),
		"de": sprintf("%s ist nicht beurteilbar: seine Regeln sind erst nach dem Apply bekannt", [tf.name(c)]),
	}
]

_configs_by_source := tf.group([[src.subject, c] |
	some c in tf.of_type("aws_s3_bucket_replication_configuration")
	some src in _config_sources(c)
])

# _pairs are the replications of the evidence: [config, source bucket,
# destination location], built once.
_pairs contains [c, src, dst] if {
	some c in tf.of_type("aws_s3_bucket_replication_configuration")
	some src in _config_sources(c)
	some rule in tf.blocks(c, ["rule"])
	object.get(rule, "status", "Enabled") == "Enabled"
	some d in object.get(rule, "destination", [])
	some dst in _bucket_destinations(c, d)
}

_config_sources(c) := bs if {
	bs := tf.referenced(c, "bucket")
	count(bs) > 0
} else := {b |
	n := object.get(c.data.values, "bucket", null)
	is_string(n)
	some b in tf.members(_buckets_by_name, n)
}

_buckets_by_name := tf.group([[n, b] |
	some b in tf.of_type("aws_s3_bucket")
	n := object.get(b.data.values, "bucket", null)
	is_string(n)
])

_bucket_destinations(c, d) := [_bucket_location(b, d) | some b in tf.members(_buckets_by_name, n)] if {
	n := aws.s3_bucket_name(d.bucket)
	count(tf.members(_buckets_by_name, n)) > 0
} else := [_bucket_location(b, d) | some b in bs] if {
	bs := tf.referenced(c, "rule.destination.bucket")
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

_bucket_location(b, d) := object.union(
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

_pairs_from := tf.group([[src.subject, [c, dst]] |
	some [c, src, dst] in _pairs
])

_pairs_into := tf.group([[u.subject, [c, src, dst]] |
	some [c, src, dst] in _pairs
	some u in dst.used
])

_outgoing(b) := [j |
	some [c, dst] in tf.members(_pairs_from, b.subject)
	v := _judge(_source_location(b), dst)
	j := {"state": v.state, "used": array.concat([c], dst.used), "en": sprintf("%s %s", [tf.name(c), v.en]), "de": sprintf("%s %s", [tf.name(c), v.de])}
]

# _incoming holds the replications into b: a replica far enough from its
# source is itself the off-site copy.
_incoming(b) := [j |
	some [c, src, dst] in tf.members(_pairs_into, b.subject)
	v := _judge(_source_location(src), dst)
	v.state != "fail"
	j := {"state": v.state, "used": [c, src], "en": sprintf("is the replica of %s via %s, which %s", [tf.name(src), tf.name(c), v.en]), "de": sprintf("ist die Replik von %s über %s, das %s", [tf.name(src), tf.name(c), v.de])}
]
