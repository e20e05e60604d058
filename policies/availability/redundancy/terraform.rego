package tomcheck.checks.availability.redundancy

import data.tomcheck.lib.finding
import data.tomcheck.lib.terraform as tf
import data.tomcheck.lib.text

# Two paths, with the same findings. A database instance, load balancer or
# auto scaling group is judged in one rule per type when none of the values
# that decide it is known only after apply (the common case; other unknown
# values, such as an arn or id, do not matter): those values go to one
# function (_db_instance_texts, _load_balancer_facts, _asg_facts) that
# returns [ok, English, German], the outcome and the messages after the
# record's name. OPA caches a function's result per argument, so decision and
# texts are computed once per distinct combination of values, not per record.
# Records with a deciding value unknown take the general path
# (_load_balancer, _asg; an RDS instance with multi_az unknown is simply
# inconclusive), which may be inconclusive and otherwise uses the same texts. The fast paths read the constants they need once, before the
# loop over the records (a rule reference inside the loop costs a look-up
# per record).

# RDS instances

# findings about RDS instances whose multi_az is known.
findings contains f if {
	name_re := _name_re
	name_template := _name_template
	some r in tf.judged_list("aws_db_instance")
	not r.data.unknown.multi_az == true
	[ok, en, de] := _db_instance_texts(object.get(r.data.values, "multi_az", null))
	name := regex.replace(r.data.address, name_re, name_template)
	f := {"subject": r.subject, "pass": ok, "evidence": [r.digest], "message": concat("", [name, en]), "message_de": concat("", [name, de])}
}

# findings about RDS instances whose multi_az is known only after apply.
findings contains f if {
	some r in tf.judged_list("aws_db_instance")
	r.data.unknown.multi_az == true
	f := finding.from(r, _open("multi_az", r))
}

# _db_instance_texts are [ok, English, German] for an RDS instance with this
# multi_az value.
_db_instance_texts(multi_az) := [
	min_azs <= 2,
	sprintf(" is Multi-AZ (multi_az = true): a standby in a second zone, 2 zones; %s", [claimed]),
	sprintf(" ist Multi-AZ (multi_az = true): ein Standby in einer zweiten Zone, 2 Zonen; %s", [claimed_de]),
] if {
	multi_az == true
} else := [
	false,
	sprintf(" runs in a single zone (multi_az = %s); %s", [_shown(multi_az, "false, the default"), claimed]),
	sprintf(" läuft in einer einzigen Zone (multi_az = %s); %s", [_shown(multi_az, "false, der Standard"), claimed_de]),
]

_shown(v, absent) := absent if {
	v == null
} else := sprintf("%v", [v])

# RDS clusters

findings contains f if {
	some r in tf.judged_list("aws_rds_cluster")
	f := finding.from(r, _cluster(r))
}

_instances_by_cluster := tf.group([[k, i] |
	some i in tf.of_type_list("aws_rds_cluster_instance")
	some ref in object.get(i.data.references, "cluster_identifier", [])
	k := tf.ref_key(i, ref)
])

_instances_by_cluster_id := tf.group([[id, i] |
	some i in tf.of_type_list("aws_rds_cluster_instance")
	count(object.get(i.data.references, "cluster_identifier", [])) == 0
	id := object.get(i.data.values, "cluster_identifier", null)
	is_string(id)
])

_cluster_instances(r) := {i | some i in object.get(_instances_by_cluster, tf.key(r), set())} | {i |
	id := object.get(r.data.values, "cluster_identifier", null)
	is_string(id)
	some i in object.get(_instances_by_cluster_id, id, set())
}

_cluster(r) := _verdict(min_azs <= 3, [], sprintf("is a Multi-AZ DB cluster (db_cluster_instance_class %q): a writer and two readers in 3 zones", [c]), sprintf("ist ein Multi-AZ-DB-Cluster (db_cluster_instance_class %q): ein Writer und zwei Reader in 3 Zonen", [c]), r) if {
	c := object.get(r.data.values, "db_cluster_instance_class", null)
	is_string(c)
	c != ""
} else := _verdict(count(azs) >= min_azs, is, sprintf("has %d cluster instances in %d zones (%s)", [count(is), count(azs), concat(", ", sort(azs))]), sprintf("hat %d Cluster-Instanzen in %d Zonen (%s)", [count(is), count(azs), concat(", ", sort(azs))]), r) if {
	is := _cluster_instances(r)
	count(is) >= min_azs
	every i in is {
		is_string(object.get(i.data.values, "availability_zone", null))
	}
	azs := {z | some i in is; z := object.get(i.data.values, "availability_zone", null)}
} else := _verdict(true, is, sprintf("has %d cluster instances (%s), which AWS places across zones", [count(is), _names(is)]), sprintf("hat %d Cluster-Instanzen (%s), die AWS über Zonen verteilt", [count(is), _names(is)]), r) if {
	is := _cluster_instances(r)
	count(is) >= min_azs
} else := _verdict(false, is, sprintf("has %s: no replica to fail over to in another zone", [_instance_count(is)]), sprintf("hat %s: keine Replik in einer anderen Zone für ein Failover", [_instance_count_de(is)]), r) if {
	is := _cluster_instances(r)
	count(is) < 2
} else := _verdict(false, is, sprintf("has only %d cluster instances (%s)", [count(is), _names(is)]), sprintf("hat nur %d Cluster-Instanzen (%s)", [count(is), _names(is)]), r) if {
	is := _cluster_instances(r)
}

