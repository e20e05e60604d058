package tomcheck.checks.availability.redundancy

test_defaults if {
	min_azs == 2 with input as {"params": {}}
	claimed == "claimed: redundant across at least 2 availability zones" with input as {"params": {}}
	claimed_de == "zugesichert: redundant über mindestens 3 Verfügbarkeitszonen" with input as {"params": {"min_azs": 3}}
}
