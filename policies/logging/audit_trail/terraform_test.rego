package tomcheck.checks.logging.audit_trail

import data.tomcheck.lib.testing as t

_t_in(evidence) := {"params": {"multi_region": true, "log_file_validation": true, "kms": true}, "evidence": evidence, "context": []}

test_complete_trail_passes if {
	r := t.res_with("aws_cloudtrail.main", {"is_multi_region_trail": true, "enable_log_file_validation": true}, {"unknown": {"kms_key_id": true}, "references": {"kms_key_id": ["aws_kms_key.trail"]}})
	fs := findings with input as _t_in([r])
	t.messages(fs) == {"aws_cloudtrail.main records API activity (logging on, all regions, log file validation, KMS key aws_kms_key.trail); claimed: audit logging on, all regions, log file validation, KMS encryption"}
}

test_default_trail_fails_with_every_deviation if {
	r := t.res("module.audit.aws_cloudtrail.main", {"name": "main"})
	fs := findings with input as _t_in([r])
	t.messages(fs) == {"aws_cloudtrail.main (module.audit.aws_cloudtrail.main): it records only its home region (is_multi_region_trail = false, the default); log file validation is off (enable_log_file_validation = false, the default); its logs are not encrypted with a KMS key (no kms_key_id); claimed: audit logging on, all regions, log file validation, KMS encryption"}
	t.messages_de(fs) == {"aws_cloudtrail.main (module.audit.aws_cloudtrail.main): er protokolliert nur seine Heimatregion (is_multi_region_trail = false, der Standard); die Integritätsprüfung der Logdateien ist aus (enable_log_file_validation = false, der Standard); seine Logs sind nicht mit einem KMS-Schlüssel verschlüsselt (kein kms_key_id); zugesichert: Audit-Protokollierung an, alle Regionen, Integritätsprüfung der Logdateien, KMS-Verschlüsselung"}
}

test_disabled_logging_fails_even_when_nothing_else_is_claimed if {
	r := t.res("aws_cloudtrail.main", {"enable_logging": false})
	fs := findings with input as {"params": {"multi_region": false, "log_file_validation": false, "kms": false}, "evidence": [r], "context": []}
	t.messages(fs) == {"aws_cloudtrail.main: logging is disabled (enable_logging = false); claimed: audit logging on"}
}

test_relaxed_claim_passes_a_plain_trail if {
	r := t.res("aws_cloudtrail.main", {})
	fs := findings with input as {"params": {"multi_region": false, "log_file_validation": false, "kms": false}, "evidence": [r], "context": []}
	t.passing(fs) == {"tf:infra/aws_cloudtrail.main"}
}

test_unknown_value_is_inconclusive if {
	r := t.res_with("aws_cloudtrail.main", {"enable_log_file_validation": true, "kms_key_id": "arn:aws:kms:eu-central-1:1:key/k"}, {"unknown": {"is_multi_region_trail": true}})
	fs := findings with input as _t_in([r])
	t.inconclusive(fs) == {"tf:infra/aws_cloudtrail.main"}
	t.messages(fs) == {"aws_cloudtrail.main: is_multi_region_trail is known only after apply; claimed: audit logging on, all regions, log file validation, KMS encryption"}
}

test_deviation_beats_unknown if {
	r := t.res_with("aws_cloudtrail.main", {"enable_log_file_validation": false}, {"unknown": {"is_multi_region_trail": true, "kms_key_id": true}})
	fs := findings with input as _t_in([r])
	t.failing(fs) == {"tf:infra/aws_cloudtrail.main"}
}