_instance_count(is) := "no aws_rds_cluster_instance" if {
	count(is) == 0
} else := sprintf("one cluster instance (%s)", [_names(is)])

_instance_count_de(is) := "keine aws_rds_cluster_instance" if {
	count(is) == 0
} else := sprintf("eine Cluster-Instanz (%s)", [_names(is)])

_names(rs) := concat(", ", sort([_name(r.data.address) | some r in rs]))

# Load balancers

# findings about load balancers whose subnets are known.
findings contains f if {
	name_re := _name_re
	name_template := _name_template
	some t in ["aws_lb", "aws_alb"]
	some r in tf.judged_list(t)
	v := r.data.values
	object.get(v, "load_balancer_type", null) != "gateway"
	[ok, en, de] := _load_balancer_facts(r.data.unknown, object.get(v, "subnet_mapping", null), object.get(v, "subnets", null))
	name := regex.replace(r.data.address, name_re, name_template)
	f := {"subject": r.subject, "pass": ok, "evidence": [r.digest], "message": concat("", [name, en]), "message_de": concat("", [name, de])}
}

# findings about load balancers whose subnets are known only after apply
# (general path; an empty unknown is ruled out first, cheaply).
findings contains f if {
	some t in ["aws_lb", "aws_alb"]
	some r in tf.judged_list(t)
	not r.data.unknown == {}
	not _load_balancer_known(r.data.unknown)
	object.get(r.data.values, "load_balancer_type", null) != "gateway"
	f := finding.from(r, _load_balancer(r))
}

_load_balancer(r) := _judged(r, _load_balancer_texts(true, n)) if {
	n := count(tf.blocks_at(["subnet_mapping"], r))
	n > 0
} else := _open("subnet_mapping", r) if {
	r.data.unknown.subnet_mapping == true
} else := _open("subnets", r) if {
	r.data.unknown.subnets == true
	not is_array(object.get(r.data.unknown, "subnets", null))
} else := _judged(r, _load_balancer_texts(false, n)) if {
	n := _list_length("subnets", r)
}

# _load_balancer_known holds when unknown (a record's data.unknown) has
# nothing that _load_balancer reads: subnet_mapping is not unknown as a whole
# and subnets is not unknown at all.
_load_balancer_known(unknown) if {
	is_object(unknown)
	not unknown.subnet_mapping == true
	not unknown.subnets
}

# _load_balancer_facts is _load_balancer for a record whose unknown values
# are _load_balancer_known, from its subnet_mapping and subnets values:
# [ok, English, German]; undefined otherwise.
_load_balancer_facts(unknown, subnet_mapping, subnets) := _load_balancer_known_facts(subnet_mapping, subnets) if {
	_load_balancer_known(unknown)
}

# _load_balancer_known_facts are the texts for subnet_mapping blocks if
# there are any, else for the subnets (none when not a list).
_load_balancer_known_facts(subnet_mapping, subnets) := _load_balancer_texts(true, count(subnet_mapping)) if {
	is_array(subnet_mapping)
	count(subnet_mapping) > 0
} else := _load_balancer_texts(false, count(subnets)) if {
	is_array(subnets)
} else := _load_balancer_texts(false, 0)

# _load_balancer_texts are [ok, English, German] for a load balancer in n
# subnet_mapping blocks (mapped) or subnets.
_load_balancer_texts(mapped, n) := [
	n >= min_azs,
	sprintf(" spans %s (%s); %s", [text.count_of(n, "zone", "zones"), text.count_of(n, "subnet_mapping block", "subnet_mapping blocks"), claimed]),
	sprintf(" erstreckt sich über %s (%s); %s", [text.count_of(n, "Zone", "Zonen"), text.count_of(n, "subnet_mapping-Block", "subnet_mapping-Blöcke"), claimed_de]),
] if {
	mapped
} else := [
	n >= min_azs,
	sprintf(" spans %s (%s); %s", [text.count_of(n, "zone", "zones"), text.count_of(n, "subnet", "subnets"), claimed]),
	sprintf(" erstreckt sich über %s (%s); %s", [text.count_of(n, "Zone", "Zonen"), text.count_of(n, "Subnetz", "Subnetze"), claimed_de]),
]

# _list_length is the length of a list attribute, also when its elements are
# known only after apply (unknown then mirrors the list element by element).
_list_length(attr, r) := count(v) if {
	v := object.get(r.data.values, [attr], null)
	is_array(v)
} else := count(u) if {
	u := object.get(r.data.unknown, attr, null)
	is_array(u)
} else := 0 if {
	not tf.unknown_at([attr], r)
}

# Auto scaling groups

