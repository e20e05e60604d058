package tomcheck.checks.crypto.key_rotation

import data.tomcheck.lib.terraform as tf
import data.tomcheck.lib.testing as t

_t_in(evidence) := {"params": {}, "evidence": evidence, "context": []}

test_rotating_key_passes if {
	r := t.res("aws_kms_key.main", {"enable_key_rotation": true})
	fs := findings with input as _t_in([r])
	t.messages(fs) == {"aws_kms_key.main rotates automatically every 365 days; claimed: automatic rotation at least every 365 days"}
	t.messages_de(fs) == {"aws_kms_key.main rotiert automatisch alle 365 Tage; zugesichert: automatische Rotation mindestens alle 365 Tage"}
}

test_key_without_rotation_fails if {
	r := t.res("module.kms.aws_kms_key.main", {"customer_master_key_spec": "SYMMETRIC_DEFAULT"})
	fs := findings with input as _t_in([r])
	t.messages(fs) == {"aws_kms_key.main (module.kms.aws_kms_key.main) does not rotate (enable_key_rotation = false, the default); claimed: automatic rotation at least every 365 days"}
}

test_long_period_fails if {
	r := t.res("aws_kms_key.slow", {"enable_key_rotation": true, "rotation_period_in_days": 730})
	short := t.res("aws_kms_key.fast", {"enable_key_rotation": true, "rotation_period_in_days": 90})
	fs := findings with input as _t_in([r, short])
	t.failing(fs) == {"tf:infra/aws_kms_key.slow"}
	t.passing(fs) == {"tf:infra/aws_kms_key.fast"}
}

test_asymmetric_and_hmac_keys_pass if {
	rsa := t.res("aws_kms_key.sign", {"customer_master_key_spec": "RSA_4096", "key_usage": "SIGN_VERIFY"})
	hmac := t.res("aws_kms_key.mac", {"customer_master_key_spec": "HMAC_256"})
	fs := findings with input as _t_in([rsa, hmac])
	t.passing(fs) == {"tf:infra/aws_kms_key.sign", "tf:infra/aws_kms_key.mac"}
	"aws_kms_key.sign has key spec RSA_4096, which AWS cannot rotate automatically (only symmetric keys rotate); claimed: automatic rotation at least every 365 days" in t.messages(fs)
}

test_unknown_rotation_is_inconclusive if {
	r := t.res_with("aws_kms_key.main", {}, {"unknown": {"enable_key_rotation": true}})
	fs := findings with input as _t_in([r])
	t.inconclusive(fs) == {"tf:infra/aws_kms_key.main"}
}

test_verdicts_in_order if {
	spec := t.res_with("aws_kms_key.spec", {"enable_key_rotation": true}, {"unknown": {"customer_master_key_spec": true, "rotation_period_in_days": true}})
	rsa := t.res_with("aws_kms_key.rsa", {"customer_master_key_spec": "RSA_2048"}, {"unknown": {"enable_key_rotation": true}})
	rotation := t.res_with("aws_kms_key.rotation", {}, {"unknown": {"enable_key_rotation": true, "rotation_period_in_days": true}})
	off := t.res_with("aws_kms_key.off", {"enable_key_rotation": false}, {"unknown": {"rotation_period_in_days": true}})
	period := t.res_with("aws_kms_key.period", {"enable_key_rotation": true, "rotation_period_in_days": 730}, {"unknown": {"rotation_period_in_days": true}})
	slow := t.res("aws_kms_key.slow", {"enable_key_rotation": true, "rotation_period_in_days": 730})
	fast := t.res("aws_kms_key.fast", {"enable_key_rotation": true, "rotation_period_in_days": 90})
	fs := findings with input as _t_in([spec, rsa, rotation, off, period, slow, fast])
	t.inconclusive(fs) == {"tf:infra/aws_kms_key.spec", "tf:infra/aws_kms_key.rotation", "tf:infra/aws_kms_key.period"}
	t.passing(fs) == {"tf:infra/aws_kms_key.rsa", "tf:infra/aws_kms_key.fast"}
	t.failing(fs) == {"tf:infra/aws_kms_key.off", "tf:infra/aws_kms_key.slow"}
	t.messages(fs) == {
		"aws_kms_key.spec has a customer_master_key_spec that is known only after apply; claimed: automatic rotation at least every 365 days",
		"aws_kms_key.rsa has key spec RSA_2048, which AWS cannot rotate automatically (only symmetric keys rotate); claimed: automatic rotation at least every 365 days",
		"aws_kms_key.rotation has an enable_key_rotation that is known only after apply; claimed: automatic rotation at least every 365 days",
		"aws_kms_key.off does not rotate (enable_key_rotation = false); claimed: automatic rotation at least every 365 days",
		"aws_kms_key.period rotates, but its rotation_period_in_days is known only after apply; claimed: automatic rotation at least every 365 days",
		"aws_kms_key.slow rotates only every 730 days (rotation_period_in_days); claimed: automatic rotation at least every 365 days",
		"aws_kms_key.fast rotates automatically every 90 days; claimed: automatic rotation at least every 365 days",
	}
	t.messages_de(fs) == {
		"aws_kms_key.spec hat eine customer_master_key_spec, die erst nach dem Apply bekannt ist; zugesichert: automatische Rotation mindestens alle 365 Tage",
		"aws_kms_key.rsa hat die Schlüsselart RSA_2048, die AWS nicht automatisch rotieren kann (nur symmetrische Schlüssel rotieren); zugesichert: automatische Rotation mindestens alle 365 Tage",
		"aws_kms_key.rotation hat ein enable_key_rotation, das erst nach dem Apply bekannt ist; zugesichert: automatische Rotation mindestens alle 365 Tage",
		"aws_kms_key.off rotiert nicht (enable_key_rotation = false); zugesichert: automatische Rotation mindestens alle 365 Tage",
		"aws_kms_key.period rotiert, aber rotation_period_in_days ist erst nach dem Apply bekannt; zugesichert: automatische Rotation mindestens alle 365 Tage",
		"aws_kms_key.slow rotiert nur alle 730 Tage (rotation_period_in_days); zugesichert: automatische Rotation mindestens alle 365 Tage",
		"aws_kms_key.fast rotiert automatisch alle 90 Tage; zugesichert: automatische Rotation mindestens alle 365 Tage",
	}
}

