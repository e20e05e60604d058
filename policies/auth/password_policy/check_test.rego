package tomcheck.checks.auth.password_policy

test_defaults if {
	min_length == 12 with input as {"params": {}}
	classes == [] with input as {"params": {}}
	claimed == "claimed: at least 12 characters" with input as {"params": {}}
}

test_full_claim if {
	p := {"params": {"min_length": 14, "require_uppercase": true, "require_symbols": true, "max_age_days": 90}}
	claimed == "claimed: at least 14 characters with an uppercase letter, a symbol, changed at least every 90 days" with input as p
	claimed_de == "zugesichert: mindestens 14 Zeichen mit einem Großbuchstaben, einem Sonderzeichen, Wechsel mindestens alle 90 Tage" with input as p
}
