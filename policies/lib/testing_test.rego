package tomcheck.lib.testing

test_res if {
	r := res(`module.m["a"].aws_s3_bucket.b[0]`, {"bucket": "b"})
	r.data.type == "aws_s3_bucket"
	r.subject == `tf:infra/module.m["a"].aws_s3_bucket.b[0]`
	r.digest == `sha256:module.m["a"].aws_s3_bucket.b[0]`
	r.data.values == {"bucket": "b"}
}

test_res_with if {
	r := res_with("aws_s3_bucket.b", {}, {"unknown": {"bucket": true}})
	r.data.unknown == {"bucket": true}
	r.data.type == "aws_s3_bucket"
}

test_labeled_and_target if {
	r := in_target(labeled(res("aws_s3_bucket.b", {}), {"env": "prod"}), "other")
	r.labels == {"env": "prod"}
	r.subject == "tf:other/aws_s3_bucket.b"
	r.source.target == "other"
	r.source.collector == "terraform"
}

_fs := {
	{"subject": "a", "pass": true, "message": "m1", "message_de": "d1"},
	{"subject": "b", "pass": false, "message": "m2", "message_de": "d2"},
	{"subject": "c", "pass": false, "inconclusive": true, "message": "m3", "message_de": "d3"},
}

test_selectors if {
	subjects(_fs) == {"a", "b", "c"}
	passing(_fs) == {"a"}
	failing(_fs) == {"b"}
	inconclusive(_fs) == {"c"}
	messages(_fs) == {"m1", "m2", "m3"}
	messages_de(_fs) == {"d1", "d2", "d3"}
}
