package tomcheck.checks.logging.retention

import data.tomcheck.lib.terraform as tf
import data.tomcheck.lib.testing as t

_t_in(evidence) := {"params": {"min_days": 90}, "evidence": evidence, "context": []}

test_log_groups if {
	never := t.res("aws_cloudwatch_log_group.never", {"name": "a"})
	zero := t.res("aws_cloudwatch_log_group.zero", {"retention_in_days": 0})
	long := t.res("aws_cloudwatch_log_group.long", {"retention_in_days": 365})
	short := t.res("module.app.aws_cloudwatch_log_group.short", {"retention_in_days": 30})
	unknown := t.res_with("aws_cloudwatch_log_group.unknown", {}, {"unknown": {"retention_in_days": true}})
	fs := findings with input as _t_in([never, zero, long, short, unknown])
	t.passing(fs) == {"tf:infra/aws_cloudwatch_log_group.never", "tf:infra/aws_cloudwatch_log_group.zero", "tf:infra/aws_cloudwatch_log_group.long"}
	t.failing(fs) == {"tf:infra/module.app.aws_cloudwatch_log_group.short"}
	t.inconclusive(fs) == {"tf:infra/aws_cloudwatch_log_group.unknown"}
	"aws_cloudwatch_log_group.short (module.app.aws_cloudwatch_log_group.short) deletes logs after 30 days (retention_in_days = 30); claimed at least 90 days" in t.messages(fs)
	"aws_cloudwatch_log_group.short (module.app.aws_cloudwatch_log_group.short) löscht Logs nach 30 Tagen (retention_in_days = 30); zugesichert sind mindestens 90 Tage" in t.messages_de(fs)
	"aws_cloudwatch_log_group.never never expires its logs (retention_in_days not set); claimed at least 90 days" in t.messages(fs)
}

test_lifecycle_with_a_short_expiration_fails if {
	r := t.res_with(
		"aws_s3_bucket_lifecycle_configuration.logs", {"rule": [
			{"id": "tmp", "status": "Enabled", "filter": [{"prefix": "tmp/"}], "expiration": [{"days": 7}]},
			{"id": "archive", "status": "Enabled", "transition": [{"days": 30, "storage_class": "GLACIER"}], "expiration": [{"days": 400}]},
			{"id": "off", "status": "Disabled", "expiration": [{"days": 1}]},
		]},
		{"references": {"bucket": ["aws_s3_bucket.logs"]}},
	)
	fs := findings with input as _t_in([r])
	t.messages(fs) == {`aws_s3_bucket_lifecycle_configuration.logs (bucket aws_s3_bucket.logs): rule "tmp" (prefix "tmp/") expires objects after 7 days; claimed at least 90 days`}
	t.messages_de(fs) == {`aws_s3_bucket_lifecycle_configuration.logs (Bucket aws_s3_bucket.logs): Regel "tmp" (prefix "tmp/") löscht Objekte nach 7 Tagen; zugesichert sind mindestens 90 Tage`}
}

test_lifecycle_with_a_date_fails if {
	r := t.res("aws_s3_bucket_lifecycle_configuration.logs", {"bucket": "shop-logs", "rule": [{"id": "purge", "status": "Enabled", "expiration": [{"date": "2027-01-01T00:00:00Z"}]}]})
	fs := findings with input as _t_in([r])
	t.messages(fs) == {`aws_s3_bucket_lifecycle_configuration.logs (bucket "shop-logs"): rule "purge" deletes every object on 2027-01-01T00:00:00Z, whatever its age; claimed at least 90 days`}
}

test_lifecycle_keeping_long_enough_passes if {
	r := t.res("aws_s3_bucket_lifecycle_configuration.logs", {"bucket": "shop-logs", "rule": [{"id": "a", "status": "Enabled", "expiration": [{"days": 90}]}, {"id": "b", "status": "Enabled", "noncurrent_version_expiration": [{"noncurrent_days": 1}]}]})
	fs := findings with input as _t_in([r])
	t.messages(fs) == {`aws_s3_bucket_lifecycle_configuration.logs (bucket "shop-logs") expires no object sooner than 90 days; claimed at least 90 days`}
}

