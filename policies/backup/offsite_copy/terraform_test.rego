package tomcheck.checks.backup.offsite_copy

import data.tomcheck.lib.testing as t

_t_in(evidence, context) := {"params": {"min_distance": "region"}, "evidence": evidence, "context": context}

_t_acct(evidence, context) := {"params": {"min_distance": "account"}, "evidence": evidence, "context": context}

_t_dr := "arn:aws:backup:eu-west-1:210987654321:backup-vault:dr"

_t_plan(rules) := t.res("aws_backup_plan.daily", {"arn": "arn:aws:backup:eu-central-1:123456789012:backup-plan:p1", "rule": rules})

test_plan_copies_to_another_region if {
	p := _t_plan([{"rule_name": "daily", "copy_action": [{"destination_vault_arn": _t_dr}]}])
	fs := findings with input as _t_in([p], [])
	t.messages(fs) == {`aws_backup_plan.daily: rule "daily" copies to arn:aws:backup:eu-west-1:210987654321:backup-vault:dr in eu-west-1 (source in eu-central-1); claimed: a copy in another region`}
	t.messages_de(fs) == {`aws_backup_plan.daily: Regel "daily" kopiert nach arn:aws:backup:eu-west-1:210987654321:backup-vault:dr in eu-west-1 (Quelle in eu-central-1); zugesichert: eine Kopie in einer anderen Region`}
	fa := findings with input as _t_acct([p], [])
	t.passing(fa) == {"tf:infra/aws_backup_plan.daily"}
}

test_plan_copy_in_the_same_region_fails if {
	p := _t_plan([{"rule_name": "daily", "copy_action": [{"destination_vault_arn": "arn:aws:backup:eu-central-1:123456789012:backup-vault:second"}]}])
	fs := findings with input as _t_in([p], [])
	t.messages(fs) == {`aws_backup_plan.daily: rule "daily" copies to arn:aws:backup:eu-central-1:123456789012:backup-vault:second in the same region eu-central-1; claimed: a copy in another region`}
}

test_plan_same_account_fails_account_distance if {
	p := _t_plan([{"rule_name": "daily", "copy_action": [{"destination_vault_arn": "arn:aws:backup:eu-west-1:123456789012:backup-vault:dr"}]}])
	fr := findings with input as _t_in([p], [])
	t.passing(fr) == {"tf:infra/aws_backup_plan.daily"}
	fa := findings with input as _t_acct([p], [])
	t.failing(fa) == {"tf:infra/aws_backup_plan.daily"}
}

test_plan_without_copy_fails if {
	p := _t_plan([{"rule_name": "daily"}])
	fs := findings with input as _t_in([p], [])
	t.messages(fs) == {"aws_backup_plan.daily has no rule with a copy_action: recovery points stay in the source vault; claimed: a copy in another region"}
}

test_unknown_destination_resolved_through_the_vault if {
	p := t.res_with("aws_backup_plan.daily", {"rule": [{"rule_name": "daily", "copy_action": [{}]}]}, {
		"unknown": {"arn": true, "rule": [{"copy_action": [{"destination_vault_arn": true}]}]},
		"references": {"rule.copy_action.destination_vault_arn": ["aws_backup_vault.dr"], "rule.target_vault_name": ["aws_backup_vault.main"]},
	})
	main := t.res("aws_backup_vault.main", {"name": "main", "region": "eu-central-1"})
	dr := t.res("aws_backup_vault.dr", {"name": "dr", "region": "eu-west-1"})
	fs := findings with input as _t_in([p], [main, dr])
	t.passing(fs) == {"tf:infra/aws_backup_plan.daily"}
	some f in fs
	f.evidence == ["sha256:aws_backup_plan.daily", "sha256:aws_backup_vault.dr", "sha256:aws_backup_vault.main"]
}

