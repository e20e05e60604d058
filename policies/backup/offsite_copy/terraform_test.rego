package tomcheck.checks.backup.offsite_copy

import data.tomcheck.lib.terraform as tf
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

# The fast paths (_unlocated_plans, the usual plans in _plan, the direct
# vault look-up in _target_vaults) give what the general path gives.

_t_vault_ref := {"references": {"rule.target_vault_name": ["aws_backup_vault.main"]}}

_t_ref_plan(dst) := t.res_with("aws_backup_plan.daily", {"rule": [{"rule_name": "daily", "target_vault_name": "main", "copy_action": [{"destination_vault_arn": dst}]}]}, _t_vault_ref)

_t_main := t.res("aws_backup_vault.main", {"name": "main"})

_t_main_in(region) := t.res("aws_backup_vault.main", {"name": "main", "region": region})

# _t_general is what _copies and _verdict make of each plan of input inp.
_t_general(inp) := {f |
	some p in inp.evidence
	f := _finding(p, _verdict(
		"has no rule with a copy_action: recovery points stay in the source vault",
		"hat keine Regel mit copy_action: Wiederherstellungspunkte bleiben im Quell-Vault",
		_copies(p), tf.name(p),
	))
}

_t_module_plan := t.res_with("module.m.aws_backup_plan.daily", {"rule": [{"rule_name": "daily", "copy_action": [{"destination_vault_arn": _t_dr}]}]}, {"references": {"rule.target_vault_name": ["module.m.aws_backup_vault.main"]}})

_t_cases := [
	# nothing locates the source (_unlocated_plans)
	_t_in([_t_ref_plan(_t_dr)], [_t_main]),
	_t_acct([_t_ref_plan(_t_dr)], [_t_main]),
	_t_in([_t_module_plan], [t.res("module.m.aws_backup_vault.main", {"name": "main"})]),
	# another vault has a region: the usual plan, source unknown
	_t_in([_t_ref_plan(_t_dr)], [_t_main, t.res("aws_backup_vault.other", {"name": "other", "region": "eu-west-1"})]),
	_t_in([_t_ref_plan(_t_dr)], [_t_main, t.res("aws_backup_vault.other", {"name": "other", "arn": "arn:aws:backup:eu-west-1:1:backup-vault:other"})]),
	# the referenced vault locates the source
	_t_in([_t_ref_plan(_t_dr)], [_t_main_in("eu-central-1")]),
	_t_in([_t_ref_plan(_t_dr)], [_t_main_in("eu-west-1")]),
	_t_acct([_t_ref_plan(_t_dr)], [t.res("aws_backup_vault.main", {"name": "main", "arn": "arn:aws:backup:eu-central-1:210987654321:backup-vault:main"})]),
	_t_in([_t_module_plan], [t.res("module.m.aws_backup_vault.main", {"name": "main", "region": "eu-central-1"})]),
	# count instances of the vault: the look-up through tf.referenced_at
	_t_in([_t_ref_plan(_t_dr)], [t.res("aws_backup_vault.main[0]", {"name": "main", "region": "eu-central-1"})]),
	# the plan's own ARN or region
	_t_acct([_t_plan([{"rule_name": "daily", "copy_action": [{"destination_vault_arn": _t_dr}]}])], []),
	_t_in([t.res("aws_backup_plan.daily", {"region": "eu-west-1", "rule": [{"rule_name": "daily", "copy_action": [{"destination_vault_arn": _t_dr}]}]})], []),
	# not the usual shape: destination without account, unnamed or several rules
	_t_in([_t_ref_plan("arn:aws:backup:eu-west-1::backup-vault:dr")], [_t_main]),
	_t_in([t.res_with("aws_backup_plan.daily", {"rule": [{"copy_action": [{"destination_vault_arn": _t_dr}]}]}, _t_vault_ref)], [_t_main]),
	_t_in([t.res_with("aws_backup_plan.daily", {"rule": [{"rule_name": "a", "copy_action": [{"destination_vault_arn": _t_dr}]}, {"rule_name": "b"}]}, _t_vault_ref)], [_t_main]),
]

test_fast_paths_agree_with_the_general_path if {
	every inp in _t_cases {
		findings == _t_general(inp) with input as inp
	}
}

test_usual_plan_before_apply_is_judged_directly if {
	inp := _t_in([_t_ref_plan(_t_dr)], [_t_main])
	object.keys(_unlocated_plans) == {"tf:infra/aws_backup_plan.daily"} with input as inp
	fs := findings with input as inp
	t.inconclusive(fs) == {"tf:infra/aws_backup_plan.daily"}
	t.messages(fs) == {`aws_backup_plan.daily: rule "daily" cannot be judged: the source region is unknown (no plan ARN, no region of the vault in target_vault_name, no region attribute); claimed: a copy in another region`}
	some f in fs
	f.evidence == ["sha256:aws_backup_plan.daily"]
}