test_lifecycle_unknown_expiration_is_inconclusive if {
	r := t.res_with("aws_s3_bucket_lifecycle_configuration.logs", {"rule": [{"id": "a", "status": "Enabled", "expiration": [{}]}]}, {"unknown": {"rule": [{"expiration": [{"days": true}]}]}, "references": {"bucket": ["aws_s3_bucket.logs"]}})
	fs := findings with input as _t_in([r])
	t.messages(fs) == {`aws_s3_bucket_lifecycle_configuration.logs (bucket aws_s3_bucket.logs): rule "a": days is known only after apply; claimed at least 90 days`}
}

# _t_lg is a log group at address with retention_in_days n (also at an
# address that names no log group).
_t_lg(address, n) := object.union(t.res(address, {"retention_in_days": n}), {"data": {"type": "aws_cloudwatch_log_group"}})

test_retention_verdicts if {
	_retention(null) == [
		true,
		"%[1]s never expires its logs (retention_in_days not set); claimed at least 90 days",
		"%[1]s löscht seine Logs nie (retention_in_days nicht gesetzt); zugesichert sind mindestens 90 Tage",
	] with input as _t_in([])
	_retention(0) == [
		true,
		"%[1]s never expires its logs (retention_in_days = 0); claimed at least 90 days",
		"%[1]s löscht seine Logs nie (retention_in_days = 0); zugesichert sind mindestens 90 Tage",
	] with input as _t_in([])
	_retention(90) == [
		true,
		"%[1]s keeps logs 90 days (retention_in_days = %[2]v); claimed at least 90 days",
		"%[1]s behält Logs 90 Tage (retention_in_days = %[2]v); zugesichert sind mindestens 90 Tage",
	] with input as _t_in([])
	_retention(89) == [
		false,
		"%[1]s deletes logs after 89 days (retention_in_days = %[2]v); claimed at least 90 days",
		"%[1]s löscht Logs nach 89 Tagen (retention_in_days = %[2]v); zugesichert sind mindestens 90 Tage",
	] with input as _t_in([])
}

test_retention_of_one_day if {
	fs := findings with input as _t_in([_t_lg("aws_cloudwatch_log_group.a", 1)])
	t.messages(fs) == {"aws_cloudwatch_log_group.a deletes logs after 1 day (retention_in_days = 1); claimed at least 90 days"}
	t.messages_de(fs) == {"aws_cloudwatch_log_group.a löscht Logs nach 1 Tag (retention_in_days = 1); zugesichert sind mindestens 90 Tage"}
	ones := findings with input as {"params": {"min_days": 1}, "evidence": [_t_lg("aws_cloudwatch_log_group.a", 1)], "context": []}
	t.messages(ones) == {"aws_cloudwatch_log_group.a keeps logs 1 day (retention_in_days = 1); claimed at least 1 day"}
	t.messages_de(ones) == {"aws_cloudwatch_log_group.a behält Logs 1 Tag (retention_in_days = 1); zugesichert sind mindestens 1 Tag"}
}

test_retention_that_is_no_number_fails if {
	fs := findings with input as _t_in([_t_lg("aws_cloudwatch_log_group.a", "5%"), _t_lg("aws_cloudwatch_log_group.b", 3.5)])
	t.failing(fs) == {"tf:infra/aws_cloudwatch_log_group.a", "tf:infra/aws_cloudwatch_log_group.b"}
	t.messages(fs) == {
		"aws_cloudwatch_log_group.a deletes logs after 5% days (retention_in_days = 5%); claimed at least 90 days",
		"aws_cloudwatch_log_group.b deletes logs after 3.5 days (retention_in_days = 3.5); claimed at least 90 days",
	}
}

test_formats if {
	_formats(" x", " y") == ["%[1]s x; claimed at least 90 days", "%[1]s y; zugesichert sind mindestens 90 Tage"] with input as _t_in([])
	_escaped("5% of 100%") == "5%% of 100%%"
}

# _t_addresses are addresses of every form tf.name distinguishes.
_t_addresses := [
	"aws_cloudwatch_log_group.a",
	"module.m.aws_cloudwatch_log_group.a",
	"module.m.module.n.aws_cloudwatch_log_group.a",
	`module.m["x.y"].aws_cloudwatch_log_group.a[0]`,
	`module.m[0].module.n["k"].aws_cloudwatch_log_group.a["b.c"]`,
	`aws_cloudwatch_log_group.a["k"]`,
	"module.m",
	"module.[0].aws_cloudwatch_log_group.a",
]

