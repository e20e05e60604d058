package tomcheck.checks.crypto.key_rotation

import data.tomcheck.lib.finding
import data.tomcheck.lib.terraform as tf

findings contains f if {
	some r in tf.judged_list("aws_kms_key")
	f := finding.from(r, _key(r))
}

_verdict(state, en, de, r) := {
	"state": state,
	"en": sprintf("%s %s; %s", [tf.name(r), en, claimed]),
	"de": sprintf("%s %s; %s", [tf.name(r), de, claimed_de]),
}

_key(r) := _verdict("inconclusive", "has a customer_master_key_spec that is known only after apply", "hat eine customer_master_key_spec, die erst nach dem Apply bekannt ist", r) if {
	r.data.unknown.customer_master_key_spec == true
} else := _verdict("pass", sprintf("has key spec %s, which AWS cannot rotate automatically (only symmetric keys rotate)", [spec]), sprintf("hat die Schlüsselart %s, die AWS nicht automatisch rotieren kann (nur symmetrische Schlüssel rotieren)", [spec]), r) if {
	spec := object.get(r.data.values, "customer_master_key_spec", null)
	is_string(spec)
	spec != "SYMMETRIC_DEFAULT"
} else := _verdict("inconclusive", "has an enable_key_rotation that is known only after apply", "hat ein enable_key_rotation, das erst nach dem Apply bekannt ist", r) if {
	r.data.unknown.enable_key_rotation == true
} else := _verdict("fail", sprintf("does not rotate (enable_key_rotation = %s)", [_shown(r)]), sprintf("rotiert nicht (enable_key_rotation = %s)", [_shown_de(r)]), r) if {
	object.get(r.data.values, "enable_key_rotation", null) != true
} else := _verdict("inconclusive", "rotates, but its rotation_period_in_days is known only after apply", "rotiert, aber rotation_period_in_days ist erst nach dem Apply bekannt", r) if {
	r.data.unknown.rotation_period_in_days == true
} else := _verdict("fail", sprintf("rotates only every %v days (rotation_period_in_days)", [n]), sprintf("rotiert nur alle %v Tage (rotation_period_in_days)", [n]), r) if {
	n := object.get(r.data.values, "rotation_period_in_days", null)
	is_number(n)
	n > max_period
} else := _verdict("pass", sprintf("rotates automatically every %v days", [_period(r)]), sprintf("rotiert automatisch alle %v Tage", [_period(r)]), r)

_period(r) := n if {
	n := object.get(r.data.values, "rotation_period_in_days", null)
	is_number(n)
} else := 365

_shown(r) := sprintf("%v", [v]) if {
	v := object.get(r.data.values, "enable_key_rotation", null)
	v != null
} else := "false, the default"

_shown_de(r) := sprintf("%v", [v]) if {
	v := object.get(r.data.values, "enable_key_rotation", null)
	v != null
} else := "false, der Standard"
