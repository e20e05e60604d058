package tomcheck.checks.backup.retention

import data.tomcheck.lib.finding
import data.tomcheck.lib.terraform as tf
import data.tomcheck.lib.text

# Backup plans

# A usual plan is judged directly (_usual_plans).
findings contains f if {
	some f in _usual_plans
}

# Any other plan is judged by all its rules (_plan).
findings contains f if {
	ps := tf.judged_list("aws_backup_plan")
	count(_usual_plans) != count(ps) # else all are usual
	some p in ps
	object.get(_usual_plans, p.subject, null) == null
	f := finding.from(p, _plan(p))
}

# _usual_plans are the findings about the usual plans, by subject: nothing
# unknown under rule, one named rule whose lifecycle.delete_after is a number
# other than 1 (the days then read "N days"). The one rule decides, and the
# messages are _summary's about it (_rule_days): _plan gives the same.
_usual_plans := plans if {
	# Rules read once, outside the loop: a reference per plan costs more.
	md := min_days
	days := _rule_days
	en := claimed
	de := claimed_de
	name_re := _name_re
	name_as := _name_as
	plans := {p.subject: f |
		some p in tf.judged_list("aws_backup_plan")
		not p.data.unknown.rule
		[rule] := p.data.values.rule
		is_string(rule.rule_name)
		n := rule.lifecycle[0].delete_after
		is_number(n)
		n != 1
		texts := days[n >= md]
		name := regex.replace(p.data.address, name_re, name_as)
		f := {
			"subject": p.subject, "pass": texts.pass, "evidence": [p.digest],
			"message": sprintf(texts.en, [name, rule.rule_name, n, en]),
			"message_de": sprintf(texts.de, [name, rule.rule_name, n, de]),
		}
	}
}

# _rule_days are the outcome and messages about a usual plan, by whether
# its rule keeps recovery points long enough (_rule and _summary, with
# text.days, text.days_de and text.days_de_dative for N other than 1).
_rule_days := {
	true: {
		"pass": true,
		"en": "%s: rule %q keeps recovery points %v days; %s",
		"de": "%s: Regel %q behält Wiederherstellungspunkte %v Tage; %s",
	},
	false: {
		"pass": false,
		"en": "%s: rule %q deletes recovery points after %v days; %s",
		"de": "%s: Regel %q löscht Wiederherstellungspunkte nach %v Tagen; %s",
	},
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

# An instance or cluster with a known period is judged directly
# (_known_periods).
findings contains f if {
	some f in _known_periods
}

# Any other is judged by _rds.
findings contains f if {
	count(_known_periods) != count(tf.judged_list("aws_db_instance")) + count(tf.judged_list("aws_rds_cluster")) # else all are known
	some t in ["aws_db_instance", "aws_rds_cluster"]
	some r in tf.judged_list(t)
	object.get(_known_periods, r.subject, null) == null
	f := finding.from(r, _rds(r))
}

# _known_periods are the findings, by subject, about the instances and
# clusters whose backup_retention_period is known and a number other than 1
# (the days then read "N days"): the messages of _rds_days (_rds_period).
_known_periods := known if {
	# Rules read once, outside the loop: a reference per record costs more.
	md := min_days
	period := _rds_period
	en := claimed
	de := claimed_de
	name_re := _name_re
	name_as := _name_as
	known := {r.subject: f |
		some t in ["aws_db_instance", "aws_rds_cluster"]
		some r in tf.judged_list(t)
		not r.data.unknown.backup_retention_period == true
		n := r.data.values.backup_retention_period
		is_number(n)
		n != 1
		texts := period[n >= md]
		name := regex.replace(r.data.address, name_re, name_as)
		f := {
			"subject": r.subject, "pass": texts.pass, "evidence": [r.digest],
			"message": sprintf(texts.en, [name, n, n, en]),
			"message_de": sprintf(texts.de, [name, n, n, de]),
		}
	}
}

# _rds_period are the outcome and messages about a known period, by whether
# it is long enough (_rds_days with text.days, text.days_de and how it is
# known, "backup_retention_period = N").
_rds_period := {
	true: {
		"pass": true,
		"en": "%s keeps automated backups %v days (backup_retention_period = %v); %s",
		"de": "%s behält automatische Sicherungen %v Tage (backup_retention_period = %v); %s",
	},
	false: {
		"pass": false,
		"en": "%s keeps automated backups only %v days (backup_retention_period = %v); %s",
		"de": "%s behält automatische Sicherungen nur %v Tage (backup_retention_period = %v); %s",
	},
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

# _name_re and _name_as are the lib's pattern and template of tf.name, bound
# here so that the loops over records read them once: regex.replace of an
# address with them gives tf.name's display name.
_name_re := tf.name_pattern

_name_as := tf.name_template