test_log_groups_are_named_as_tf_names_them if {
	rs := [_t_lg(a, 30) | some a in _t_addresses]
	fs := findings with input as _t_in(rs)
	t.messages(fs) == {sprintf("%s deletes logs after 30 days (retention_in_days = 30); claimed at least 90 days", [tf.name(r)]) | some r in rs}
	unknown := [object.union(r, {"data": {"unknown": {"retention_in_days": true}}}) | some r in rs]
	open := findings with input as _t_in(unknown)
	t.messages(open) == {sprintf("%s: retention_in_days is known only after apply; claimed at least 90 days", [tf.name(r)]) | some r in unknown}
}

test_only_managed_terraform_resources_are_judged if {
	data_source := object.union(_t_lg("aws_cloudwatch_log_group.d", 30), {"data": {"mode": "data"}})
	other_kind := object.union(_t_lg("aws_cloudwatch_log_group.o", 30), {"kind": "other"})
	no_mode := json.remove(_t_lg("aws_cloudwatch_log_group.n", 30), ["data/mode"])
	fs := findings with input as _t_in([data_source, other_kind, no_mode])
	t.subjects(fs) == {"tf:infra/aws_cloudwatch_log_group.n"}
}

test_lifecycle_with_unknown_rules_is_inconclusive if {
	r := t.res_with("aws_s3_bucket_lifecycle_configuration.logs", {"bucket": "shop-logs"}, {"unknown": {"rule": true}})
	fs := findings with input as _t_in([r])
	t.inconclusive(fs) == {"tf:infra/aws_s3_bucket_lifecycle_configuration.logs"}
	t.messages(fs) == {`aws_s3_bucket_lifecycle_configuration.logs (bucket "shop-logs"): its rules are known only after apply; claimed at least 90 days`}
	t.messages_de(fs) == {`aws_s3_bucket_lifecycle_configuration.logs (Bucket "shop-logs"): die Regeln sind erst nach dem Apply bekannt; zugesichert sind mindestens 90 Tage`}
}

test_lifecycle_lists_rules_sorted_per_language if {
	r := t.res_with(
		"module.logs.aws_s3_bucket_lifecycle_configuration.logs", {"rule": [
			{"status": "Enabled", "prefix": "b/", "expiration": [{"days": 1}]},
			{"id": "a", "expiration": [{"date": "2027-01-01"}]},
		]},
		{"references": {"bucket": ["module.logs.aws_s3_bucket.z", "aws_s3_bucket.a"]}},
	)
	fs := findings with input as _t_in([r])
	t.messages(fs) == {concat("", [
		"aws_s3_bucket_lifecycle_configuration.logs (module.logs.aws_s3_bucket_lifecycle_configuration.logs) ",
		`(bucket aws_s3_bucket.a, module.logs.aws_s3_bucket.z): rule "a" deletes every object on 2027-01-01, whatever its age; `,
		`rule #1 (prefix "b/") expires objects after 1 day; claimed at least 90 days`,
	])}
	t.messages_de(fs) == {concat("", [
		"aws_s3_bucket_lifecycle_configuration.logs (module.logs.aws_s3_bucket_lifecycle_configuration.logs) ",
		`(Bucket aws_s3_bucket.a, module.logs.aws_s3_bucket.z): Regel "a" löscht am 2027-01-01 jedes Objekt, gleich welchen Alters; `,
		`Regel #1 (prefix "b/") löscht Objekte nach 1 Tag; zugesichert sind mindestens 90 Tage`,
	])}
}

test_bucket if {
	_bucket(t.res_with("aws_s3_bucket_lifecycle_configuration.l", {"bucket": "b"}, {"references": {"bucket": ["aws_s3_bucket.b"]}})) == ["bucket aws_s3_bucket.b", "Bucket aws_s3_bucket.b"]
	_bucket(t.res("aws_s3_bucket_lifecycle_configuration.l", {"bucket": "b"})) == [`bucket "b"`, `Bucket "b"`]
	_bucket(t.res("aws_s3_bucket_lifecycle_configuration.l", {})) == ["bucket unknown until apply", "Bucket erst nach dem Apply bekannt"]
}
