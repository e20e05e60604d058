package tomcheck.checks.storage.encryption_at_rest

import data.tomcheck.lib.aws
import data.tomcheck.lib.finding
import data.tomcheck.lib.terraform as tf

# Each store type is judged in two tiers. The fast tier decides the common
# case, where a few plain known values decide the outcome: comprehensions
# (_s3_fast, _ebs_fast_*, _flag_fast, _dynamodb_fast) test those values with
# look-ups and build the findings inline, reading rules (require_kms,
# claimed, message texts) once before they iterate. The full tier, the
# judgement functions below (_s3, _ebs_volume, _flag, ...), decides every
# case and judges every record that the fast tier leaves out (none, when the
# counts match: no per-record test then). Both tiers give the same finding
# on a record of the common case (terraform_test.rego compares them), and
# no record is judged by both. The fast tier makes display names with
# tf.name's pattern, bound once; and since digests are unique per record, it
# lists another record's digest after the judged one's without comparing
# them.

# S3 buckets

findings contains f if {
	some f in _s3_fast
}

# The full tier judges the buckets that the fast tier leaves out (none, when
# the counts match).
findings contains f if {
	bs := tf.judged_list("aws_s3_bucket")
	count(_s3_fast) != count(bs)
	fast := _judged_digests(_s3_fast)
	some b in bs
	not fast[b.digest]
	some j in _s3(b)
	f := finding.from(b, j)
}

# _s3_fast holds the findings on the buckets that exactly one configuration
# refers to, and none names, when no KMS key is required and the
# configuration's rule is plain: nothing unknown under it, and one rule whose
# first default names an algorithm that passes (so it is the one
# _s3_algorithm finds, and _s3_rule passes).
_s3_fast := [f |
	require_kms == false
	name_pattern := tf.name_pattern
	name_template := tf.name_template
	passing := {"AES256"} | _kms_algorithms
	by_ref := _sse_by_ref
	by_name := _sse_by_name
	[en, de] := [claimed, claimed_de]
	some b in tf.judged_list("aws_s3_bucket")

	# Without an instance key, the address is the reference key (tf.key) and
	# every configuration is of the same instance (tf.same_instance).
	a := b.data.address
	contains(a, "[") == false
	[c] := by_ref[concat("/", [b.source.target, a])]
	not by_name[object.get(b.data.values, "bucket", null)]
	not c.data.unknown.rule
	[rule] := c.data.values.rule
	algorithm := rule.apply_server_side_encryption_by_default[0].sse_algorithm
	passing[algorithm]
	name := regex.replace(a, name_pattern, name_template)
	via := regex.replace(c.data.address, name_pattern, name_template)
	f := {
		"subject": b.subject, "pass": true, "evidence": [b.digest, c.digest],
		"message": sprintf("%s is encrypted with sse_algorithm %q via %s; %s", [name, algorithm, via, en]),
		"message_de": sprintf("%s wird über %s mit sse_algorithm %q verschlüsselt; %s", [name, via, algorithm, de]),
	}
]

# _sse_by_ref groups the encryption configurations by the bucket address they
# refer to ("<target>/<address>"), _sse_by_name by the bucket name they set
# when they refer to none (names are global). The groups are arrays: a set
# of records would hash every record. (OPA evaluates the inner comprehension
# once for all keys.)
_sse_by_ref := {k: cs |
	some k in {p[0] | some p in _sse_ref_pairs}
	cs := [p[1] | some p in _sse_ref_pairs; p[0] == k]
}

_sse_ref_pairs := [[k, c] |
	some c in tf.of_type_list("aws_s3_bucket_server_side_encryption_configuration")
	some ref in c.data.references.bucket # object.get(c.data.references, "bucket", [])
	k := concat("/", [c.source.target, ref]) # tf.ref_key(c, ref)
]

_sse_by_name := {n: cs |
	some n in {p[0] | some p in _sse_name_pairs}
	cs := [p[1] | some p in _sse_name_pairs; p[0] == n]
}

_sse_name_pairs := [[n, c] |
	some c in tf.of_type_list("aws_s3_bucket_server_side_encryption_configuration")
	not c.data.references.bucket[0] # object.get(c.data.references, "bucket", [])[0]
	n := object.get(c.data.values, "bucket", null)
	is_string(n)
]

