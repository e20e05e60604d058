package tomcheck.checks.backup.offsite_copy

test_defaults_to_region if {
	min_distance == "region" with input as {"params": {}}
	claimed == "claimed: a copy in another region" with input as {"params": {}}
}

test_account if {
	min_distance == "account" with input as {"params": {"min_distance": "account"}}
	claimed_de == "zugesichert: eine Kopie in einer anderen Region und einem anderen AWS-Konto" with input as {"params": {"min_distance": "account"}}
}
