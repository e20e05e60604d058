package tomcheck.checks.logging.audit_trail

test_everything_required_by_default if {
	required == {"multi_region", "log_file_validation", "kms"} with input as {"params": {}}
	claimed == "claimed: audit logging on, all regions, log file validation, KMS encryption" with input as {"params": {}}
}

test_requirements_can_be_dropped if {
	required == {"log_file_validation"} with input as {"params": {"multi_region": false, "kms": false}}
	claimed_de == "zugesichert: Audit-Protokollierung an, Integritätsprüfung der Logdateien" with input as {"params": {"multi_region": false, "kms": false}}
}
