package tomcheck.lib.terraform

import data.tomcheck.lib.testing as t

test_config_address if {
	config_address("aws_s3_bucket.b") == "aws_s3_bucket.b"
	config_address(`module.m["x.y"].aws_s3_bucket.b[0]`) == "module.m.aws_s3_bucket.b"
	config_address(`aws_subnet.a["eu-central-1a"]`) == "aws_subnet.a"
}

test_instance_key if {
	instance_key("aws_s3_bucket.b[0]") == "[0]"
	instance_key(`aws_s3_bucket.b["x"]`) == `["x"]`
	instance_key(`module.m["x"].aws_s3_bucket.b`) == ""
}

test_same_instance if {
	same_instance(t.res(`a_x.c["k"]`, {}), t.res(`a_y.b["k"]`, {}))
	not same_instance(t.res(`a_x.c["k"]`, {}), t.res(`a_y.b["j"]`, {}))
	same_instance(t.res(`a_x.c[0]`, {}), t.res(`a_y.b["j"]`, {}))
	same_instance(t.res("a_x.c", {}), t.res("a_y.b[1]", {}))
}

test_name if {
	name(t.res("aws_lb_listener.api", {})) == "aws_lb_listener.api"
	name(t.res("module.web.aws_lb_listener.api", {})) == "aws_lb_listener.api (module.web.aws_lb_listener.api)"
	name(t.res(`module.a["x.y"].module.b.aws_lb_listener.api[0]`, {})) == `aws_lb_listener.api[0] (module.a["x.y"].module.b.aws_lb_listener.api[0])`
	name(t.res("module.x", {})) == "module.x (module.x)"
	name(t.res("module.a.data.aws_iam_policy.p", {})) == "aws_iam_policy.p (module.a.data.aws_iam_policy.p)"
	name(t.res("module.a[0].aws_s3_bucket.b", {})) == "aws_s3_bucket.b (module.a[0].aws_s3_bucket.b)"
	name(t.res("aws_s3_bucket.b[\"k\"]", {})) == "aws_s3_bucket.b[\"k\"]"
}

_bucket := t.res(`aws_s3_bucket.logs[0]`, {"bucket": "logs"})

_bucket_other_target := t.in_target(t.res(`aws_s3_bucket.logs`, {}), "other")

_sse := t.res_with("aws_s3_bucket_server_side_encryption_configuration.logs", {}, {"references": {"bucket": ["aws_s3_bucket.logs"]}})

_data := object.union(t.res("aws_s3_bucket.logs", {}), {"data": {"mode": "data", "address": "data.aws_s3_bucket.logs"}})

test_indexes if {
	count(of_type("aws_s3_bucket")) == 2 with input as {"evidence": [_bucket, _data, _bucket_other_target], "context": [_sse]}
	count(of_type("aws_s3_bucket_server_side_encryption_configuration")) == 1 with input as {"evidence": [_bucket, _data, _bucket_other_target], "context": [_sse]}
	judged_of("aws_s3_bucket") == {_bucket} with input as {"evidence": [_bucket, _data], "context": [_sse]}
	judged_of("aws_s3_bucket_server_side_encryption_configuration") == set() with input as {"evidence": [_bucket, _data], "context": [_sse]}
}

test_referenced_stays_in_its_target if {
	rs := referenced(_sse, "bucket") with input as {"evidence": [_bucket, _bucket_other_target], "context": [_sse]}
	rs == {_bucket}
}

test_refers_to_type if {
	refers_to_type(_sse, "bucket", "aws_s3_bucket")
	not refers_to_type(_sse, "bucket", "aws_kms_key")
	ref_type("module.x.aws_kms_key.k") == "aws_kms_key"
}

