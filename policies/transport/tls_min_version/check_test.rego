package tomcheck.checks.transport.tls_min_version

test_default_minimum if {
	minimum == "tls1.2" with input as {"params": {}}
	claimed == "claimed minimum TLS 1.2" with input as {"params": {}}
}

test_minimum_from_params if {
	minimum == "tls1.3" with input as {"params": {"min_version": "1.3"}}
	claimed_de == "zugesichert ist mindestens TLS 1.1" with input as {"params": {"min_version": "1.1"}}
}
