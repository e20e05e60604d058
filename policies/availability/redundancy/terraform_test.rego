package tomcheck.checks.availability.redundancy

import data.tomcheck.lib.testing as t

_t_in(evidence, context) := {"params": {"min_azs": 2}, "evidence": evidence, "context": context}

test_db_instances if {
	ha := t.res("aws_db_instance.ha", {"multi_az": true})
	single := t.res("aws_db_instance.single", {})
	unknown := t.res_with("aws_db_instance.u", {}, {"unknown": {"multi_az": true}})
	fs := findings with input as _t_in([ha, single, unknown], [])
	t.passing(fs) == {"tf:infra/aws_db_instance.ha"}
	t.failing(fs) == {"tf:infra/aws_db_instance.single"}
	t.inconclusive(fs) == {"tf:infra/aws_db_instance.u"}
	"aws_db_instance.single runs in a single zone (multi_az = false, the default); claimed: redundant across at least 2 availability zones" in t.messages(fs)
	f3 := findings with input as {"params": {"min_azs": 3}, "evidence": [ha], "context": []}
	t.failing(f3) == {"tf:infra/aws_db_instance.ha"}
}

test_aurora_cluster_with_two_instances_by_reference if {
	c := t.res("aws_rds_cluster.aurora", {})
	i0 := t.res_with("aws_rds_cluster_instance.node[0]", {"availability_zone": "eu-central-1a"}, {"references": {"cluster_identifier": ["aws_rds_cluster.aurora"]}})
	i1 := t.res_with("aws_rds_cluster_instance.node[1]", {"availability_zone": "eu-central-1b"}, {"references": {"cluster_identifier": ["aws_rds_cluster.aurora"]}})
	fs := findings with input as _t_in([c], [i0, i1])
	t.messages(fs) == {"aws_rds_cluster.aurora has 2 cluster instances in 2 zones (eu-central-1a, eu-central-1b); claimed: redundant across at least 2 availability zones"}
	some f in fs
	f.evidence == ["sha256:aws_rds_cluster.aurora", "sha256:aws_rds_cluster_instance.node[0]", "sha256:aws_rds_cluster_instance.node[1]"]
}

test_aurora_cluster_instances_in_one_zone_fail if {
	c := t.res("aws_rds_cluster.aurora", {"cluster_identifier": "orders"})
	i0 := t.res("aws_rds_cluster_instance.a", {"cluster_identifier": "orders", "availability_zone": "eu-central-1a"})
	i1 := t.res("aws_rds_cluster_instance.b", {"cluster_identifier": "orders", "availability_zone": "eu-central-1a"})
	fs := findings with input as _t_in([c], [i0, i1])
	t.failing(fs) == {"tf:infra/aws_rds_cluster.aurora"}
}

test_aurora_cluster_instances_with_unknown_zones if {
	c := t.res("aws_rds_cluster.aurora", {})
	i0 := t.res_with("aws_rds_cluster_instance.a", {}, {"references": {"cluster_identifier": ["aws_rds_cluster.aurora"]}, "unknown": {"availability_zone": true}})
	i1 := t.res_with("aws_rds_cluster_instance.b", {}, {"references": {"cluster_identifier": ["aws_rds_cluster.aurora"]}, "unknown": {"availability_zone": true}})
	fs := findings with input as _t_in([c], [i0, i1])
	t.messages(fs) == {"aws_rds_cluster.aurora has 2 cluster instances (aws_rds_cluster_instance.a, aws_rds_cluster_instance.b), which AWS places across zones; claimed: redundant across at least 2 availability zones"}
}

test_aurora_cluster_with_one_instance_fails if {
	c := t.res("aws_rds_cluster.aurora", {})
	i0 := t.res_with("aws_rds_cluster_instance.a", {}, {"references": {"cluster_identifier": ["aws_rds_cluster.aurora"]}})
	fs := findings with input as _t_in([c], [i0])
	t.messages(fs) == {"aws_rds_cluster.aurora has one cluster instance (aws_rds_cluster_instance.a): no replica to fail over to in another zone; claimed: redundant across at least 2 availability zones"}
	f0 := findings with input as _t_in([c], [])
	t.messages(f0) == {"aws_rds_cluster.aurora has no aws_rds_cluster_instance: no replica to fail over to in another zone; claimed: redundant across at least 2 availability zones"}
}

test_multi_az_db_cluster if {
	c := t.res("aws_rds_cluster.maz", {"db_cluster_instance_class": "db.r6gd.large", "engine": "postgres"})
	fs := findings with input as _t_in([c], [])
	t.passing(fs) == {"tf:infra/aws_rds_cluster.maz"}
}

