package tomcheck.checks.transport.https_only

test_claimed if {
	claimed == "claimed: reachable only over HTTPS"
	claimed_de == "zugesichert: nur über HTTPS erreichbar"
}
