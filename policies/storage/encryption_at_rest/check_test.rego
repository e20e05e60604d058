package tomcheck.checks.storage.encryption_at_rest

test_require_kms_defaults_to_false if {
	not require_kms with input as {"params": {}}
	claimed == "claimed: encrypted at rest" with input as {"params": {}}
}

test_require_kms_from_params if {
	require_kms with input as {"params": {"require_kms": true}}
	claimed == "claimed: encrypted at rest with a KMS key" with input as {"params": {"require_kms": true}}
	claimed_de == "zugesichert: Verschlüsselung im Ruhezustand mit KMS-Schlüssel" with input as {"params": {"require_kms": true}}
}
