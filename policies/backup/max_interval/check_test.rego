package tomcheck.checks.backup.max_interval

test_limit_in_minutes if limit == 1440 with input as {"params": {"hours": 24}}

test_claimed if {
	claimed == "claimed at most 24h" with input as {"params": {"hours": 24}}
	claimed_de == "zugesichert sind höchstens 12 Std." with input as {"params": {"hours": 12}}
}