test_unknown_destination_vault_without_region_is_inconclusive if {
	p := t.res_with("aws_backup_plan.daily", {"rule": [{"rule_name": "daily", "target_vault_name": "main", "copy_action": [{}]}]}, {
		"unknown": {"rule": [{"copy_action": [{"destination_vault_arn": true}]}]},
		"references": {"rule.copy_action.destination_vault_arn": ["aws_backup_vault.dr"]},
	})
	main := t.res("aws_backup_vault.main", {"name": "main", "arn": "arn:aws:backup:eu-central-1:123456789012:backup-vault:main"})
	dr := t.res_with("aws_backup_vault.dr", {"name": "dr"}, {"unknown": {"arn": true}})
	fs := findings with input as _t_in([p], [main, dr])
	t.inconclusive(fs) == {"tf:infra/aws_backup_plan.daily"}
	t.messages(fs) == {`aws_backup_plan.daily: rule "daily" cannot be judged: the region of aws_backup_vault.dr is known only after apply; claimed: a copy in another region`}
}

test_unknown_source_is_inconclusive if {
	p := t.res("aws_backup_plan.daily", {"rule": [{"rule_name": "daily", "copy_action": [{"destination_vault_arn": _t_dr}]}]})
	fs := findings with input as _t_in([p], [])
	t.inconclusive(fs) == {"tf:infra/aws_backup_plan.daily"}
	t.messages_de(fs) == {`aws_backup_plan.daily: Regel "daily" ist nicht beurteilbar: die Quellregion ist unbekannt (kein Plan-ARN, keine Region des Vaults aus target_vault_name, kein region-Attribut); zugesichert: eine Kopie in einer anderen Region`}
}

test_unresolvable_destination_is_inconclusive if {
	p := t.res_with("aws_backup_plan.daily", {"arn": "arn:aws:backup:eu-central-1:123456789012:backup-plan:p1", "rule": [{"rule_name": "daily", "copy_action": [{}]}]}, {"unknown": {"rule": [{"copy_action": [{"destination_vault_arn": true}]}]}})
	fs := findings with input as _t_in([p], [])
	t.messages(fs) == {`aws_backup_plan.daily: rule "daily" cannot be judged: destination_vault_arn is known only after apply and refers to no aws_backup_vault in the evidence; claimed: a copy in another region`}
}

test_source_by_target_vault_name if {
	p := t.res("aws_backup_plan.daily", {"rule": [{"rule_name": "daily", "target_vault_name": "main", "copy_action": [{"destination_vault_arn": _t_dr}]}]})
	main := t.res("aws_backup_vault.main", {"name": "main", "arn": "arn:aws:backup:eu-central-1:123456789012:backup-vault:main"})
	fs := findings with input as _t_in([p], [main])
	t.passing(fs) == {"tf:infra/aws_backup_plan.daily"}
}

_t_src := t.res("aws_s3_bucket.data", {"bucket": "shop-data", "region": "eu-central-1"})

_t_replica := t.res("aws_s3_bucket.replica", {"bucket": "shop-data-replica", "region": "eu-west-1"})

_t_repl(dest, extra) := t.res_with("aws_s3_bucket_replication_configuration.data", {"rule": [{"id": "all", "status": "Enabled", "destination": [dest]}]}, object.union({"references": {"bucket": ["aws_s3_bucket.data"]}}, extra))

test_bucket_replicated_to_another_region if {
	c := _t_repl({"bucket": "arn:aws:s3:::shop-data-replica"}, {})
	fs := findings with input as _t_in([_t_src, _t_replica], [c])
	t.passing(fs) == {"tf:infra/aws_s3_bucket.data", "tf:infra/aws_s3_bucket.replica"}
	t.messages(fs) == {
		"aws_s3_bucket.data: aws_s3_bucket_replication_configuration.data copies to aws_s3_bucket.replica in eu-west-1 (source in eu-central-1); claimed: a copy in another region",
		"aws_s3_bucket.replica: is the replica of aws_s3_bucket.data via aws_s3_bucket_replication_configuration.data, which copies to aws_s3_bucket.replica in eu-west-1 (source in eu-central-1); claimed: a copy in another region",
	}
}

