package tomcheck.checks.storage.encryption_at_rest

import data.tomcheck.lib.finding
import data.tomcheck.lib.testing as t

_p_kms := {"params": {"require_kms": true}}

_p_plain := {"params": {"require_kms": false}}

_bucket := t.res("aws_s3_bucket.data", {"bucket": "shop-data"})

_sse(address, alg, extra) := t.res_with(address, {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": alg}]}]}, extra)

_sse_ref := _sse("aws_s3_bucket_server_side_encryption_configuration.data", "aws:kms", {"references": {"bucket": ["aws_s3_bucket.data"]}})

_sse_name := object.union(_sse("aws_s3_bucket_server_side_encryption_configuration.by_name", "AES256", {}), {"data": {"values": {"bucket": "shop-data"}}})

test_s3_joined_by_reference if {
	fs := findings with input as object.union(_p_kms, {"evidence": [_bucket], "context": [_sse_ref]})
	t.passing(fs) == {"tf:infra/aws_s3_bucket.data"}
	some f in fs
	f.evidence == ["sha256:aws_s3_bucket.data", "sha256:aws_s3_bucket_server_side_encryption_configuration.data"]
	f.message == `aws_s3_bucket.data is encrypted with sse_algorithm "aws:kms" via aws_s3_bucket_server_side_encryption_configuration.data; claimed: encrypted at rest with a KMS key`
}

test_s3_joined_by_name_sse_s3 if {
	fs := findings with input as object.union(_p_plain, {"evidence": [_bucket], "context": [_sse_name]})
	t.passing(fs) == {"tf:infra/aws_s3_bucket.data"}
}

test_s3_sse_s3_fails_when_kms_required if {
	fs := findings with input as object.union(_p_kms, {"evidence": [_bucket], "context": [_sse_name]})
	t.failing(fs) == {"tf:infra/aws_s3_bucket.data"}
	t.messages(fs) == {`aws_s3_bucket.data is encrypted with sse_algorithm "AES256" (SSE-S3) via aws_s3_bucket_server_side_encryption_configuration.by_name, not with a KMS key; claimed: encrypted at rest with a KMS key`}
	t.messages_de(fs) == {`aws_s3_bucket.data wird über aws_s3_bucket_server_side_encryption_configuration.by_name mit sse_algorithm "AES256" (SSE-S3) verschlüsselt, nicht mit einem KMS-Schlüssel; zugesichert: Verschlüsselung im Ruhezustand mit KMS-Schlüssel`}
}

test_s3_without_configuration_relies_on_default_encryption if {
	fs := findings with input as object.union(_p_plain, {"evidence": [_bucket], "context": []})
	t.passing(fs) == {"tf:infra/aws_s3_bucket.data"}
	some m in t.messages(fs)
	contains(m, "S3 encrypts every new object with SSE-S3 (AES-256) by default since January 2023")
	fk := findings with input as object.union(_p_kms, {"evidence": [_bucket], "context": []})
	t.failing(fk) == {"tf:infra/aws_s3_bucket.data"}
}

test_s3_unknown_algorithm_is_inconclusive if {
	c := t.res_with("aws_s3_bucket_server_side_encryption_configuration.data", {"rule": [{"apply_server_side_encryption_by_default": [{}]}]}, {
		"unknown": {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": true}]}]},
		"references": {"bucket": ["aws_s3_bucket.data"]},
	})
	fs := findings with input as object.union(_p_kms, {"evidence": [_bucket], "context": [c]})
	t.inconclusive(fs) == {"tf:infra/aws_s3_bucket.data"}
}

test_s3_inline_configuration if {
	b := t.res("aws_s3_bucket.legacy", {"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]}]})
	fs := findings with input as object.union(_p_kms, {"evidence": [b], "context": []})
	t.passing(fs) == {"tf:infra/aws_s3_bucket.legacy"}
}

test_s3_for_each_instances_pair_by_key if {
	a := t.res(`aws_s3_bucket.b["a"]`, {})
	b := t.res(`aws_s3_bucket.b["b"]`, {})
	c := _sse(`aws_s3_bucket_server_side_encryption_configuration.b["a"]`, "aws:kms", {"references": {"bucket": ["aws_s3_bucket.b"]}})
	fs := findings with input as object.union(_p_kms, {"evidence": [a, b], "context": [c]})
	t.passing(fs) == {`tf:infra/aws_s3_bucket.b["a"]`}
	t.failing(fs) == {`tf:infra/aws_s3_bucket.b["b"]`}
}

test_s3_reference_in_other_target_does_not_join if {
	c := t.in_target(_sse_ref, "other")
	fs := findings with input as object.union(_p_kms, {"evidence": [_bucket], "context": [c]})
	t.failing(fs) == {"tf:infra/aws_s3_bucket.data"}
}

test_ebs_volume_encrypted if {
	v := t.res("aws_ebs_volume.data", {"encrypted": true})
	fs := findings with input as object.union(_p_plain, {"evidence": [v], "context": []})
	t.passing(fs) == {"tf:infra/aws_ebs_volume.data"}
	t.messages(fs) == {"aws_ebs_volume.data is encrypted (encrypted = true); claimed: encrypted at rest"}
}

test_ebs_volume_unencrypted if {
	v := t.res("module.db.aws_ebs_volume.data", {})
	fs := findings with input as object.union(_p_plain, {"evidence": [v], "context": []})
	t.messages(fs) == {"aws_ebs_volume.data (module.db.aws_ebs_volume.data) is not encrypted (encrypted = false, the default) and no aws_ebs_encryption_by_default is enabled; claimed: encrypted at rest"}
	t.messages_de(fs) == {"aws_ebs_volume.data (module.db.aws_ebs_volume.data) ist nicht verschlüsselt (encrypted = false, der Standard), und keine aws_ebs_encryption_by_default ist aktiviert; zugesichert: Verschlüsselung im Ruhezustand"}
}

test_ebs_volume_encrypted_by_default if {
	v := t.res("aws_ebs_volume.data", {"encrypted": false})
	d := t.res("aws_ebs_encryption_by_default.on", {})
	fs := findings with input as object.union(_p_plain, {"evidence": [v, d], "context": []})
	t.passing(fs) == {"tf:infra/aws_ebs_volume.data", "tf:infra/aws_ebs_encryption_by_default.on"}
	some f in fs
	f.subject == "tf:infra/aws_ebs_volume.data"
	f.evidence == ["sha256:aws_ebs_volume.data", "sha256:aws_ebs_encryption_by_default.on"]
}

test_ebs_default_in_other_target_does_not_count if {
	v := t.res("aws_ebs_volume.data", {})
	d := t.in_target(t.res("aws_ebs_encryption_by_default.on", {}), "other")
	fs := findings with input as object.union(_p_plain, {"evidence": [v, d], "context": []})
	t.failing(fs) == {"tf:infra/aws_ebs_volume.data"}
}

test_ebs_default_requires_default_key_for_kms if {
	v := t.res("aws_ebs_volume.data", {})
	d := t.res("aws_ebs_encryption_by_default.on", {"enabled": true})
	fs := findings with input as object.union(_p_kms, {"evidence": [v, d], "context": []})
	t.failing(fs) == {"tf:infra/aws_ebs_volume.data", "tf:infra/aws_ebs_encryption_by_default.on"}
	k := t.res_with("aws_ebs_default_kms_key.k", {}, {"references": {"key_arn": ["aws_kms_key.ebs"]}})
	fk := findings with input as object.union(_p_kms, {"evidence": [v, d], "context": [k]})
	t.passing(fk) == {"tf:infra/aws_ebs_volume.data", "tf:infra/aws_ebs_encryption_by_default.on"}
}

test_ebs_encrypted_volume_uses_the_default_kms_key if {
	v := t.res("aws_ebs_volume.data", {"encrypted": true})
	fs := findings with input as object.union(_p_kms, {"evidence": [v], "context": []})
	t.failing(fs) == {"tf:infra/aws_ebs_volume.data"}
	k := t.res_with("aws_ebs_default_kms_key.k", {}, {"references": {"key_arn": ["aws_kms_key.ebs"]}})
	fk := findings with input as object.union(_p_kms, {"evidence": [v], "context": [k]})
	t.passing(fk) == {"tf:infra/aws_ebs_volume.data"}
	t.messages(fk) == {"aws_ebs_volume.data is encrypted (encrypted = true) with the default EBS key, which aws_ebs_default_kms_key.k sets to a KMS key; claimed: encrypted at rest with a KMS key"}
	some f in fk
	f.evidence == ["sha256:aws_ebs_volume.data", "sha256:aws_ebs_default_kms_key.k"]

	# a default key of another target does not apply
	other := findings with input as object.union(_p_kms, {"evidence": [v], "context": [t.in_target(k, "other")]})
	t.failing(other) == {"tf:infra/aws_ebs_volume.data"}
}

test_ebs_default_disabled if {
	d := t.res("aws_ebs_encryption_by_default.off", {"enabled": false})
	fs := findings with input as object.union(_p_plain, {"evidence": [d], "context": []})
	t.failing(fs) == {"tf:infra/aws_ebs_encryption_by_default.off"}
}

test_ebs_volume_unknown if {
	v := t.res_with("aws_ebs_volume.data", {}, {"unknown": {"encrypted": true}})
	fs := findings with input as object.union(_p_plain, {"evidence": [v], "context": []})
	t.inconclusive(fs) == {"tf:infra/aws_ebs_volume.data"}
}

test_ebs_volume_kms_by_reference if {
	v := t.res_with("aws_ebs_volume.data", {"encrypted": true}, {"unknown": {"kms_key_id": true}, "references": {"kms_key_id": ["aws_kms_key.main"]}})
	fs := findings with input as object.union(_p_kms, {"evidence": [v], "context": []})
	t.messages(fs) == {"aws_ebs_volume.data is encrypted (encrypted = true, kms_key_id aws_kms_key.main); claimed: encrypted at rest with a KMS key"}
}

test_ebs_volume_without_key_fails_kms if {
	v := t.res("aws_ebs_volume.data", {"encrypted": true})
	fs := findings with input as object.union(_p_kms, {"evidence": [v], "context": []})
	t.failing(fs) == {"tf:infra/aws_ebs_volume.data"}
}

test_db_instance if {
	ok := t.res("aws_db_instance.ok", {"storage_encrypted": true, "kms_key_id": "arn:aws:kms:eu-central-1:1:key/k"})
	bad := t.res("aws_db_instance.bad", {"storage_encrypted": false})
	fs := findings with input as object.union(_p_kms, {"evidence": [ok, bad], "context": []})
	t.passing(fs) == {"tf:infra/aws_db_instance.ok"}
	t.failing(fs) == {"tf:infra/aws_db_instance.bad"}
	t.messages(fs) == {
		"aws_db_instance.ok is encrypted (storage_encrypted = true, kms_key_id arn:aws:kms:eu-central-1:1:key/k); claimed: encrypted at rest with a KMS key",
		"aws_db_instance.bad is not encrypted (storage_encrypted = false); claimed: encrypted at rest with a KMS key",
	}
}

test_db_replica_follows_its_source if {
	src := t.res("aws_db_instance.main", {"storage_encrypted": true})
	replica := t.res_with("aws_db_instance.replica", {}, {"unknown": {"replicate_source_db": true}, "references": {"replicate_source_db": ["aws_db_instance.main"]}})
	fs := findings with input as object.union(_p_plain, {"evidence": [src, replica], "context": []})
	t.passing(fs) == {"tf:infra/aws_db_instance.main", "tf:infra/aws_db_instance.replica"}
}

test_rds_cluster if {
	c := t.res("aws_rds_cluster.aurora", {"storage_encrypted": true})
	s := t.res("aws_rds_cluster.serverless", {"engine_mode": "serverless"})
	n := t.res("aws_rds_cluster.plain", {})
	fs := findings with input as object.union(_p_plain, {"evidence": [c, s, n], "context": []})
	t.passing(fs) == {"tf:infra/aws_rds_cluster.aurora", "tf:infra/aws_rds_cluster.serverless"}
	t.failing(fs) == {"tf:infra/aws_rds_cluster.plain"}
}

test_efs_unknown if {
	e := t.res_with("aws_efs_file_system.share", {}, {"unknown": {"encrypted": true}})
	fs := findings with input as object.union(_p_plain, {"evidence": [e], "context": []})
	t.inconclusive(fs) == {"tf:infra/aws_efs_file_system.share"}
	t.messages(fs) == {"aws_efs_file_system.share: encrypted is known only after apply; claimed: encrypted at rest"}
}

test_dynamodb if {
	owned := t.res("aws_dynamodb_table.owned", {})
	managed := t.res("aws_dynamodb_table.managed", {"server_side_encryption": [{"enabled": true}]})
	cmk := t.res_with("aws_dynamodb_table.cmk", {"server_side_encryption": [{"enabled": true}]}, {"unknown": {"server_side_encryption": [{"kms_key_arn": true}]}, "references": {"server_side_encryption.kms_key_arn": ["aws_kms_key.ddb"]}})
	fs := findings with input as object.union(_p_plain, {"evidence": [owned, managed, cmk], "context": []})
	count(t.passing(fs)) == 3
	fk := findings with input as object.union(_p_kms, {"evidence": [owned, managed, cmk], "context": []})
	t.passing(fk) == {"tf:infra/aws_dynamodb_table.cmk"}
	t.failing(fk) == {"tf:infra/aws_dynamodb_table.owned", "tf:infra/aws_dynamodb_table.managed"}
}

test_every_judged_record_has_a_finding if {
	rs := [
		_bucket,
		t.res("aws_ebs_volume.v", {}),
		t.res("aws_ebs_encryption_by_default.d", {}),
		t.res("aws_db_instance.i", {}),
		t.res("aws_rds_cluster.c", {}),
		t.res("aws_efs_file_system.e", {}),
		t.res("aws_dynamodb_table.t", {}),
	]
	fs := findings with input as object.union(_p_kms, {"evidence": rs, "context": []})
	t.subjects(fs) == {r.subject | some r in rs}
}

# Fast tier and full tier

# _full is the full tier's finding on each record of rs (a bucket's findings).
_full(rs) := {f |
	some r in rs
	some f in _full_of(r)
}

_full_of(r) := {finding.from(r, j) | some j in _s3(r)} if {
	r.data.type == "aws_s3_bucket"
} else := {finding.from(r, _ebs_volume(r))} if {
	r.data.type == "aws_ebs_volume"
} else := {finding.from(r, _db_instance(r))} if {
	r.data.type == "aws_db_instance"
} else := {finding.from(r, _flag("encrypted", r))} if {
	r.data.type == "aws_efs_file_system"
} else := {finding.from(r, _dynamodb(r))} if {
	r.data.type == "aws_dynamodb_table"
} else := {finding.from(r, _rds_cluster(r))} if {
	r.data.type == "aws_rds_cluster"
} else := {finding.from(r, _ebs_default(r))}

_common := [
	t.res("module.a.aws_s3_bucket.data", {"bucket": "a-data"}),
	t.res("aws_s3_bucket.root", {}),
	t.res("aws_ebs_volume.on", {"encrypted": true}),
	t.res("module.b.aws_ebs_volume.off", {"encrypted": false}),
	t.res("aws_ebs_volume.unset", {"encrypted": null}),
	t.in_target(t.res("aws_ebs_volume.defaulted", {"encrypted": false}), "other"),
	t.in_target(t.res("aws_ebs_encryption_by_default.on", {"enabled": true}), "other"),
	t.res("aws_db_instance.on", {"storage_encrypted": true}),
	t.res("module.m.module.n.aws_db_instance.off", {"storage_encrypted": false}),
	t.res("aws_efs_file_system.unset", {"encrypted": null}),
	t.res(`aws_efs_file_system.keyed["x.y"]`, {"encrypted": true}),
	t.res("aws_dynamodb_table.owned", {}),
	t.res("aws_dynamodb_table.off", {"server_side_encryption": [{"enabled": false, "kms_key_arn": ""}]}),
	t.res("aws_dynamodb_table.managed", {"server_side_encryption": [{"enabled": true, "kms_key_arn": ""}]}),
	t.res("aws_dynamodb_table.managed_null", {"server_side_encryption": [{"enabled": true, "kms_key_arn": null}]}),
]

_common_context := [
	_sse("module.a.aws_s3_bucket_server_side_encryption_configuration.data", "aws:kms:dsse", {"references": {"bucket": ["module.a.aws_s3_bucket.data"]}}),
	_sse("aws_s3_bucket_server_side_encryption_configuration.root", "AES256", {"references": {"bucket": ["aws_s3_bucket.root"]}}),
]

test_fast_tier_judges_the_common_case_as_the_full_tier if {
	fs := findings with input as object.union(_p_plain, {"evidence": _common, "context": _common_context})
	full := _full(_common) with input as object.union(_p_plain, {"evidence": _common, "context": _common_context})
	fs == full
	count(fs) == count(_common)

	# Every record but the EBS default setting was judged by the fast tier.
	s3 := _s3_fast with input as object.union(_p_plain, {"evidence": _common, "context": _common_context})
	count(s3) == 2
	ebs := array.concat(array.concat(_ebs_fast_encrypted, _ebs_fast_by_default), _ebs_fast_unencrypted) with input as object.union(_p_plain, {"evidence": _common, "context": _common_context})
	count(ebs) == 4
	flags := _flag_fast with input as object.union(_p_plain, {"evidence": _common, "context": _common_context})
	count(flags.aws_db_instance) + count(flags.aws_efs_file_system) == 4
	dynamodb := _dynamodb_fast with input as object.union(_p_plain, {"evidence": _common, "context": _common_context})
	count(dynamodb) == 4
}

test_fast_tier_is_off_when_kms_is_required if {
	fs := findings with input as object.union(_p_kms, {"evidence": _common, "context": _common_context})
	full := _full(_common) with input as object.union(_p_kms, {"evidence": _common, "context": _common_context})
	fs == full
	s3 := _s3_fast with input as object.union(_p_kms, {"evidence": _common, "context": _common_context})
	count(s3) == 0

	# An unencrypted volume fails either way.
	ebs := _ebs_fast_unencrypted with input as object.union(_p_kms, {"evidence": _common, "context": _common_context})
	count(ebs) == 2
}

# The rare cases go to the full tier, beside records of the fast tier.
_rare := [
	t.res(`aws_s3_bucket.b["a"]`, {}),
	t.res("aws_s3_bucket.two", {"bucket": "two"}),
	t.res("aws_s3_bucket.unknown", {}),
	t.res("aws_s3_bucket.inline", {"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}]}),
	t.res("aws_s3_bucket.none", {}),
	t.res_with("aws_ebs_volume.keyed", {"encrypted": true, "kms_key_id": "arn:aws:kms:eu-central-1:1:key/k"}, {}),
	t.res_with("aws_ebs_volume.unknown", {}, {"unknown": {"encrypted": true}}),
	t.res_with("aws_db_instance.keyed", {"storage_encrypted": true}, {"references": {"kms_key_id": ["aws_kms_key.db"]}}),
	t.res_with("aws_efs_file_system.unknown", {}, {"unknown": {"encrypted": true}}),
	t.res("aws_efs_file_system.odd", {"encrypted": "yes"}),
	t.res("aws_rds_cluster.serverless", {"engine_mode": "serverless"}),
	t.res("aws_dynamodb_table.cmk", {"server_side_encryption": [{"enabled": true, "kms_key_arn": "arn:aws:kms:eu-central-1:1:key/d"}]}),
]

_rare_context := [
	_sse(`aws_s3_bucket_server_side_encryption_configuration.b["a"]`, "aws:kms", {"references": {"bucket": ["aws_s3_bucket.b"]}}),
	_sse("aws_s3_bucket_server_side_encryption_configuration.two_a", "aws:kms", {"references": {"bucket": ["aws_s3_bucket.two"]}}),
	object.union(_sse("aws_s3_bucket_server_side_encryption_configuration.two_b", "AES256", {}), {"data": {"values": {"bucket": "two"}}}),
	t.res_with("aws_s3_bucket_server_side_encryption_configuration.unknown", {"rule": [{"apply_server_side_encryption_by_default": [{}]}]}, {
		"unknown": {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": true}]}]},
		"references": {"bucket": ["aws_s3_bucket.unknown"]},
	}),
]

test_rare_cases_are_judged_by_the_full_tier if {
	rs := array.concat(_common, _rare)
	cs := array.concat(_common_context, _rare_context)
	fs := findings with input as object.union(_p_plain, {"evidence": rs, "context": cs})
	full := _full(rs) with input as object.union(_p_plain, {"evidence": rs, "context": cs})
	fs == full
	t.subjects(fs) == {r.subject | some r in rs}
	t.inconclusive(fs) == {"tf:infra/aws_s3_bucket.unknown", "tf:infra/aws_ebs_volume.unknown", "tf:infra/aws_efs_file_system.unknown"}
	expected := {
		"aws_ebs_volume.keyed is encrypted (encrypted = true, kms_key_id arn:aws:kms:eu-central-1:1:key/k); claimed: encrypted at rest",
		"aws_efs_file_system.odd is not encrypted (encrypted = yes); claimed: encrypted at rest",
		"aws_dynamodb_table.cmk is encrypted with KMS key arn:aws:kms:eu-central-1:1:key/d; claimed: encrypted at rest",
	}
	expected - t.messages(fs) == set()
	count({f | some f in fs; f.subject == "tf:infra/aws_s3_bucket.two"}) == 2
}

test_judged_digests if {
	_judged_digests([{"evidence": ["sha256:a", "sha256:b"]}, {"evidence": ["sha256:c"]}]) == {"sha256:a", "sha256:c"}
}

test_dynamodb_plain_blocks if {
	_dynamodb_plain[[]] == _dynamodb_texts[false]
	_dynamodb_plain[[{"enabled": true, "kms_key_arn": ""}]] == _dynamodb_texts[true]
	_dynamodb_plain[[{"enabled": false}]] == _dynamodb_texts[false]
	not _dynamodb_plain[[{"enabled": true, "kms_key_arn": "arn:aws:kms:eu-central-1:1:key/d"}]]
}