_sse_configs(b) := {c | some c in object.get(_sse_by_ref, tf.key(b), []); tf.same_instance(c, b)} | {c |
	n := object.get(b.data.values, "bucket", null)
	is_string(n)
	some c in object.get(_sse_by_name, n, [])
}

_s3(b) := {_s3_rule(["rule"], tf.name(c), c, b) | some c in cs} if {
	cs := _sse_configs(b)
	count(cs) > 0
} else := {_s3_rule(["server_side_encryption_configuration", 0, "rule"], "its inline server_side_encryption_configuration", b, b)} if {
	_inline_declared(b)
} else := {_s3_default(b)}

_inline_declared(b) if count(tf.blocks_at(["server_side_encryption_configuration"], b)) > 0

_inline_declared(b) if b.data.unknown.server_side_encryption_configuration == true

_kms_algorithms := {"aws:kms", "aws:kms:dsse"}

# _s3_rule judges the default encryption rule at path of record c (a
# configuration, or the bucket itself for the inline block).
_s3_rule(path, origin, c, b) := {
	"state": "inconclusive", "used": {c},
	"en": sprintf("%s: the sse_algorithm of %s is known only after apply; %s", [tf.name(b), origin, claimed]),
	"de": sprintf("%s: der sse_algorithm von %s ist erst nach dem Apply bekannt; %s", [tf.name(b), origin, claimed_de]),
} if {
	# (tf.unknown needs something unknown under path[0].)
	object.get(c.data.unknown, path[0], false) != false
	tf.unknown_at(array.concat(path, [0, "apply_server_side_encryption_by_default", 0, "sse_algorithm"]), c)
} else := {
	"state": "fail", "used": {c},
	"en": sprintf("%s is encrypted with sse_algorithm \"AES256\" (SSE-S3) via %s, not with a KMS key; %s", [tf.name(b), origin, claimed]),
	"de": sprintf("%s wird über %s mit sse_algorithm \"AES256\" (SSE-S3) verschlüsselt, nicht mit einem KMS-Schlüssel; %s", [tf.name(b), origin, claimed_de]),
} if {
	_s3_algorithm(path, c) == "AES256"
	require_kms
} else := {
	"state": "pass", "used": {c},
	"en": sprintf("%s is encrypted with sse_algorithm %q via %s; %s", [tf.name(b), alg, origin, claimed]),
	"de": sprintf("%s wird über %s mit sse_algorithm %q verschlüsselt; %s", [tf.name(b), origin, alg, claimed_de]),
} if {
	alg := _s3_algorithm(path, c)
	alg in ({"AES256"} | _kms_algorithms)
} else := _s3_default(b)

_s3_algorithm(path, c) := algs[0] if {
	algs := [a |
		some rule in object.get(c.data.values, path, [])
		some d in object.get(rule, "apply_server_side_encryption_by_default", [])
		a := d.sse_algorithm
		is_string(a)
	]
	count(algs) > 0
}

_s3_default(b) := {
	"state": "fail", "used": set(),
	"en": sprintf("%s declares no server-side encryption with a KMS key: S3 applies only its default SSE-S3 (AES-256); %s", [tf.name(b), claimed]),
	"de": sprintf("%s deklariert keine serverseitige Verschlüsselung mit KMS-Schlüssel: S3 wendet nur die Standardverschlüsselung SSE-S3 (AES-256) an; %s", [tf.name(b), claimed_de]),
} if {
	require_kms
} else := {
	"state": "pass", "used": set(),
	"en": sprintf("%s declares no server-side encryption configuration: S3 encrypts every new object with SSE-S3 (AES-256) by default since January 2023; %s", [tf.name(b), claimed]),
	"de": sprintf("%s deklariert keine Verschlüsselungskonfiguration: S3 verschlüsselt seit Januar 2023 jedes neue Objekt standardmäßig mit SSE-S3 (AES-256); %s", [tf.name(b), claimed_de]),
}

# EBS encryption by default

# _ebs_default_on groups by target the aws_ebs_encryption_by_default resources
# that enable encryption (enabled defaults to true).
_ebs_default_on := tf.group([[t, r] |
	some r in tf.of_type_list("aws_ebs_encryption_by_default")
	not r.data.unknown.enabled == true
	object.get(r.data.values, "enabled", null) != false
	t := tf.target(r)
])

_ebs_default_key := tf.group([[t, r] |
	some r in tf.of_type_list("aws_ebs_default_kms_key")
	t := tf.target(r)
])

