package tomcheck.checks.auth.password_policy

import data.tomcheck.lib.testing as t

_t_strict := {"min_length": 14, "require_uppercase": true, "require_lowercase": true, "require_numbers": true, "require_symbols": true, "max_age_days": 90}

test_strong_policy_passes if {
	r := t.res("aws_iam_account_password_policy.strict", {
		"minimum_password_length": 16, "require_uppercase_characters": true, "require_lowercase_characters": true,
		"require_numbers": true, "require_symbols": true, "max_password_age": 90,
	})
	fs := findings with input as {"params": _t_strict, "evidence": [r], "context": []}
	t.messages(fs) == {"aws_iam_account_password_policy.strict enforces the claimed rules (minimum_password_length 16); claimed: at least 14 characters with an uppercase letter, a lowercase letter, a digit, a symbol, changed at least every 90 days"}
}

test_weak_policy_lists_every_deviation if {
	r := t.res("aws_iam_account_password_policy.weak", {"minimum_password_length": 8, "require_uppercase_characters": true, "require_symbols": false, "max_password_age": 365})
	fs := findings with input as {"params": _t_strict, "evidence": [r], "context": []}
	t.messages(fs) == {"aws_iam_account_password_policy.weak: minimum_password_length is 8; it does not require a lowercase letter (require_lowercase_characters = false, the default); it does not require a digit (require_numbers = false, the default); it does not require a symbol (require_symbols = false); passwords expire only after 365 days (max_password_age); claimed: at least 14 characters with an uppercase letter, a lowercase letter, a digit, a symbol, changed at least every 90 days"}
	t.messages_de(fs) == {"aws_iam_account_password_policy.weak: minimum_password_length ist 8; sie verlangt keinen Kleinbuchstaben (require_lowercase_characters = false, der Standard); sie verlangt keine Ziffer (require_numbers = false, der Standard); sie verlangt kein Sonderzeichen (require_symbols = false); Passwörter laufen erst nach 365 Tagen ab (max_password_age); zugesichert: mindestens 14 Zeichen mit einem Großbuchstaben, einem Kleinbuchstaben, einer Ziffer, einem Sonderzeichen, Wechsel mindestens alle 90 Tage"}
}

test_unset_length_is_the_iam_default if {
	r := t.res("aws_iam_account_password_policy.p", {})
	fs := findings with input as {"params": {"min_length": 12}, "evidence": [r], "context": []}
	t.messages(fs) == {"aws_iam_account_password_policy.p: minimum_password_length is 6 (not set: the IAM default); claimed: at least 12 characters"}
	f6 := findings with input as {"params": {"min_length": 6}, "evidence": [r], "context": []}
	t.passing(f6) == {"tf:infra/aws_iam_account_password_policy.p"}
}

test_missing_expiry_fails_when_claimed if {
	r := t.res("aws_iam_account_password_policy.p", {"minimum_password_length": 12})
	fs := findings with input as {"params": {"min_length": 12, "max_age_days": 180}, "evidence": [r], "context": []}
	t.messages(fs) == {"aws_iam_account_password_policy.p: passwords never expire (max_password_age not set); claimed: at least 12 characters, changed at least every 180 days"}
}

test_unknown_value_is_inconclusive if {
	r := t.res_with("aws_iam_account_password_policy.p", {}, {"unknown": {"minimum_password_length": true}})
	fs := findings with input as {"params": {"min_length": 12}, "evidence": [r], "context": []}
	t.inconclusive(fs) == {"tf:infra/aws_iam_account_password_policy.p"}
}
