package tomcheck.checks.backup.retention

import data.tomcheck.lib.finding
import data.tomcheck.lib.terraform as tf
import data.tomcheck.lib.text

# Backup plans

findings contains f if {
	some p in tf.judged_list("aws_backup_plan")
	f := finding.from(p, _plan(p))
}

_rules(p) := [_rule(i, rule, p) | some i, rule in tf.blocks_at(["rule"], p)]

_rule_name(i, rule) := sprintf("%q", [rule.rule_name]) if {
	is_string(rule.rule_name)
} else := sprintf("#%d", [i + 1])

# _rule is {"state", "en", "de"} for one rule's lifecycle.delete_after.
_rule(i, rule, p) := {
	"state": "inconclusive",
	"en": sprintf("rule %s: delete_after is known only after apply", [_rule_name(i, rule)]),
	"de": sprintf("Regel %s: delete_after ist erst nach dem Apply bekannt", [_rule_name(i, rule)]),
} if {
	# (tf.unknown needs something unknown under rule.)
	object.get(p.data.unknown, "rule", false) != false
	tf.unknown_at(["rule", i, "lifecycle", 0, "delete_after"], p)
} else := {
	"state": "pass",
	"en": sprintf("rule %s keeps recovery points until deleted (no delete_after)", [_rule_name(i, rule)]),
	"de": sprintf("Regel %s behält Wiederherstellungspunkte bis zur Löschung (kein delete_after)", [_rule_name(i, rule)]),
} if {
	not is_number(object.get(rule, ["lifecycle", 0, "delete_after"], null))
} else := {
	"state": "pass",
	"en": sprintf("rule %s keeps recovery points %s", [_rule_name(i, rule), text.days(n)]),
	"de": sprintf("Regel %s behält Wiederherstellungspunkte %s", [_rule_name(i, rule), text.days_de(n)]),
} if {
	n := rule.lifecycle[0].delete_after
	n >= min_days
} else := {
	"state": "fail",
	"en": sprintf("rule %s deletes recovery points after %s", [_rule_name(i, rule), text.days(rule.lifecycle[0].delete_after)]),
	"de": sprintf("Regel %s löscht Wiederherstellungspunkte nach %s", [_rule_name(i, rule), text.days_de_dative(rule.lifecycle[0].delete_after)]),
}

_plan(p) := {
	"state": "inconclusive",
	"en": sprintf("%s: its rules are known only after apply; %s", [tf.name(p), claimed]),
	"de": sprintf("%s: die Regeln sind erst nach dem Apply bekannt; %s", [tf.name(p), claimed_de]),
} if {
	p.data.unknown.rule == true
} else := {
	"state": "fail",
	"en": sprintf("%s has no backup rule and keeps no recovery point; %s", [tf.name(p), claimed]),
	"de": sprintf("%s hat keine Sicherungsregel und behält keinen Wiederherstellungspunkt; %s", [tf.name(p), claimed_de]),
} if {
	count(_rules(p)) == 0
} else := _summary("fail", p) if {
	some r in _rules(p)
	r.state == "fail"
} else := _summary("inconclusive", p) if {
	some r in _rules(p)
	r.state == "inconclusive"
} else := _summary("pass", p)

# _summary lists the rules in the given state, the reasons for it.
_summary(state, p) := {
	"state": state,
	"en": sprintf("%s: %s; %s", [tf.name(p), concat("; ", sort([r.en | some r in _rules(p); r.state == state])), claimed]),
	"de": sprintf("%s: %s; %s", [tf.name(p), concat("; ", sort([r.de | some r in _rules(p); r.state == state])), claimed_de]),
}

# RDS automated backups

findings contains f if {
	some t in ["aws_db_instance", "aws_rds_cluster"]
	some r in tf.judged_list(t)
	f := finding.from(r, _rds(r))
}

_rds(r) := {
	"state": "inconclusive",
	"en": sprintf("%s: backup_retention_period is known only after apply; %s", [tf.name(r), claimed]),
	"de": sprintf("%s: backup_retention_period ist erst nach dem Apply bekannt; %s", [tf.name(r), claimed_de]),
} if {
	r.data.unknown.backup_retention_period == true
} else := _rds_days(n, sprintf("backup_retention_period = %v", [n]), sprintf("backup_retention_period = %v", [n]), r) if {
	n := object.get(r.data.values, "backup_retention_period", null)
	is_number(n)
} else := _rds_days(0, "read replica without backup_retention_period: AWS keeps no automated backups", "Lesereplik ohne backup_retention_period: AWS behält keine automatischen Sicherungen", r) if {
	_replica(r)
} else := _rds_days(1, "backup_retention_period not set: AWS keeps 1 day", "backup_retention_period nicht gesetzt: AWS behält 1 Tag", r)

_replica(r) if object.get(r.data.values, "replicate_source_db", null) != null

_replica(r) if count(object.get(r.data.references, "replicate_source_db", [])) > 0

_rds_days(n, how, how_de, r) := {
	"state": "pass",
	"en": sprintf("%s keeps automated backups %s (%s); %s", [tf.name(r), text.days(n), how, claimed]),
	"de": sprintf("%s behält automatische Sicherungen %s (%s); %s", [tf.name(r), text.days_de(n), how_de, claimed_de]),
} if {
	n >= min_days
} else := {
	"state": "fail",
	"en": sprintf("%s keeps automated backups only %s (%s); %s", [tf.name(r), text.days(n), how, claimed]),
	"de": sprintf("%s behält automatische Sicherungen nur %s (%s); %s", [tf.name(r), text.days_de(n), how_de, claimed_de]),
}