test_load_balancers if {
	two := t.res("aws_lb.web", {"subnets": ["subnet-a", "subnet-b"]})
	one := t.res("aws_alb.single", {"subnets": ["subnet-a"]})
	mapped := t.res("aws_lb.nlb", {"load_balancer_type": "network", "subnet_mapping": [{"subnet_id": "a"}, {"subnet_id": "b"}, {"subnet_id": "c"}]})
	refs := t.res_with("aws_lb.refs", {}, {"unknown": {"subnets": [true, true]}, "references": {"subnets": ["aws_subnet.a", "aws_subnet.b"]}})
	unknown := t.res_with("aws_lb.unknown", {}, {"unknown": {"subnets": true}, "references": {"subnets": ["aws_subnet.private"]}})
	gwlb := t.res("aws_lb.gw", {"load_balancer_type": "gateway", "subnets": ["a"]})
	fs := findings with input as _t_in([two, one, mapped, refs, unknown, gwlb], [])
	t.passing(fs) == {"tf:infra/aws_lb.web", "tf:infra/aws_lb.nlb", "tf:infra/aws_lb.refs"}
	t.failing(fs) == {"tf:infra/aws_alb.single"}
	t.inconclusive(fs) == {"tf:infra/aws_lb.unknown"}
	"aws_alb.single spans 1 zone (1 subnet); claimed: redundant across at least 2 availability zones" in t.messages(fs)
}

test_autoscaling_groups if {
	ok := t.res("aws_autoscaling_group.web", {"min_size": 2, "vpc_zone_identifier": ["subnet-a", "subnet-b"]})
	small := t.res("aws_autoscaling_group.small", {"min_size": 1, "availability_zones": ["eu-central-1a", "eu-central-1b"]})
	narrow := t.res("aws_autoscaling_group.narrow", {"min_size": 3, "vpc_zone_identifier": ["subnet-a"]})
	unknown := t.res_with("aws_autoscaling_group.u", {"min_size": 2}, {"unknown": {"vpc_zone_identifier": true}})
	fs := findings with input as _t_in([ok, small, narrow, unknown], [])
	t.passing(fs) == {"tf:infra/aws_autoscaling_group.web"}
	t.failing(fs) == {"tf:infra/aws_autoscaling_group.small", "tf:infra/aws_autoscaling_group.narrow"}
	t.inconclusive(fs) == {"tf:infra/aws_autoscaling_group.u"}
	"aws_autoscaling_group.small has min_size 1 across 2 availability zones; claimed: redundant across at least 2 availability zones" in t.messages(fs)
}

test_load_balancer_with_unknown_subnet_mapping if {
	lb := t.res_with("aws_lb.dyn", {}, {"unknown": {"subnet_mapping": true}})
	fs := findings with input as _t_in([lb], [])
	t.inconclusive(fs) == {"tf:infra/aws_lb.dyn"}
}

test_db_instance_texts if {
	[true, " is Multi-AZ (multi_az = true): a standby in a second zone, 2 zones; claimed: redundant across at least 2 availability zones", _] = _db_instance_texts(true) with input as {"params": {}}
	[false, _, _] = _db_instance_texts(true) with input as {"params": {"min_azs": 3}}
	[false, " runs in a single zone (multi_az = false, the default); claimed: redundant across at least 2 availability zones", " läuft in einer einzigen Zone (multi_az = false, der Standard); zugesichert: redundant über mindestens 2 Verfügbarkeitszonen"] = _db_instance_texts(null) with input as {"params": {}}
	[false, " runs in a single zone (multi_az = false); claimed: redundant across at least 2 availability zones", _] = _db_instance_texts(false) with input as {"params": {}}
	[false, " runs in a single zone (multi_az = yes); claimed: redundant across at least 2 availability zones", _] = _db_instance_texts("yes") with input as {"params": {}}
}

test_load_balancer_facts if {
	[true, " spans 3 zones (3 subnet_mapping blocks); claimed: redundant across at least 2 availability zones", " erstreckt sich über 3 Zonen (3 subnet_mapping-Blöcke); zugesichert: redundant über mindestens 2 Verfügbarkeitszonen"] = _load_balancer_facts({}, [{}, {}, {}], ["a"]) with input as {"params": {}}
	[false, " spans 1 zone (1 subnet); claimed: redundant across at least 2 availability zones", " erstreckt sich über 1 Zone (1 Subnetz); zugesichert: redundant über mindestens 2 Verfügbarkeitszonen"] = _load_balancer_facts({"arn": true}, [], ["a"]) with input as {"params": {}}
	[true, " spans 2 zones (2 subnets); claimed: redundant across at least 2 availability zones", _] = _load_balancer_facts({"subnet_mapping": [{"subnet_id": true}]}, null, ["a", "b"]) with input as {"params": {}}
	[false, " spans 0 zones (0 subnets); claimed: redundant across at least 2 availability zones", _] = _load_balancer_facts({}, "x", "ab") with input as {"params": {}}
	not _load_balancer_facts({"subnets": [true]}, [], ["a"])
	not _load_balancer_facts({"subnet_mapping": true}, [], ["a"])
	not _load_balancer_facts(true, [], ["a"])
	[false, _, _] = _load_balancer_texts(true, 1) with input as {"params": {}}
	[false, " spans 2 zones (2 subnets); claimed: redundant across at least 3 availability zones", _] = _load_balancer_texts(false, 2) with input as {"params": {"min_azs": 3}}
}