findings contains f if {
	some r in tf.judged_list("aws_ebs_encryption_by_default")
	f := finding.from(r, _ebs_default(r))
}

_ebs_default(r) := {
	"state": "inconclusive",
	"en": sprintf("%s: enabled is known only after apply; %s", [tf.name(r), claimed]),
	"de": sprintf("%s: enabled ist erst nach dem Apply bekannt; %s", [tf.name(r), claimed_de]),
} if {
	r.data.unknown.enabled == true
} else := {
	"state": "fail",
	"en": sprintf("%s disables EBS encryption by default (enabled = false); %s", [tf.name(r), claimed]),
	"de": sprintf("%s schaltet die EBS-Standardverschlüsselung ab (enabled = false); %s", [tf.name(r), claimed_de]),
} if {
	object.get(r.data.values, "enabled", null) == false
} else := {
	"state": "fail",
	"en": sprintf("%s enables EBS encryption by default with the AWS managed key aws/ebs: no aws_ebs_default_kms_key names a KMS key; %s", [tf.name(r), claimed]),
	"de": sprintf("%s aktiviert die EBS-Standardverschlüsselung mit dem AWS-verwalteten Schlüssel aws/ebs: kein aws_ebs_default_kms_key nennt einen KMS-Schlüssel; %s", [tf.name(r), claimed_de]),
} if {
	require_kms
	count(object.get(_ebs_default_key, r.source.target, set())) == 0
} else := {
	"state": "pass", "used": object.get(_ebs_default_key, r.source.target, set()),
	"en": sprintf("%s enables EBS encryption by default; %s", [tf.name(r), claimed]),
	"de": sprintf("%s aktiviert die EBS-Standardverschlüsselung; %s", [tf.name(r), claimed_de]),
}

# EBS volumes

findings contains f if {
	some f in _ebs_fast_encrypted
}

findings contains f if {
	some f in _ebs_fast_by_default
}

findings contains f if {
	some f in _ebs_fast_unencrypted
}

findings contains f if {
	rs := tf.judged_list("aws_ebs_volume")
	count(rs) != sum([count(_ebs_fast_encrypted), count(_ebs_fast_by_default), count(_ebs_fast_unencrypted)])
	fast := _judged_digests(array.concat(array.concat(_ebs_fast_encrypted, _ebs_fast_by_default), _ebs_fast_unencrypted))
	some r in rs
	not fast[r.digest]
	f := finding.from(r, _ebs_volume(r))
}

# _ebs_fast_encrypted, _ebs_fast_by_default and _ebs_fast_unencrypted hold
# the findings on the volumes that name no KMS key, when none is required
# (as _ebs_volume decides): encrypted = true passes, else EBS encryption by
# default in the target passes, else a volume whose encrypted is false or
# null and not unknown fails (whether a KMS key is required or not).
_ebs_fast_encrypted := [f |
	require_kms == false
	name_pattern := tf.name_pattern
	name_template := tf.name_template
	[en, de] := [claimed, claimed_de]
	some r in tf.judged_list("aws_ebs_volume")
	r.data.values.encrypted == true
	not r.data.values.kms_key_id
	not r.data.references.kms_key_id
	name := regex.replace(r.data.address, name_pattern, name_template)
	f := {
		"subject": r.subject, "pass": true, "evidence": [r.digest],
		"message": sprintf("%s is encrypted (encrypted = true); %s", [name, en]),
		"message_de": sprintf("%s ist verschlüsselt (encrypted = true); %s", [name, de]),
	}
]

_ebs_fast_by_default := [f |
	require_kms == false
	name_pattern := tf.name_pattern
	name_template := tf.name_template
	defaults := _ebs_defaults
	[en, de] := [claimed, claimed_de]
	some r in tf.judged_list("aws_ebs_volume")
	d := defaults[r.source.target]
	not r.data.values.encrypted == true
	not r.data.values.kms_key_id
	not r.data.references.kms_key_id
	name := regex.replace(r.data.address, name_pattern, name_template)
	f := {
		"subject": r.subject, "pass": true, "evidence": array.concat([r.digest], d.digests),
		"message": sprintf("%s is encrypted by EBS encryption by default (%s); %s", [name, d.names, en]),
		"message_de": sprintf("%s wird durch die EBS-Standardverschlüsselung (%s) verschlüsselt; %s", [name, d.names, de]),
	}
]