test_vault_with_a_region_locates_the_source if {
	inp := _t_in([_t_ref_plan(_t_dr)], [_t_main_in("eu-central-1")])
	count(_unlocated_plans) == 0 with input as inp
	fs := findings with input as inp
	t.passing(fs) == {"tf:infra/aws_backup_plan.daily"}
	some f in fs
	f.evidence == ["sha256:aws_backup_plan.daily", "sha256:aws_backup_vault.main"]
	f.message == `aws_backup_plan.daily: rule "daily" copies to arn:aws:backup:eu-west-1:210987654321:backup-vault:dr in eu-west-1 (source in eu-central-1); claimed: a copy in another region`
}

test_target_vaults_direct_look_up if {
	p := _t_ref_plan(_t_dr)
	_target_vaults(p.data.values.rule[0], p) == {_t_main} with input as _t_in([p], [_t_main])
	inst := t.res("aws_backup_vault.main[0]", {"name": "main"})
	_target_vaults(p.data.values.rule[0], p) == {inst} with input as _t_in([p], [inst])
}

test_vault_ref if {
	regex.match(_vault_ref, "aws_backup_vault.main")
	regex.match(_vault_ref, "module.a.module.b.aws_backup_vault.main")
	not regex.match(_vault_ref, "aws_backup_vault.main[0]")
	not regex.match(_vault_ref, `module.a["x"].aws_backup_vault.main`)
	not regex.match(_vault_ref, "module.aws_backup_vault.aws_s3_bucket.main")
	not regex.match(_vault_ref, "aws_kms_key.aws_backup_vault")
}

test_vault_hints if {
	not _vault_hints with input as _t_in([], [_t_main])
	_vault_hints with input as _t_in([], [_t_main, _t_main_in("eu-west-1")])
	_vault_hints with input as _t_in([], [object.union(_t_main, {"resource_id": "arn:aws:backup:eu-west-1:1:backup-vault:main"})])
}

test_buckets_in_modules_and_with_keys if {
	bs := [t.res(`module.m["a.b"].aws_s3_bucket.x`, {"bucket": "x"}), t.res("aws_s3_bucket.y[0]", {"bucket": "y"})]
	t.messages(findings) == {
		`aws_s3_bucket.x (module.m["a.b"].aws_s3_bucket.x) has no replication configuration: no copy exists in another region; claimed: a copy in another region`,
		"aws_s3_bucket.y[0] has no replication configuration: no copy exists in another region; claimed: a copy in another region",
	} with input as _t_in(bs, [])
}

test_bucket_without_replication_finding if {
	fs := findings with input as _t_acct([_t_src], [])
	fs == {{
		"subject": "tf:infra/aws_s3_bucket.data", "pass": false, "evidence": ["sha256:aws_s3_bucket.data"],
		"message": "aws_s3_bucket.data has no replication configuration: no copy exists in another region; claimed: a copy in another region and another AWS account",
		"message_de": "aws_s3_bucket.data hat keine Replikationskonfiguration: es gibt keine Kopie in einer anderen Region; zugesichert: eine Kopie in einer anderen Region und einem anderen AWS-Konto",
	}}
}

# _t_general_buckets is what _verdict makes of each bucket of input inp.
_t_general_buckets(inp) := {f |
	some b in inp.evidence
	f := _finding(b, _verdict(
		"has no replication configuration: no copy exists in another region",
		"hat keine Replikationskonfiguration: es gibt keine Kopie in einer anderen Region",
		object.get(_bucket_judgements, b.subject, set()), tf.name(b),
	))
}

_t_other := t.res("module.m.aws_s3_bucket.other", {"bucket": "other", "region": "eu-west-1"})

_t_bucket_cases := [
	_t_in([_t_src], []),
	_t_acct([_t_src, _t_other], []),
	_t_in([_t_src, _t_replica, _t_other], [_t_repl({"bucket": "arn:aws:s3:::shop-data-replica"}, {})]),
	_t_in([_t_src, _t_other], [_t_repl({"bucket": "arn:aws:s3:::elsewhere"}, {})]),
	_t_in([_t_src, _t_other], [t.res_with("aws_s3_bucket_replication_configuration.data", {}, {"unknown": {"rule": true}, "references": {"bucket": ["aws_s3_bucket.data"]}})]),
]

test_bucket_fast_path_agrees_with_the_general_path if {
	every inp in _t_bucket_cases {
		findings == _t_general_buckets(inp) with input as inp
	}
}
