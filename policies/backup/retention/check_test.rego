package tomcheck.checks.backup.retention

test_claimed if {
	claimed == "claimed at least 30 days" with input as {"params": {"min_days": 30}}
	claimed_de == "zugesichert sind mindestens 30 Tage" with input as {"params": {"min_days": 30}}
	min_days == 7 with input as {"params": {"min_days": 7}}
}