_ebs_fast_unencrypted := [f |
	name_pattern := tf.name_pattern
	name_template := tf.name_template
	defaults := _ebs_defaults
	[en, de] := [claimed, claimed_de]
	some r in tf.judged_list("aws_ebs_volume")
	not defaults[r.source.target]
	shown := _ebs_shown[object.get(r.data.values, "encrypted", null)]
	not r.data.unknown.encrypted == true
	name := regex.replace(r.data.address, name_pattern, name_template)
	f := {
		"subject": r.subject, "pass": false, "evidence": [r.digest],
		"message": sprintf("%s is not encrypted (encrypted = %s) and no aws_ebs_encryption_by_default is enabled; %s", [name, shown.en, en]),
		"message_de": sprintf("%s ist nicht verschlüsselt (encrypted = %s), und keine aws_ebs_encryption_by_default ist aktiviert; %s", [name, shown.de, de]),
	}
]

# _ebs_shown renders the encrypted value of an unencrypted volume (_shown).
_ebs_shown := {
	false: {"en": "false", "de": "false"},
	null: {"en": "false, the default", "de": "false, der Standard"},
}

# _ebs_defaults is, per target with EBS encryption by default, what a volume
# encrypted by it reports: the names of the enabling resources, and their
# digests with those of the target's aws_ebs_default_kms_key resources.
_ebs_defaults := {t: {"names": _names(ds), "digests": sort({r.digest | some r in used})} |
	some t, ds in _ebs_default_on
	used := ds | object.get(_ebs_default_key, t, set())
}

# A volume with encrypted = true and no kms_key_id of its own is encrypted
# with the default EBS key, which an aws_ebs_default_kms_key of its target
# sets to a KMS key: it then has one, as a volume encrypted by default does.
_ebs_volume(r) := {
	"state": "pass", "used": keys,
	"en": sprintf("%s is encrypted (encrypted = true) with the default EBS key, which %s sets to a KMS key; %s", [tf.name(r), _names(keys), claimed]),
	"de": sprintf("%s ist verschlüsselt (encrypted = true) mit dem EBS-Standardschlüssel, den %s auf einen KMS-Schlüssel setzt; %s", [tf.name(r), _names(keys), claimed_de]),
} if {
	object.get(r.data.values, "encrypted", null) == true
	require_kms
	not aws.kms_key(r, "kms_key_id")
	keys := object.get(_ebs_default_key, r.source.target, set())
	count(keys) > 0
} else := _kms("encrypted = true", "kms_key_id", set(), r) if {
	object.get(r.data.values, "encrypted", null) == true
} else := j if {
	defaults := object.get(_ebs_default_on, r.source.target, set())
	count(defaults) > 0
	j := _ebs_by_default(defaults, r)
} else := {
	"state": "inconclusive",
	"en": sprintf("%s: encrypted is known only after apply; %s", [tf.name(r), claimed]),
	"de": sprintf("%s: encrypted ist erst nach dem Apply bekannt; %s", [tf.name(r), claimed_de]),
} if {
	r.data.unknown.encrypted == true
} else := {
	"state": "fail",
	"en": sprintf("%s is not encrypted (encrypted = %v) and no aws_ebs_encryption_by_default is enabled; %s", [tf.name(r), _shown(object.get(r.data.values, "encrypted", null), "false, the default"), claimed]),
	"de": sprintf("%s ist nicht verschlüsselt (encrypted = %v), und keine aws_ebs_encryption_by_default ist aktiviert; %s", [tf.name(r), _shown(object.get(r.data.values, "encrypted", null), "false, der Standard"), claimed_de]),
}

_ebs_by_default(defaults, r) := _kms("encrypted = true", "kms_key_id", defaults, r) if {
	aws.kms_key(r, "kms_key_id")
} else := {
	"state": "fail", "used": defaults,
	"en": sprintf("%s is encrypted by default (%s) with the AWS managed key aws/ebs: neither kms_key_id nor an aws_ebs_default_kms_key names a KMS key; %s", [tf.name(r), _names(defaults), claimed]),
	"de": sprintf("%s wird standardmäßig (%s) mit dem AWS-verwalteten Schlüssel aws/ebs verschlüsselt: weder kms_key_id noch ein aws_ebs_default_kms_key nennt einen KMS-Schlüssel; %s", [tf.name(r), _names(defaults), claimed_de]),
} if {
	require_kms
	count(object.get(_ebs_default_key, r.source.target, set())) == 0
} else := {
	"state": "pass", "used": (defaults | object.get(_ebs_default_key, r.source.target, set())),
	"en": sprintf("%s is encrypted by EBS encryption by default (%s); %s", [tf.name(r), _names(defaults), claimed]),
	"de": sprintf("%s wird durch die EBS-Standardverschlüsselung (%s) verschlüsselt; %s", [tf.name(r), _names(defaults), claimed_de]),
}

