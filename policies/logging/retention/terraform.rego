package tomcheck.checks.logging.retention

import data.tomcheck.lib.terraform as tf
import data.tomcheck.lib.text

# Each record is read once, in the body of a findings rule, which builds the
# finding inline, as finding.from would. The records judged are those
# tf.judged_list selects for each type (`not d.mode == "data"` is its
# object.get(r.data, "mode", "managed") != "data"); the name is tf.name's
# (_name_re). The verdict on a log group is a function of its
# retention_in_days alone (_retention), which OPA evaluates once per distinct
# value rather than once per log group; what differs per log group (its name,
# the value the messages show) sprintf fills into the verdict's message
# formats. As the library does, this relies on the collector's contract:
# data.address is a string.

# CloudWatch log groups

# findings: a log group whose retention_in_days is known only after apply is
# inconclusive.
findings contains f if {
	some r in input.evidence
	r.data.unknown.retention_in_days == true
	r.data.type == "aws_cloudwatch_log_group"
	r.kind == "terraform.resource"
	not r.data.mode == "data"
	name := regex.replace(r.data.address, _name_re, _name_repl)
	f := {
		"subject": r.subject, "pass": false, "inconclusive": true, "evidence": [r.digest],
		"message": sprintf("%s: retention_in_days is known only after apply; %s", [name, claimed]),
		"message_de": sprintf("%s: retention_in_days ist erst nach dem Apply bekannt; %s", [name, claimed_de]),
	}
}

# findings: any other log group passes or fails by its retention_in_days.
findings contains f if {
	some r in input.evidence
	d := r.data
	d.type == "aws_cloudwatch_log_group"
	r.kind == "terraform.resource"
	not d.mode == "data"
	not d.unknown.retention_in_days == true
	n := object.get(d.values, "retention_in_days", null)
	[ok, en, de] := _retention(n)

	# _name_re and _name_repl, written out: tf.name(r) in one call.
	name := regex.replace(
		d.address,
		`^(?:module\.(?:[^\[]*\.)?([^.\[]*\.[^.\[]*)|(module\.[^.\[]*)|(?:module\.[^.\[]+(?:\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\])?\.)+((?s:.*))|((?s:module\..*)))$`,
		"$1$2$3$4 ($0)",
	)
	f := {
		"subject": r.subject, "pass": ok, "evidence": [r.digest],
		"message": sprintf(en, [name, n]),
		"message_de": sprintf(de, [name, n]),
	}
}

# _retention judges a known retention_in_days n: [pass, English, German],
# the messages as formats of [name, n]. A log group passes when n is not set
# or 0 (its logs never expire) or at least min_days, and fails otherwise.
_retention(n) := array.concat([true], _formats(
	" never expires its logs (retention_in_days not set)",
	" löscht seine Logs nie (retention_in_days nicht gesetzt)",
)) if {
	n == null
} else := array.concat([true], _formats(
	" never expires its logs (retention_in_days = 0)",
	" löscht seine Logs nie (retention_in_days = 0)",
)) if {
	n in {null, 0}
} else := array.concat([true], _formats(
	concat("", [" keeps logs ", _escaped(text.days(n)), " (retention_in_days = %[2]v)"]),
	concat("", [" behält Logs ", _escaped(text.days_de(n)), " (retention_in_days = %[2]v)"]),
)) if {
	is_number(n)
	n >= min_days
} else := array.concat([false], _formats(
	concat("", [" deletes logs after ", _escaped(text.days(n)), " (retention_in_days = %[2]v)"]),
	concat("", [" löscht Logs nach ", _escaped(text.days_de_dative(n)), " (retention_in_days = %[2]v)"]),
))

# _formats are the message formats "<name><en>; <claimed>" and
# "<name><de>; <claimed_de>".
_formats(en, de) := [
	concat("", ["%[1]s", en, "; ", _escaped(claimed)]),
	concat("", ["%[1]s", de, "; ", _escaped(claimed_de)]),
]

# _escaped is text s in a sprintf format: "%" doubled.
_escaped(s) := replace(s, "%", "%%")

# S3 lifecycle configurations

# findings judges every S3 lifecycle configuration by the expirations of its
# enabled rules.
findings contains f if {
	some r in input.evidence
	r.data.type == "aws_s3_bucket_lifecycle_configuration"
	r.kind == "terraform.resource"
	not r.data.mode == "data"
	f := _lifecycle(r, regex.replace(r.data.address, _name_re, _name_repl))
}

# _lifecycle is the finding about lifecycle configuration r named name: fail
# when an enabled rule expires objects too soon, inconclusive when a rule's
# status or expiration is known only after apply, pass otherwise.
_lifecycle(r, name) := _listing(r, name, false, xs) if {
	xs := _short(r)
	count(xs) > 0
} else := _listing(r, name, true, xs) if {
	xs := _open(r)
	count(xs) > 0
} else := {
	"subject": r.subject, "pass": true, "evidence": [r.digest],
	"message": sprintf("%s (%s) expires no object sooner than %s; %s", [name, b[0], text.days(min_days), claimed]),
	"message_de": sprintf("%s (%s) löscht kein Objekt vor %s; %s", [name, b[1], text.days_de_dative(min_days), claimed_de]),
} if {
	b := _bucket(r)
}

# _listing is the failing (or, when open, inconclusive) finding about r that
# lists the deviations xs ([English, German] pairs), each language sorted.
_listing(r, name, false, xs) := {
	"subject": r.subject, "pass": false, "evidence": [r.digest],
	"message": sprintf("%s (%s): %s; %s", [name, b[0], concat("; ", sort({x[0] | some x in xs})), claimed]),
	"message_de": sprintf("%s (%s): %s; %s", [name, b[1], concat("; ", sort({x[1] | some x in xs})), claimed_de]),
} if {
	b := _bucket(r)
}

_listing(r, name, true, xs) := {
	"subject": r.subject, "pass": false, "inconclusive": true, "evidence": [r.digest],
	"message": sprintf("%s (%s): %s; %s", [name, b[0], concat("; ", sort({x[0] | some x in xs})), claimed]),
	"message_de": sprintf("%s (%s): %s; %s", [name, b[1], concat("; ", sort({x[1] | some x in xs})), claimed_de]),
} if {
	b := _bucket(r)
}

# _bucket names the bucket of r in English and German: the resources its
# bucket attribute refers to, else the bucket name, else unknown until apply.
_bucket(r) := [sprintf("bucket %s", [bs]), sprintf("Bucket %s", [bs])] if {
	count(object.get(r.data.references, "bucket", [])) > 0
	bs := concat(", ", sort(object.get(r.data.references, "bucket", [])))
} else := [sprintf("bucket %q", [b]), sprintf("Bucket %q", [b])] if {
	b := object.get(r.data.values, "bucket", null)
	is_string(b)
} else := ["bucket unknown until apply", "Bucket erst nach dem Apply bekannt"]

# _rule_name names rule i by its id, else by its position.
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

# _short are [English, German] for every enabled rule of r that expires
# objects sooner than min_days, or on a fixed date.
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

# _open are [English, German] for every rule status or expiration of r that
# is known only after apply, and for rules known only after apply.
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

# _name_re and _name_repl are the lib's pattern and template of tf.name, bound
# here so that the loops over records read them once: regex.replace of an
# address with them gives tf.name's display name.
_name_re := tf.name_pattern

_name_repl := tf.name_template