test_values_and_unknown if {
	r := t.res_with("aws_backup_plan.p", {"rule": [{"rule_name": "a"}]}, {"unknown": {"rule": [{"schedule": true}], "arn": true}})
	value(r, ["rule", 0, "rule_name"]) == "a"
	value(r, ["rule", 0, "schedule"]) == null
	unknown(r, ["rule", 0, "schedule"])
	unknown(r, ["arn"])
	not unknown(r, ["rule", 0, "rule_name"])
	known(r, ["rule", 0, "rule_name"])
	not known(r, ["rule", 0, "schedule"])
	blocks(r, ["rule"]) == [{"rule_name": "a"}]
	blocks(r, ["lifecycle"]) == []
}

test_unknown_parent_block if {
	r := t.res_with("aws_backup_plan.p", {}, {"unknown": {"rule": true}})
	unknown(r, ["rule", 0, "schedule"])
}

test_sensitive if sensitive(t.res("aws_db_instance.d", {"password": "(sensitive)"}), ["password"])

test_quoted if {
	quoted("x") == `"x"`
	quoted(5) == "5"
}

test_group_and_members if {
	g := group([["a", 1], ["a", 2], ["b", 3]])
	members(g, "a") == {1, 2}
	members(g, "b") == {3}
	members(g, "c") == set()
}

test_instances if {
	a0 := t.res("aws_s3_bucket.a[0]", {})
	a1 := t.res("aws_s3_bucket.a[1]", {})
	b := t.res("aws_s3_bucket.b", {})
	inp := {"evidence": [a0, a1, b], "context": []}
	instances(b, "aws_s3_bucket.a") == {a0, a1} with input as inp
	instances(a0, "aws_s3_bucket.b") == {b} with input as inp
	instances(b, "aws_s3_bucket.c") == set() with input as inp
	instances(b, "nonsense") == set() with input as inp
}

# _t_names are display names of every address form, as the split-and-concat
# implementation of name gave them before it became one regex.replace.
_t_names := {
	"aws_lb.a": "aws_lb.a",
	"aws_lb.a[0]": "aws_lb.a[0]",
	"aws_s3_bucket.b[\"k.l\"]": "aws_s3_bucket.b[\"k.l\"]",
	"module.m.aws_lb.a": "aws_lb.a (module.m.aws_lb.a)",
	"module.m.module.n.aws_lb.a": "aws_lb.a (module.m.module.n.aws_lb.a)",
	"module.m.data.aws_x.y": "aws_x.y (module.m.data.aws_x.y)",
	"module.x": "module.x (module.x)",
	"module.": "module. (module.)",
	"module": "module",
	"module.a..b": ".b (module.a..b)",
	"module.a.b\nc.d": "b\nc.d (module.a.b\nc.d)",
	"": "",
	"module.m[\"k.x\"].aws_lb.a[1]": "aws_lb.a[1] (module.m[\"k.x\"].aws_lb.a[1])",
	"module.m[\"k\\\"]\"].module.n[2].aws_x.y[\"z\"]": "aws_x.y[\"z\"] (module.m[\"k\\\"]\"].module.n[2].aws_x.y[\"z\"])",
	"module.a[0].module.b[\"k\"].aws_s3_bucket.c[\"z\"]": "aws_s3_bucket.c[\"z\"] (module.a[0].module.b[\"k\"].aws_s3_bucket.c[\"z\"])",
	"module.m.aws_lb.a[0]": "aws_lb.a[0] (module.m.aws_lb.a[0])",
	"module.x[0]": "module.x[0] (module.x[0])",
	"module.a[\"x\"]": "module.a[\"x\"] (module.a[\"x\"])",
	"module.a[\"x\"].": " (module.a[\"x\"].)",
	"module.a[": "module.a[ (module.a[)",
	"module.[0].y": "module.[0].y (module.[0].y)",
	"module.a[0]x.b[1]": "module.a[0]x.b[1] (module.a[0]x.b[1])",
	"module.a.b\n[0]": "b\n[0] (module.a.b\n[0])",
	"module.a[\"x\\ny\"].t.n": "t.n (module.a[\"x\\ny\"].t.n)",
}

test_name_of_every_address_form if {
	every a, want in _t_names {
		name({"data": {"address": a}}) == want
	}
}