# RDS instances and clusters, EFS file systems

findings contains f if {
	some fs in _flag_fast
	some f in fs
}

findings contains f if {
	rs := tf.judged_list("aws_db_instance")
	done := object.get(_flag_fast, "aws_db_instance", [])
	count(done) != count(rs)
	fast := _judged_digests(done)
	some r in rs
	not fast[r.digest]
	f := finding.from(r, _db_instance(r))
}

# _flags names the encryption flag of the store types that _flag judges in
# the fast tier (Aurora clusters are judged by _rds_cluster alone).
_flags := {"aws_db_instance": "storage_encrypted", "aws_efs_file_system": "encrypted"}

# _flag_fast holds, per type, the findings on the database instances and
# file systems that _flag judges by their flag alone: true, false or null,
# not unknown, no kms_key_id value, no references (so no KMS key and no read
# replica source, _replica_source), and no KMS key required.
_flag_fast := {t: [f |
	some r in tf.judged_list(t)
	text := texts[r.data.values[attr]]
	not r.data.unknown[attr] == true
	not r.data.values.kms_key_id
	r.data.references == {}
	name := regex.replace(r.data.address, name_pattern, name_template)
	f := {
		"subject": r.subject, "pass": text.pass, "evidence": [r.digest],
		"message": sprintf(text.en, [name, attr, en]),
		"message_de": sprintf(text.de, [name, attr, de]),
	}
] |
	require_kms == false
	name_pattern := tf.name_pattern
	name_template := tf.name_template
	texts := _flag_texts
	[en, de] := [claimed, claimed_de]
	some t, attr in _flags
}

# _flag_texts are _flag's findings on a flag that is true, false or unset.
_flag_texts := {
	true: {"pass": true, "en": "%s is encrypted (%s = true); %s", "de": "%s ist verschlüsselt (%s = true); %s"},
	false: {"pass": false, "en": "%s is not encrypted (%s = false); %s", "de": "%s ist nicht verschlüsselt (%s = false); %s"},
	null: {"pass": false, "en": "%s is not encrypted (%s = false, the default); %s", "de": "%s ist nicht verschlüsselt (%s = false, der Standard); %s"},
}

_db_instance(r) := _flag("storage_encrypted", r) if {
	not _replica_source(r)
} else := j if {
	src := _replica_source(r)
	j := _replica(r, src)
}

_replica_source(r) := src if {
	object.get(r.data.values, "storage_encrypted", null) != true
	srcs := tf.referenced_at("replicate_source_db", r)
	count(srcs) == 1
	some src in srcs
}

_replica(r, src) := {
	"state": "pass", "used": {src},
	"en": sprintf("%s is a read replica of %s, which sets storage_encrypted = true; %s", [tf.name(r), tf.name(src), claimed]),
	"de": sprintf("%s ist eine Lesereplik von %s, das storage_encrypted = true setzt; %s", [tf.name(r), tf.name(src), claimed_de]),
} if {
	object.get(src.data.values, "storage_encrypted", null) == true
	not require_kms
} else := j if {
	object.get(src.data.values, "storage_encrypted", null) == true
	j := _kms("storage_encrypted (from its source)", "kms_key_id", {src}, r)
} else := _flag("storage_encrypted", r)

findings contains f if {
	some r in tf.judged_list("aws_rds_cluster")
	f := finding.from(r, _rds_cluster(r))
}

_rds_cluster(r) := {
	"state": "pass",
	"en": sprintf("%s is an Aurora Serverless v1 cluster (engine_mode = \"serverless\"), whose storage is always encrypted; %s", [tf.name(r), claimed]),
	"de": sprintf("%s ist ein Aurora-Serverless-v1-Cluster (engine_mode = \"serverless\"), dessen Speicher immer verschlüsselt ist; %s", [tf.name(r), claimed_de]),
} if {
	object.get(r.data.values, "engine_mode", null) == "serverless"
	object.get(r.data.values, "storage_encrypted", null) != true
	not require_kms
} else := _flag("storage_encrypted", r)

