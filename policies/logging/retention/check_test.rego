package tomcheck.checks.logging.retention

test_claimed if {
	claimed == "claimed at least 90 days" with input as {"params": {"min_days": 90}}
	claimed_de == "zugesichert sind mindestens 1 Tag" with input as {"params": {"min_days": 1}}
}
