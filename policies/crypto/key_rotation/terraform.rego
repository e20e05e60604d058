package tomcheck.checks.crypto.key_rotation

import data.tomcheck.lib.terraform as tf

# Each key is read once, in the body of a findings rule, which builds the
# finding inline, as finding.from would. The keys judged are those
# tf.judged_list("aws_kms_key") selects (`not d.mode == "data"` is its
# object.get(r.data, "mode", "managed") != "data"); the name is tf.name's
# (_name_re). The verdict is a function of the key's values alone
# (_verdict), which OPA evaluates once per distinct combination of values
# rather than once per key; what differs per key (its name, the values the
# messages show) sprintf fills into the verdict's message formats. As the
# library does, this relies on the collector's contract: data.address is a
# string and data.values, when present, an object.

# findings: a key the verdict passes or fails.
findings contains f if {
	some r in input.evidence
	d := r.data
	d.type == "aws_kms_key"
	r.kind == "terraform.resource"
	not d.mode == "data"

	# A key without values is judged as if enable_key_rotation = true were
	# its only value: _verdict then skips every check of a value, as the
	# checks skip missing values, and the key passes with 365 days.
	v := object.get(d, "values", {"enable_key_rotation": true})
	spec := object.get(v, "customer_master_key_spec", null)
	rotation := object.get(v, "enable_key_rotation", null)
	period := object.get(v, "rotation_period_in_days", null)
	[open, ok, en, de] := _verdict(object.get(d, "unknown", {}), spec, rotation, period)
	open == false

	# _name_re and _name_repl, written out: tf.name(r) in one call.
	name := regex.replace(
		d.address,
		`^(?:module\.(?:[^\[]*\.)?([^.\[]*\.[^.\[]*)|(module\.[^.\[]*)|(?:module\.[^.\[]+(?:\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\])?\.)+((?s:.*))|((?s:module\..*)))$`,
		"$1$2$3$4 ($0)",
	)
	f := {
		"subject": r.subject, "pass": ok, "evidence": [r.digest],
		"message": sprintf(en, [name, spec, rotation, period]),
		"message_de": sprintf(de, [name, spec, rotation, period]),
	}
}

# findings: a key the verdict finds inconclusive (only a key with something
# known only after apply can be).
findings contains f if {
	some r in input.evidence
	not r.data.unknown == {}
	d := r.data
	d.type == "aws_kms_key"
	r.kind == "terraform.resource"
	not d.mode == "data"
	v := object.get(d, "values", {"enable_key_rotation": true})
	spec := object.get(v, "customer_master_key_spec", null)
	rotation := object.get(v, "enable_key_rotation", null)
	period := object.get(v, "rotation_period_in_days", null)
	[open, _, en, de] := _verdict(object.get(d, "unknown", {}), spec, rotation, period)
	open
	name := regex.replace(d.address, _name_re, _name_repl)
	f := {
		"subject": r.subject, "pass": false, "inconclusive": true, "evidence": [r.digest],
		"message": sprintf(en, [name]),
		"message_de": sprintf(de, [name]),
	}
}

# _verdict judges a key by the flags u of its values known only after apply
# and by its customer_master_key_spec, enable_key_rotation and
# rotation_period_in_days: [inconclusive, pass, English, German], the messages
# as formats of [name, spec, rotation, period]. In order: a key spec known only
# after apply is inconclusive; asymmetric and HMAC keys pass (AWS cannot rotate
# them); rotation known only after apply is inconclusive; a key without
# enable_key_rotation = true fails; a period known only after apply is
# inconclusive; a period above max_period fails; else the key passes
# (rotation_period_in_days 365 when not set).
_verdict(u, spec, rotation, period) := array.concat([true, false], _formats(
	"has a customer_master_key_spec that is known only after apply",
	"hat eine customer_master_key_spec, die erst nach dem Apply bekannt ist",
)) if {
	u.customer_master_key_spec == true
} else := array.concat([false, true], _formats(
	"has key spec %[2]s, which AWS cannot rotate automatically (only symmetric keys rotate)",
	"hat die Schlüsselart %[2]s, die AWS nicht automatisch rotieren kann (nur symmetrische Schlüssel rotieren)",
)) if {
	is_string(spec)
	spec != "SYMMETRIC_DEFAULT"
} else := array.concat([true, false], _formats(
	"has an enable_key_rotation that is known only after apply",
	"hat ein enable_key_rotation, das erst nach dem Apply bekannt ist",
)) if {
	u.enable_key_rotation == true
} else := array.concat([false, false], _formats(
	"does not rotate (enable_key_rotation = false, the default)",
	"rotiert nicht (enable_key_rotation = false, der Standard)",
)) if {
	rotation == null
} else := array.concat([false, false], _formats(
	"does not rotate (enable_key_rotation = %[3]v)",
	"rotiert nicht (enable_key_rotation = %[3]v)",
)) if {
	rotation != true
} else := array.concat([true, false], _formats(
	"rotates, but its rotation_period_in_days is known only after apply",
	"rotiert, aber rotation_period_in_days ist erst nach dem Apply bekannt",
)) if {
	u.rotation_period_in_days == true
} else := array.concat([false, false], _formats(
	"rotates only every %[4]v days (rotation_period_in_days)",
	"rotiert nur alle %[4]v Tage (rotation_period_in_days)",
)) if {
	is_number(period)
	period > max_period
} else := array.concat([false, true], _formats(
	"rotates automatically every %[4]v days",
	"rotiert automatisch alle %[4]v Tage",
)) if {
	is_number(period)
} else := array.concat([false, true], _formats(
	"rotates automatically every 365 days",
	"rotiert automatisch alle 365 Tage",
))

# _formats are the message formats "<name> <en>; <claimed>" and
# "<name> <de>; <claimed_de>" (claimed with "%" escaped).
_formats(en, de) := [
	concat("", ["%[1]s ", en, "; ", replace(claimed, "%", "%%")]),
	concat("", ["%[1]s ", de, "; ", replace(claimed_de, "%", "%%")]),
]

# _name_re and _name_repl are the lib's pattern and template of tf.name, bound
# here so that the loops over records read them once: regex.replace of an
# address with them gives tf.name's display name.
_name_re := tf.name_pattern

_name_repl := tf.name_template