findings contains f if {
	rs := tf.judged_list("aws_efs_file_system")
	done := object.get(_flag_fast, "aws_efs_file_system", [])
	count(done) != count(rs)
	fast := _judged_digests(done)
	some r in rs
	not fast[r.digest]
	f := finding.from(r, _flag("encrypted", r))
}

# _flag judges a boolean encryption attribute that defaults to false, then the KMS key.
_flag(attr, r) := _kms(sprintf("%s = true", [attr]), "kms_key_id", set(), r) if {
	object.get(r.data.values, [attr], null) == true
} else := {
	"state": "inconclusive",
	"en": sprintf("%s: %s is known only after apply; %s", [tf.name(r), attr, claimed]),
	"de": sprintf("%s: %s ist erst nach dem Apply bekannt; %s", [tf.name(r), attr, claimed_de]),
} if {
	tf.unknown_at([attr], r)
} else := {
	"state": "fail",
	"en": sprintf("%s is not encrypted (%s = %v); %s", [tf.name(r), attr, _shown(object.get(r.data.values, [attr], null), "false, the default"), claimed]),
	"de": sprintf("%s ist nicht verschlüsselt (%s = %v); %s", [tf.name(r), attr, _shown(object.get(r.data.values, [attr], null), "false, der Standard"), claimed_de]),
}

# _kms passes an encrypted store, unless require_kms and no key is named.
_kms(how, attr, used, r) := {
	"state": "fail", "used": used,
	"en": sprintf("%s is encrypted (%s) with the AWS managed key: %s names no KMS key; %s", [tf.name(r), how, attr, claimed]),
	"de": sprintf("%s ist verschlüsselt (%s), aber mit dem AWS-verwalteten Schlüssel: %s nennt keinen KMS-Schlüssel; %s", [tf.name(r), how, attr, claimed_de]),
} if {
	require_kms
	not aws.kms_key(r, attr)
} else := {
	"state": "pass", "used": used,
	"en": sprintf("%s is encrypted (%s, %s %s); %s", [tf.name(r), how, attr, aws.kms_key(r, attr), claimed]),
	"de": sprintf("%s ist verschlüsselt (%s, %s %s); %s", [tf.name(r), how, attr, aws.kms_key(r, attr), claimed_de]),
} if {
	aws.kms_key(r, attr)
} else := {
	"state": "pass", "used": used,
	"en": sprintf("%s is encrypted (%s); %s", [tf.name(r), how, claimed]),
	"de": sprintf("%s ist verschlüsselt (%s); %s", [tf.name(r), how, claimed_de]),
}

# DynamoDB tables

findings contains f if {
	some f in _dynamodb_fast
}

findings contains f if {
	rs := tf.judged_list("aws_dynamodb_table")
	count(_dynamodb_fast) != count(rs)
	fast := _judged_digests(_dynamodb_fast)
	some r in rs
	not fast[r.digest]
	f := finding.from(r, _dynamodb(r))
}

# _dynamodb_fast holds the findings on the tables whose server_side_encryption
# names no KMS key (_dynamodb_plain), when none is required.
_dynamodb_fast := [f |
	require_kms == false
	name_pattern := tf.name_pattern
	name_template := tf.name_template
	texts := _dynamodb_plain
	[en, de] := [claimed, claimed_de]
	some r in tf.judged_list("aws_dynamodb_table")
	text := texts[object.get(r.data.values, "server_side_encryption", [])]
	r.data.references == {}
	name := regex.replace(r.data.address, name_pattern, name_template)
	f := {
		"subject": r.subject, "pass": true, "evidence": [r.digest],
		"message": sprintf(text.en, [name, en]),
		"message_de": sprintf(text.de, [name, de]),
	}
]

# _dynamodb_plain maps the server_side_encryption blocks that name no KMS
# key (kms_key_arn unset, null or "") to _dynamodb's finding on them without
# require_kms: with the AWS managed key when enabled, else with the AWS owned
# key.
_dynamodb_plain := object.union({[]: _dynamodb_texts[false]}, {block: _dynamodb_texts[enabled] |
	some enabled in [true, false]
	some block in [[{"enabled": enabled}], [{"enabled": enabled, "kms_key_arn": ""}], [{"enabled": enabled, "kms_key_arn": null}]]
})

