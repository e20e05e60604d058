package tomcheck.checks.crypto.key_rotation

test_claimed if {
	max_period == 365
	claimed == "claimed: automatic rotation at least every 365 days"
	claimed_de == "zugesichert: automatische Rotation mindestens alle 365 Tage"
}
