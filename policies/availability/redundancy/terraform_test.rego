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