# _dynamodb_texts are _dynamodb's passing findings without require_kms, by
# whether server_side_encryption is enabled.
_dynamodb_texts := {
	true: {"en": "%s is encrypted with the AWS managed key aws/dynamodb; %s", "de": "%s ist mit dem AWS-verwalteten Schlüssel aws/dynamodb verschlüsselt; %s"},
	false: {"en": "%s is encrypted with the AWS owned key (DynamoDB always encrypts at rest); %s", "de": "%s ist mit dem AWS-eigenen Schlüssel verschlüsselt (DynamoDB verschlüsselt immer im Ruhezustand); %s"},
}

_dynamodb(r) := {
	"state": "inconclusive",
	"en": sprintf("%s: server_side_encryption is known only after apply; %s", [tf.name(r), claimed]),
	"de": sprintf("%s: server_side_encryption ist erst nach dem Apply bekannt; %s", [tf.name(r), claimed_de]),
} if {
	require_kms
	tf.unknown_at(["server_side_encryption", 0, "enabled"], r)
} else := j if {
	object.get(r.data.values, ["server_side_encryption", 0, "enabled"], null) == true
	j := _dynamodb_key(r)
} else := {
	"state": "fail",
	"en": sprintf("%s is encrypted only with the AWS owned key (server_side_encryption not enabled); %s", [tf.name(r), claimed]),
	"de": sprintf("%s ist nur mit dem AWS-eigenen Schlüssel verschlüsselt (server_side_encryption nicht aktiviert); %s", [tf.name(r), claimed_de]),
} if {
	require_kms
} else := {
	"state": "pass",
	"en": sprintf("%s is encrypted with the AWS owned key (DynamoDB always encrypts at rest); %s", [tf.name(r), claimed]),
	"de": sprintf("%s ist mit dem AWS-eigenen Schlüssel verschlüsselt (DynamoDB verschlüsselt immer im Ruhezustand); %s", [tf.name(r), claimed_de]),
}

_dynamodb_key(r) := {
	"state": "inconclusive",
	"en": sprintf("%s: server_side_encryption.kms_key_arn is known only after apply; %s", [tf.name(r), claimed]),
	"de": sprintf("%s: server_side_encryption.kms_key_arn ist erst nach dem Apply bekannt; %s", [tf.name(r), claimed_de]),
} if {
	require_kms
	tf.unknown_at(["server_side_encryption", 0, "kms_key_arn"], r)
	not _dynamodb_kms(r)
} else := {
	"state": "pass",
	"en": sprintf("%s is encrypted with KMS key %s; %s", [tf.name(r), k, claimed]),
	"de": sprintf("%s ist mit dem KMS-Schlüssel %s verschlüsselt; %s", [tf.name(r), k, claimed_de]),
} if {
	k := _dynamodb_kms(r)
} else := {
	"state": "fail",
	"en": sprintf("%s is encrypted with the AWS managed key aws/dynamodb: server_side_encryption names no kms_key_arn; %s", [tf.name(r), claimed]),
	"de": sprintf("%s ist mit dem AWS-verwalteten Schlüssel aws/dynamodb verschlüsselt: server_side_encryption nennt keinen kms_key_arn; %s", [tf.name(r), claimed_de]),
} if {
	require_kms
} else := {
	"state": "pass",
	"en": sprintf("%s is encrypted with the AWS managed key aws/dynamodb; %s", [tf.name(r), claimed]),
	"de": sprintf("%s ist mit dem AWS-verwalteten Schlüssel aws/dynamodb verschlüsselt; %s", [tf.name(r), claimed_de]),
}

_dynamodb_kms(r) := k if {
	k := object.get(r.data.values, ["server_side_encryption", 0, "kms_key_arn"], null)
	is_string(k)
	k != ""
} else := ks[0] if {
	ks := sort(object.get(r.data.references, "server_side_encryption.kms_key_arn", []))
	count(ks) > 0
}

# Helpers

# _judged_digests is the set of the digests of the records judged by findings fs.
_judged_digests(fs) := {f.evidence[0] | some f in fs}

_shown(v, absent) := absent if {
	v == null
} else := sprintf("%v", [v])

_names(rs) := concat(", ", sort([tf.name(r) | some r in rs]))