test_bucket_destination_by_reference if {
	c := _t_repl({}, {"unknown": {"rule": [{"destination": [{"bucket": true}]}]}, "references": {"rule.destination.bucket": ["aws_s3_bucket.replica"]}})
	fs := findings with input as _t_in([_t_src, _t_replica], [c])
	t.passing(fs) == {"tf:infra/aws_s3_bucket.data", "tf:infra/aws_s3_bucket.replica"}
}

test_bucket_replicated_within_the_region_fails if {
	same := t.res("aws_s3_bucket.replica", {"bucket": "shop-data-replica", "region": "eu-central-1"})
	c := _t_repl({"bucket": "arn:aws:s3:::shop-data-replica"}, {})
	fs := findings with input as _t_in([_t_src, same], [c])
	t.failing(fs) == {"tf:infra/aws_s3_bucket.data", "tf:infra/aws_s3_bucket.replica"}
}

test_bucket_destination_region_unknown_is_inconclusive if {
	dst := t.res_with("aws_s3_bucket.replica", {"bucket": "shop-data-replica"}, {"unknown": {"region": true}})
	c := _t_repl({"bucket": "arn:aws:s3:::shop-data-replica"}, {})
	fs := findings with input as _t_in([_t_src, dst], [c])
	t.inconclusive(fs) == {"tf:infra/aws_s3_bucket.data", "tf:infra/aws_s3_bucket.replica"}
}

test_bucket_destination_outside_the_evidence_is_inconclusive if {
	c := _t_repl({"bucket": "arn:aws:s3:::elsewhere"}, {})
	fs := findings with input as _t_in([_t_src], [c])
	t.messages(fs) == {"aws_s3_bucket.data: aws_s3_bucket_replication_configuration.data cannot be judged: the destination bucket arn:aws:s3:::elsewhere is not in the evidence, so its region is unknown; claimed: a copy in another region"}
}

test_bucket_without_replication_fails if {
	fs := findings with input as _t_in([_t_src], [])
	t.messages(fs) == {"aws_s3_bucket.data has no replication configuration: no copy exists in another region; claimed: a copy in another region"}
}

test_disabled_rule_does_not_count if {
	c := t.res_with("aws_s3_bucket_replication_configuration.data", {"bucket": "shop-data", "rule": [{"status": "Disabled", "destination": [{"bucket": "arn:aws:s3:::shop-data-replica"}]}]}, {})
	fs := findings with input as _t_in([_t_src, _t_replica], [c])
	t.failing(fs) == {"tf:infra/aws_s3_bucket.data", "tf:infra/aws_s3_bucket.replica"}
}

test_bucket_account_distance if {
	plain := _t_repl({"bucket": "arn:aws:s3:::shop-data-replica"}, {})
	fs := findings with input as _t_acct([_t_src, _t_replica], [plain])
	t.inconclusive(fs) == {"tf:infra/aws_s3_bucket.data", "tf:infra/aws_s3_bucket.replica"}
	cross := _t_repl({"bucket": "arn:aws:s3:::shop-data-replica", "account": "210987654321"}, {})
	fc := findings with input as _t_acct([_t_src, _t_replica], [cross])
	t.passing(fc) == {"tf:infra/aws_s3_bucket.data", "tf:infra/aws_s3_bucket.replica"}
}

test_plan_with_unknown_copy_actions_is_inconclusive if {
	p := t.res_with("aws_backup_plan.daily", {"arn": "arn:aws:backup:eu-central-1:123456789012:backup-plan:p1", "rule": [{"rule_name": "daily"}]}, {"unknown": {"rule": [{"copy_action": true}]}})
	fs := findings with input as _t_in([p], [])
	t.messages(fs) == {`aws_backup_plan.daily: rule "daily" cannot be judged: its copy actions are known only after apply; claimed: a copy in another region`}
}

test_bucket_with_unknown_replication_rules_is_inconclusive if {
	c := t.res_with("aws_s3_bucket_replication_configuration.data", {}, {"unknown": {"rule": true}, "references": {"bucket": ["aws_s3_bucket.data"]}})
	fs := findings with input as _t_in([_t_src], [c])
	t.inconclusive(fs) == {"tf:infra/aws_s3_bucket.data"}
}
