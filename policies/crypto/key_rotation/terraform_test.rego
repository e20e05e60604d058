package tomcheck.checks.crypto.key_rotation

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