test_odd_values if {
	yes := t.res("aws_kms_key.yes", {"enable_key_rotation": "yes", "customer_master_key_spec": "SYMMETRIC_DEFAULT"})
	percent := t.res("aws_kms_key.percent", {"customer_master_key_spec": "RSA_%d"})
	text := t.res("aws_kms_key.text", {"enable_key_rotation": true, "rotation_period_in_days": "400"})
	fs := findings with input as _t_in([yes, percent, text])
	t.messages(fs) == {
		"aws_kms_key.yes does not rotate (enable_key_rotation = yes); claimed: automatic rotation at least every 365 days",
		"aws_kms_key.percent has key spec RSA_%d, which AWS cannot rotate automatically (only symmetric keys rotate); claimed: automatic rotation at least every 365 days",
		"aws_kms_key.text rotates automatically every 365 days; claimed: automatic rotation at least every 365 days",
	}
}

test_key_without_values_or_unknown_object if {
	no_values := json.remove(t.res("aws_kms_key.nv", {}), ["data/values"])
	no_unknown := json.remove(t.res("aws_kms_key.nu", {"enable_key_rotation": true}), ["data/unknown"])
	fs := findings with input as _t_in([no_values, no_unknown])
	t.messages(fs) == {
		"aws_kms_key.nv rotates automatically every 365 days; claimed: automatic rotation at least every 365 days",
		"aws_kms_key.nu rotates automatically every 365 days; claimed: automatic rotation at least every 365 days",
	}
}

test_other_unknown_values_do_not_matter if {
	r := t.res_with("aws_kms_key.main", {"enable_key_rotation": true}, {"unknown": {"arn": true, "key_id": true, "enable_key_rotation": false}})
	fs := findings with input as _t_in([r])
	count(fs) == 1
	t.passing(fs) == {"tf:infra/aws_kms_key.main"}
}

test_only_managed_terraform_resources_are_judged if {
	data_source := object.union(t.res("aws_kms_key.d", {}), {"data": {"mode": "data"}})
	other_kind := object.union(t.res("aws_kms_key.o", {}), {"kind": "other"})
	no_mode := json.remove(t.res("aws_kms_key.n", {}), ["data/mode"])
	fs := findings with input as _t_in([data_source, other_kind, no_mode])
	t.subjects(fs) == {"tf:infra/aws_kms_key.n"}
}

# _t_addresses are addresses of every form tf.name distinguishes.
_t_addresses := [
	"aws_kms_key.a",
	"module.m.aws_kms_key.a",
	"module.m.module.n.aws_kms_key.a",
	`module.m["x.y"].aws_kms_key.a[0]`,
	`module.m[0].module.n["k"].aws_kms_key.a["b.c"]`,
	`aws_kms_key.a["k"]`,
	"module.m",
	"module.[0].aws_kms_key.a",
]

test_keys_are_named_as_tf_names_them if {
	rs := [object.union(t.res(a, {}), {"data": {"type": "aws_kms_key"}}) | some a in _t_addresses]
	fs := findings with input as _t_in(rs)
	t.messages(fs) == {sprintf("%s does not rotate (enable_key_rotation = false, the default); claimed: automatic rotation at least every 365 days", [tf.name(r)]) | some r in rs}
	open := [object.union(r, {"data": {"unknown": {"enable_key_rotation": true}}}) | some r in rs]
	os := findings with input as _t_in(open)
	t.messages(os) == {sprintf("%s has an enable_key_rotation that is known only after apply; claimed: automatic rotation at least every 365 days", [tf.name(r)]) | some r in open}
}

test_verdict_and_formats if {
	_verdict({}, "SYMMETRIC_DEFAULT", true, null) == [
		false, true,
		"%[1]s rotates automatically every 365 days; claimed: automatic rotation at least every 365 days",
		"%[1]s rotiert automatisch alle 365 Tage; zugesichert: automatische Rotation mindestens alle 365 Tage",
	]
	_verdict({"customer_master_key_spec": true}, "RSA_2048", true, null)[0] == true
	_formats("x", "y") == [
		"%[1]s x; claimed: automatic rotation at least every 365 days",
		"%[1]s y; zugesichert: automatische Rotation mindestens alle 365 Tage",
	]
}
