package tomcheck.checks.logging.retention

import data.tomcheck.lib.finding
import data.tomcheck.lib.terraform as tf
import data.tomcheck.lib.text

# CloudWatch log groups

findings contains f if {
	some r in tf.judged_list("aws_cloudwatch_log_group")
	f := finding.from(r, _log_group(r))
}

_log_group(r) := {
	"state": "inconclusive",
	"en": sprintf("%s: retention_in_days is known only after apply; %s", [tf.name(r), claimed]),
	"de": sprintf("%s: retention_in_days ist erst nach dem Apply bekannt; %s", [tf.name(r), claimed_de]),
} if {
	r.data.unknown.retention_in_days == true
} else := {
	"state": "pass",
	"en": sprintf("%s never expires its logs (retention_in_days %s); %s", [tf.name(r), _unset(r), claimed]),
	"de": sprintf("%s löscht seine Logs nie (retention_in_days %s); %s", [tf.name(r), _unset_de(r), claimed_de]),
} if {
	object.get({"v": object.get(r.data.values, "retention_in_days", null)}, "v", null) in {null, 0}
} else := {
	"state": "pass",
	"en": sprintf("%s keeps logs %s (retention_in_days = %v); %s", [tf.name(r), text.days(n), n, claimed]),
	"de": sprintf("%s behält Logs %s (retention_in_days = %v); %s", [tf.name(r), text.days_de(n), n, claimed_de]),
} if {
	n := object.get(r.data.values, "retention_in_days", null)
	is_number(n)
	n >= min_days
} else := {
	"state": "fail",
	"en": sprintf("%s deletes logs after %s (retention_in_days = %v); %s", [tf.name(r), text.days(n), n, claimed]),
	"de": sprintf("%s löscht Logs nach %s (retention_in_days = %v); %s", [tf.name(r), text.days_de_dative(n), n, claimed_de]),
} if {
	n := object.get(r.data.values, "retention_in_days", null)
}

_unset(r) := "not set" if {
	object.get(r.data.values, "retention_in_days", null) == null
} else := "= 0"

_unset_de(r) := "nicht gesetzt" if {
	object.get(r.data.values, "retention_in_days", null) == null
} else := "= 0"

# S3 lifecycle configurations

findings contains f if {
	some r in tf.judged_list("aws_s3_bucket_lifecycle_configuration")
	f := finding.from(r, _lifecycle(r))
}

_bucket(r) := sprintf("bucket %s", [concat(", ", sort(object.get(r.data.references, "bucket", [])))]) if {
	count(object.get(r.data.references, "bucket", [])) > 0
} else := sprintf("bucket %q", [b]) if {
	b := object.get(r.data.values, "bucket", null)
	is_string(b)
} else := "bucket unknown until apply"

_bucket_de(r) := sprintf("Bucket %s", [concat(", ", sort(object.get(r.data.references, "bucket", [])))]) if {
	count(object.get(r.data.references, "bucket", [])) > 0
} else := sprintf("Bucket %q", [b]) if {
	b := object.get(r.data.values, "bucket", null)
	is_string(b)
} else := "Bucket erst nach dem Apply bekannt"

_rule_name(i, rule) := sprintf("%q", [rule.id]) if {
	is_string(rule.id)
} else := sprintf("#%d", [i + 1])

# _filter describes a rule's object filter.
_filter(rule) := sprintf(" (prefix %q)", [p]) if {
	p := object.get(rule, ["filter", 0, "prefix"], object.get(rule, "prefix", ""))
	is_string(p)
	p != ""
} else := ""

_enabled_rules := {"Enabled"}

_short(r) := array.concat(
	[[en, de] |
		some i, rule in tf.blocks_at(["rule"], r)
		object.get(rule, "status", "Enabled") in _enabled_rules
		n := object.get(rule, ["expiration", 0, "days"], null)
		is_number(n)
		n > 0
		n < min_days
		en := sprintf("rule %s%s expires objects after %s", [_rule_name(i, rule), _filter(rule), text.days(n)])
		de := sprintf("Regel %s%s löscht Objekte nach %s", [_rule_name(i, rule), _filter(rule), text.days_de_dative(n)])
	],
	[[en, de] |
		some i, rule in tf.blocks_at(["rule"], r)
		object.get(rule, "status", "Enabled") in _enabled_rules
		d := object.get(rule, ["expiration", 0, "date"], null)
		is_string(d)
		d != ""
		en := sprintf("rule %s%s deletes every object on %s, whatever its age", [_rule_name(i, rule), _filter(rule), d])
		de := sprintf("Regel %s%s löscht am %s jedes Objekt, gleich welchen Alters", [_rule_name(i, rule), _filter(rule), d])
	],
)

_open(r) := array.concat(
	[[en, de] |
		some i, rule in tf.blocks_at(["rule"], r)
		some p in [["rule", i, "status"], ["rule", i, "expiration", 0, "days"], ["rule", i, "expiration", 0, "date"]]
		tf.unknown_at(p, r)
		en := sprintf("rule %s: %s is known only after apply", [_rule_name(i, rule), p[count(p) - 1]])
		de := sprintf("Regel %s: %s ist erst nach dem Apply bekannt", [_rule_name(i, rule), p[count(p) - 1]])
	],
	[[en, de] |
		r.data.unknown.rule == true
		en := "its rules are known only after apply"
		de := "die Regeln sind erst nach dem Apply bekannt"
	],
)

_lifecycle(r) := _listing("fail", _short(r), r) if {
	count(_short(r)) > 0
} else := _listing("inconclusive", _open(r), r) if {
	count(_open(r)) > 0
} else := {
	"state": "pass",
	"en": sprintf("%s (%s) expires no object sooner than %s; %s", [tf.name(r), _bucket(r), text.days(min_days), claimed]),
	"de": sprintf("%s (%s) löscht kein Objekt vor %s; %s", [tf.name(r), _bucket_de(r), text.days_de_dative(min_days), claimed_de]),
}

_listing(state, xs, r) := {
	"state": state,
	"en": sprintf("%s (%s): %s; %s", [tf.name(r), _bucket(r), concat("; ", sort({x[0] | some x in xs})), claimed]),
	"de": sprintf("%s (%s): %s; %s", [tf.name(r), _bucket_de(r), concat("; ", sort({x[1] | some x in xs})), claimed_de]),
}
