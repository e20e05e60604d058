package tomcheck.checks.logging.retention

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
