package tomcheck.checks.availability.redundancy

import data.tomcheck.lib.finding
import data.tomcheck.lib.terraform as tf
import data.tomcheck.lib.text

_verdict(ok, used, en, de, r) := {
	"state": state, "used": used,
	"en": sprintf("%s %s; %s", [tf.name(r), en, claimed]),
	"de": sprintf("%s %s; %s", [tf.name(r), de, claimed_de]),
} if {
	state := {true: "pass", false: "fail"}[ok]
}

_open(attr, r) := {
	"state": "inconclusive",
	"en": sprintf("%s: %s is known only after apply; %s", [tf.name(r), attr, claimed]),
	"de": sprintf("%s: %s ist erst nach dem Apply bekannt; %s", [tf.name(r), attr, claimed_de]),
}

# RDS instances

findings contains f if {
	some r in tf.judged_list("aws_db_instance")
	f := finding.from(r, _db_instance(r))
}

_db_instance(r) := _open("multi_az", r) if {
	r.data.unknown.multi_az == true
} else := _verdict(min_azs <= 2, [], "is Multi-AZ (multi_az = true): a standby in a second zone, 2 zones", "ist Multi-AZ (multi_az = true): ein Standby in einer zweiten Zone, 2 Zonen", r) if {
	object.get(r.data.values, "multi_az", null) == true
} else := _verdict(false, [], sprintf("runs in a single zone (multi_az = %s)", [_shown(object.get(r.data.values, "multi_az", null), "false, the default")]), sprintf("läuft in einer einzigen Zone (multi_az = %s)", [_shown(object.get(r.data.values, "multi_az", null), "false, der Standard")]), r)

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

_names(rs) := concat(", ", sort([tf.name(r) | some r in rs]))

# Load balancers

findings contains f if {
	some t in ["aws_lb", "aws_alb"]
	some r in tf.judged_list(t)
	object.get(r.data.values, "load_balancer_type", null) != "gateway"
	f := finding.from(r, _load_balancer(r))
}

_load_balancer(r) := _verdict(n >= min_azs, [], sprintf("spans %s (%s)", [text.count_of(n, "zone", "zones"), text.count_of(n, "subnet_mapping block", "subnet_mapping blocks")]), sprintf("erstreckt sich über %s (%s)", [text.count_of(n, "Zone", "Zonen"), text.count_of(n, "subnet_mapping-Block", "subnet_mapping-Blöcke")]), r) if {
	n := count(tf.blocks_at(["subnet_mapping"], r))
	n > 0
} else := _open("subnet_mapping", r) if {
	r.data.unknown.subnet_mapping == true
} else := _open("subnets", r) if {
	r.data.unknown.subnets == true
	not is_array(object.get(r.data.unknown, "subnets", null))
} else := _verdict(n >= min_azs, [], sprintf("spans %s (%s)", [text.count_of(n, "zone", "zones"), text.count_of(n, "subnet", "subnets")]), sprintf("erstreckt sich über %s (%s)", [text.count_of(n, "Zone", "Zonen"), text.count_of(n, "Subnetz", "Subnetze")]), r) if {
	n := _list_length("subnets", r)
}

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

findings contains f if {
	some r in tf.judged_list("aws_autoscaling_group")
	f := finding.from(r, _asg(r))
}

_asg(r) := _open("min_size", r) if {
	r.data.unknown.min_size == true
} else := _open("vpc_zone_identifier", r) if {
	_list_length("availability_zones", r) == 0
	r.data.unknown.vpc_zone_identifier == true
	not is_array(object.get(r.data.unknown, "vpc_zone_identifier", null))
} else := _verdict(_asg_ok(size, n), [], en, de, r) if {
	size := object.get(r.data.values, "min_size", null)
	[n, where, where_de] := _asg_spread(r)
	en := sprintf("has min_size %s across %s", [_shown(size, "not set"), where])
	de := sprintf("hat min_size %s über %s", [_shown(size, "nicht gesetzt"), where_de])
}

_asg_ok(size, n) if {
	is_number(size)
	size >= 2
	n >= min_azs
} else := false

_asg_spread(r) := [n, text.count_of(n, "availability zone", "availability zones"), text.count_of(n, "Verfügbarkeitszone", "Verfügbarkeitszonen")] if {
	n := _list_length("availability_zones", r)
	n > 0
} else := [n, sprintf("%s (vpc_zone_identifier)", [text.count_of(n, "subnet", "subnets")]), sprintf("%s (vpc_zone_identifier)", [text.count_of(n, "Subnetz", "Subnetze")])] if {
	n := _list_length("vpc_zone_identifier", r)
}
