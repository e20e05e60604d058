package tomcheck.lib.aws

import data.tomcheck.lib.testing as t

test_arn_parts if {
	arn_region("arn:aws:backup:eu-west-1:123456789012:backup-vault:dr") == "eu-west-1"
	arn_account("arn:aws:backup:eu-west-1:123456789012:backup-vault:dr") == "123456789012"
	arn_service("arn:aws:rds:*:*:db:*") == "rds"
	not arn_region("arn:aws:s3:::bucket")
	not arn_region("not-an-arn")
	not arn_region(null)
	s3_bucket_name("arn:aws:s3:::logs-eu") == "logs-eu"
	not s3_bucket_name("logs-eu")
}

test_arn_from_value_or_resource_id if {
	arn(t.res("aws_backup_vault.a", {"arn": "arn:aws:backup:eu-central-1:1:backup-vault:a"})) == "arn:aws:backup:eu-central-1:1:backup-vault:a"
	arn(object.union(t.res("aws_backup_vault.a", {}), {"resource_id": "arn:aws:backup:eu-west-1:1:backup-vault:a"})) == "arn:aws:backup:eu-west-1:1:backup-vault:a"
	not arn(t.res("aws_backup_vault.a", {}))
}

test_region if {
	region(t.res("aws_s3_bucket.a", {"region": "eu-west-1"})) == "eu-west-1"
	region(t.res("aws_backup_vault.a", {"arn": "arn:aws:backup:eu-central-1:1:backup-vault:a"})) == "eu-central-1"
	not region(t.res("aws_s3_bucket.a", {}))
}

test_kms_key_by_value if kms_key(t.res("aws_ebs_volume.a", {"kms_key_id": "arn:aws:kms:eu-central-1:1:key/x"}), "kms_key_id") == "arn:aws:kms:eu-central-1:1:key/x"

test_kms_key_by_reference if {
	r := t.res_with("aws_ebs_volume.a", {}, {"unknown": {"kms_key_id": true}, "references": {"kms_key_id": ["module.kms.aws_kms_key.main"]}})
	kms_key(r, "kms_key_id") == "module.kms.aws_kms_key.main"
}

test_kms_key_unknown_from_other_reference if {
	r := t.res_with("aws_ebs_volume.a", {}, {"unknown": {"kms_key_id": true}, "references": {"kms_key_id": ["data.aws_kms_key.shared"]}})
	kms_key(r, "kms_key_id") == "data.aws_kms_key.shared"
}

test_no_kms_key if {
	not kms_key(t.res("aws_ebs_volume.a", {"kms_key_id": ""}), "kms_key_id")
	not kms_key(t.res("aws_ebs_volume.a", {}), "kms_key_id")
}
