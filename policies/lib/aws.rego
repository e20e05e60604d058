# METADATA
# title: AWS helpers
# description: Parses ARNs and recognises KMS key settings of AWS resources.
package tomcheck.lib.aws

import data.tomcheck.lib.terraform as tf

# arn_region is the region of an ARN, undefined when empty or not an ARN.
arn_region(arn) := r if {
	is_string(arn)
	parts := split(arn, ":")
	count(parts) >= 6
	parts[0] == "arn"
	r := parts[3]
	r != ""
}

# arn_account is the account id of an ARN, undefined when empty or not an ARN.
arn_account(arn) := a if {
	is_string(arn)
	parts := split(arn, ":")
	count(parts) >= 6
	parts[0] == "arn"
	a := parts[4]
	a != ""
}

# arn_service is the service of an ARN ("rds", "ec2", "s3", "*").
arn_service(arn) := s if {
	is_string(arn)
	parts := split(arn, ":")
	count(parts) >= 3
	parts[0] == "arn"
	s := parts[2]
}

# s3_bucket_name is the bucket name of an S3 bucket ARN (arn:aws:s3:::name).
s3_bucket_name(arn) := n if {
	is_string(arn)
	startswith(arn, "arn:")
	parts := split(arn, ":::")
	count(parts) == 2
	n := parts[1]
	n != ""
}

# arn is the record's ARN: the arn value, else the state's resource_id when it is an ARN.
arn(r) := a if {
	a := object.get(r.data.values, "arn", null)
	is_string(a)
	startswith(a, "arn:")
} else := a if {
	a := object.get(r, "resource_id", "")
	startswith(a, "arn:")
}

# region is the region of the record: its own region attribute (provider v6
# resource-level region, S3 buckets' computed region), else the region of its ARN.
region(r) := g if {
	g := object.get(r.data.values, "region", null)
	is_string(g)
	g != ""
} else := g if {
	g := arn_region(arn(r))
}

# kms_key names the customer-managed key attribute attr of r sets: its value
# when known, else the address of the aws_kms_key (or alias) it refers to.
kms_key(r, attr) := v if {
	v := object.get(r.data.values, [attr], null)
	is_string(v)
	v != ""
} else := ks[0] if {
	ks := sort([ref |
		some ref in object.get(r.data, ["references", attr], [])
		tf.ref_type(ref) in {"aws_kms_key", "aws_kms_alias", "aws_kms_replica_key", "aws_kms_external_key"}
	])
	count(ks) > 0
} else := ks[0] if {
	# tf.unknown(r, [attr]), read directly.
	object.get(r.data.unknown, attr, false) == true
	ks := sort(object.get(r.data, ["references", attr], []))
	count(ks) > 0
}