# findings about auto scaling groups whose size and zones are known.
findings contains f if {
	name_re := _name_re
	name_template := _name_template
	some r in tf.judged_list("aws_autoscaling_group")
	v := r.data.values
	[ok, en, de] := _asg_facts(r.data.unknown, object.get(v, "min_size", null), object.get(v, "availability_zones", null), object.get(v, "vpc_zone_identifier", null))
	name := regex.replace(r.data.address, name_re, name_template)
	f := {"subject": r.subject, "pass": ok, "evidence": [r.digest], "message": concat("", [name, en]), "message_de": concat("", [name, de])}
}

# findings about auto scaling groups whose size or zones are known only
# after apply (general path; an empty unknown is ruled out first, cheaply).
findings contains f if {
	some r in tf.judged_list("aws_autoscaling_group")
	not r.data.unknown == {}
	not _asg_known(r.data.unknown)
	f := finding.from(r, _asg(r))
}

_asg(r) := _open("min_size", r) if {
	r.data.unknown.min_size == true
} else := _open("vpc_zone_identifier", r) if {
	_list_length("availability_zones", r) == 0
	r.data.unknown.vpc_zone_identifier == true
	not is_array(object.get(r.data.unknown, "vpc_zone_identifier", null))
} else := _judged(r, _asg_texts(object.get(r.data.values, "min_size", null), n, zones)) if {
	[n, zones] := _asg_spread(r)
}

# _asg_spread is [n, zones]: the group spans n availability zones (zones)
# or n vpc_zone_identifier subnets.
_asg_spread(r) := [n, true] if {
	n := _list_length("availability_zones", r)
	n > 0
} else := [n, false] if {
	n := _list_length("vpc_zone_identifier", r)
}

# _asg_known holds when unknown (a record's data.unknown) has nothing that
# _asg reads: min_size is not unknown, availability_zones and
# vpc_zone_identifier not at all.
_asg_known(unknown) if {
	is_object(unknown)
	not unknown.min_size == true
	not unknown.availability_zones
	not unknown.vpc_zone_identifier
}

# _asg_facts is _asg for a record whose unknown values are _asg_known, from
# its min_size, availability_zones and vpc_zone_identifier values:
# [ok, English, German]; undefined otherwise.
_asg_facts(unknown, size, zones, subnets) := _asg_known_facts(size, zones, subnets) if {
	_asg_known(unknown)
}

# _asg_known_facts are the texts for the availability zones if there are
# any, else for the vpc_zone_identifier subnets (none when not a list).
_asg_known_facts(size, zones, subnets) := _asg_texts(size, count(zones), true) if {
	is_array(zones)
	count(zones) > 0
} else := _asg_texts(size, count(subnets), false) if {
	is_array(subnets)
} else := _asg_texts(size, 0, false)

# _asg_texts are [ok, English, German] for an auto scaling group with
# min_size size across n availability zones (zones) or subnets.
_asg_texts(size, n, zones) := [
	_asg_ok(size, n),
	sprintf(" has min_size %s across %s; %s", [_shown(size, "not set"), where, claimed]),
	sprintf(" hat min_size %s über %s; %s", [_shown(size, "nicht gesetzt"), where_de, claimed_de]),
] if {
	[where, where_de] := _asg_where(n, zones)
}

# _asg_where names the n availability zones (zones) or subnets in English and German.
_asg_where(n, true) := [text.count_of(n, "availability zone", "availability zones"), text.count_of(n, "Verfügbarkeitszone", "Verfügbarkeitszonen")]

_asg_where(n, false) := [sprintf("%s (vpc_zone_identifier)", [text.count_of(n, "subnet", "subnets")]), sprintf("%s (vpc_zone_identifier)", [text.count_of(n, "Subnetz", "Subnetze")])]

_asg_ok(size, n) if {
	is_number(size)
	size >= 2
	n >= min_azs
} else := false

# Judgements

# _judged is the judgement about record r from [ok, English, German] texts
# that follow its name.
_judged(r, [ok, en, de]) := {
	"state": {true: "pass", false: "fail"}[ok], "used": [],
	"en": concat("", [name, en]),
	"de": concat("", [name, de]),
} if {
	name := _name(r.data.address)
}

_verdict(ok, used, en, de, r) := {
	"state": state, "used": used,
	"en": sprintf("%s %s; %s", [_name(r.data.address), en, claimed]),
	"de": sprintf("%s %s; %s", [_name(r.data.address), de, claimed_de]),
} if {
	state := {true: "pass", false: "fail"}[ok]
}

_open(attr, r) := {
	"state": "inconclusive",
	"en": sprintf("%s: %s is known only after apply; %s", [_name(r.data.address), attr, claimed]),
	"de": sprintf("%s: %s ist erst nach dem Apply bekannt; %s", [_name(r.data.address), attr, claimed_de]),
}

# _name is tf.name for the address a: one regex.replace with the lib's
# pattern and template (cheaper than a call of tf.name with the record).
_name(a) := regex.replace(a, _name_re, _name_template)

_name_re := tf.name_pattern

_name_template := tf.name_template