test_asg_facts if {
	[true, " has min_size 2 across 2 availability zones; claimed: redundant across at least 2 availability zones", " hat min_size 2 über 2 Verfügbarkeitszonen; zugesichert: redundant über mindestens 2 Verfügbarkeitszonen"] = _asg_facts({}, 2, ["a", "b"], ["s"]) with input as {"params": {}}
	[false, " has min_size 2 across 1 subnet (vpc_zone_identifier); claimed: redundant across at least 2 availability zones", " hat min_size 2 über 1 Subnetz (vpc_zone_identifier); zugesichert: redundant über mindestens 2 Verfügbarkeitszonen"] = _asg_facts({"arn": true}, 2, [], ["s"]) with input as {"params": {}}
	[false, " has min_size not set across 0 subnets (vpc_zone_identifier); claimed: redundant across at least 2 availability zones", " hat min_size nicht gesetzt über 0 Subnetze (vpc_zone_identifier); zugesichert: redundant über mindestens 2 Verfügbarkeitszonen"] = _asg_facts({"min_size": false}, null, null, "s") with input as {"params": {}}
	[false, " has min_size 1 across 1 availability zone; claimed: redundant across at least 2 availability zones", _] = _asg_facts({}, 1, ["a"], null) with input as {"params": {}}
	[false, " has min_size 3 across 3 subnets (vpc_zone_identifier); claimed: redundant across at least 2 availability zones", _] = _asg_facts({}, "3", [], ["a", "b", "c"]) with input as {"params": {}}
	not _asg_facts({"min_size": true}, 2, ["a", "b"], [])
	not _asg_facts({"availability_zones": [true]}, 2, [], [])
	not _asg_facts({"vpc_zone_identifier": true}, 2, [], [])
	not _asg_facts(null, 2, [], [])
}

test_judged if {
	r := t.res("module.m.aws_lb.a", {})
	j := _judged(r, [false, " en", " de"])
	j == {"state": "fail", "used": [], "en": "aws_lb.a (module.m.aws_lb.a) en", "de": "aws_lb.a (module.m.aws_lb.a) de"}
	_judged(r, [true, "", ""]).state == "pass"
}

# Records with a deciding value unknown take the general path; an unknown
# value that does not change the outcome must not change the findings.
test_fast_and_general_paths_agree if {
	values := {
		"aws_db_instance.a": {"multi_az": true},
		"aws_db_instance.b": {"multi_az": false},
		"aws_db_instance.c": {},
		"module.m.aws_db_instance.d": {"multi_az": "true"},
		"aws_lb.a": {"subnets": ["a", "b"]},
		"aws_lb.b": {"subnet_mapping": [{"subnet_id": "a"}], "subnets": ["a", "b"]},
		"aws_lb.c": {"subnet_mapping": [], "subnets": ["a"]},
		"aws_lb.gw": {"load_balancer_type": "gateway", "subnets": ["a"]},
		"aws_alb.d": {"subnets": "a"},
		"aws_autoscaling_group.a": {"min_size": 2, "availability_zones": ["a", "b"], "vpc_zone_identifier": ["s"]},
		"aws_autoscaling_group.b": {"min_size": 3, "availability_zones": [], "vpc_zone_identifier": ["s", "t"]},
		"aws_autoscaling_group.c": {"min_size": 1},
		"aws_autoscaling_group.d": {"availability_zones": ["a"]},
	}
	known := [t.res(a, v) | some a, v in values]

	# unknown values that change nothing; the null ones send load balancers
	# and auto scaling groups to the general path
	other := [t.res_with(a, v, {"unknown": {"arn": true}}) | some a, v in values]
	general := [t.res_with(a, v, {"unknown": {"subnets": null, "availability_zones": null, "vpc_zone_identifier": null}}) | some a, v in values]
	fs := findings with input as _t_in(known, [])
	count(fs) == 12
	fs == findings with input as _t_in(other, [])
	fs == findings with input as _t_in(general, [])
	f3 := findings with input as {"params": {"min_azs": 3}, "evidence": known, "context": []}
	f3 == findings with input as {"params": {"min_azs": 3}, "evidence": general, "context": []}
}

test_known if {
	_load_balancer_known({})
	_load_balancer_known({"arn": true, "subnets": false, "subnet_mapping": [{"subnet_id": true}]})
	not _load_balancer_known({"subnets": [true]})
	not _load_balancer_known({"subnet_mapping": true})
	not _load_balancer_known("x")
	_asg_known({"arn": true, "min_size": false})
	not _asg_known({"min_size": true})
	not _asg_known({"availability_zones": null})
	not _asg_known({"vpc_zone_identifier": [true]})
}
