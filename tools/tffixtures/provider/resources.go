package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
)

// The resource types used by the fixture configurations, with the attribute
// names, types and nesting of hashicorp/aws v5. Only a subset of each type's
// arguments is declared; what is declared matches the real provider, except:
//   - SDKv2 arguments with a Default are Optional+Computed here (the
//     framework can only plan a default into a computed attribute);
//   - SDKv2 "Optional+Computed" blocks (e.g. aws_iam_role.inline_policy) are
//     plain blocks: when absent they plan as [] instead of unknown;
//   - `timeouts` blocks are left out.

// arn builds a regional ARN for the fake account.
func arn(c *cctx, service, res string) string {
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, c.Region, c.Account, res)
}

// kmsManagedKey is the ARN of the AWS managed key "alias/aws/<svc>" of the region.
func kmsManagedKey(c *cctx, svc string) string {
	h := sha(c.Region + "/aws/" + svc)
	return arn(c, "kms", "key/"+h[0:8]+"-"+h[8:12]+"-4"+h[13:16]+"-a"+h[17:20]+"-"+h[20:32])
}

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func azID(az string) string {
	short := map[string]string{
		"eu-central-1": "euc1", "eu-west-1": "euw1", "eu-west-2": "euw2",
		"eu-north-1": "eun1", "us-east-1": "use1", "us-west-2": "usw2",
	}
	if len(az) < 2 {
		return ""
	}
	region, letter := az[:len(az)-1], az[len(az)-1]
	p, ok := short[region]
	if !ok {
		p = "az"
	}
	// AZ ids are shuffled per account; this account's mapping:
	n := map[byte]string{'a': "2", 'b': "3", 'c': "1"}[letter]
	if n == "" {
		n = "4"
	}
	return p + "-az" + n
}

var elbZone = map[string]string{"eu-central-1": "Z215JYRZR1TBD5", "eu-west-1": "Z32O12XQLNTSW2", "us-east-1": "Z35SXDOTRQ7X7K"}
var s3Zone = map[string]string{"eu-central-1": "Z21DNDUVLTQW6Q", "eu-west-1": "Z1BKCTXD74EZPE", "us-east-1": "Z3AQBSTGFYJSTF"}
var rdsZone = map[string]string{"eu-central-1": "Z1RLNUO7B9Q6NB", "eu-west-1": "Z29XKXDKYMONMX", "us-east-1": "Z2R2ITUGPM61AM"}

// registry remembers facts learnt in Create (subnet -> VPC, subnet -> AZ,
// launch template id -> name) within one provider process, so that later
// resources report them as AWS would.
var registry sync.Map

func lookup(key string) string {
	if v, ok := registry.Load(key); ok {
		return v.(string)
	}
	return ""
}

func firstSubnetVPC(c *cctx, subnets []string) string {
	for _, s := range subnets {
		if v := lookup("subnet-vpc/" + s); v != "" {
			return v
		}
	}
	return "vpc-" + c.Hex("vpc", 17)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

var sgRuleObj = obj(map[string]attr.Type{
	"cidr_blocks":      LS,
	"description":      S,
	"from_port":        I,
	"ipv6_cidr_blocks": LS,
	"prefix_list_ids":  LS,
	"protocol":         S,
	"security_groups":  SS,
	"self":             B,
	"to_port":          I,
})

var backupLifecycle = as(
	a("cold_storage_after", I, "o"),
	a("delete_after", I, "o"),
	a("opt_in_to_archive_for_supported_resources", B, "oc"),
)

var kv = as(a("key", S, "r"), a("value", S, "r"))

func cacheBehavior(ordered bool) Blk {
	attrs := as(
		a("allowed_methods", SS, "r"),
		a("cached_methods", SS, "r"),
		a("target_origin_id", S, "r"),
		a("viewer_protocol_policy", S, "r"),
		a("cache_policy_id", S, "o"),
		a("origin_request_policy_id", S, "o"),
		a("response_headers_policy_id", S, "o"),
		a("realtime_log_config_arn", S, "o"),
		a("field_level_encryption_id", S, "o"),
		a("compress", B, "o", false),
		a("default_ttl", I, "oc"),
		a("max_ttl", I, "oc"),
		a("min_ttl", I, "o", 0),
		a("smooth_streaming", B, "o"),
		a("trusted_key_groups", LS, "oc"),
		a("trusted_signers", LS, "oc"),
	)
	name := "default_cache_behavior"
	if ordered {
		name = "ordered_cache_behavior"
		attrs = append(attrs, a("path_pattern", S, "r"))
	}
	return list(name, attrs,
		list("forwarded_values", as(a("query_string", B, "r"), a("headers", SS, "oc"), a("query_string_cache_keys", LS, "oc")),
			list("cookies", as(a("forward", S, "r"), a("whitelisted_names", SS, "oc")))),
		set("function_association", as(a("event_type", S, "r"), a("function_arn", S, "r"))),
		set("lambda_function_association", as(a("event_type", S, "r"), a("lambda_arn", S, "r"), a("include_body", B, "o", false))),
	)
}

var resources = []Res{
	// ------------------------------------------------------------------ S3
	{
		Name: "aws_s3_bucket",
		Tags: true,
		Attrs: as(
			a("bucket", S, "oc"),
			a("bucket_prefix", S, "oc"),
			a("force_destroy", B, "o", false),
			a("object_lock_enabled", B, "oc"),
			a("arn", S, "c"),
			a("bucket_domain_name", S, "c"),
			a("bucket_regional_domain_name", S, "c"),
			a("hosted_zone_id", S, "c"),
			a("region", S, "c"),
			a("acceleration_status", S, "oc"),
			a("request_payer", S, "oc"),
			a("policy", S, "oc"),
			a("website_domain", S, "c"),
			a("website_endpoint", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			b := c.S("bucket")
			if b == "" {
				b = c.UniqueName(orDefault(c.S("bucket_prefix"), "terraform-"))
			}
			return map[string]any{
				"id": b, "bucket": b, "arn": "arn:aws:s3:::" + b,
				"bucket_domain_name":          b + ".s3.amazonaws.com",
				"bucket_regional_domain_name": b + ".s3." + c.Region + ".amazonaws.com",
				"hosted_zone_id":              s3Zone[c.Region],
				"region":                      c.Region,
				"request_payer":               "BucketOwner",
			}
		},
	},
	{
		Name: "aws_s3_bucket_server_side_encryption_configuration",
		Attrs: as(
			a("bucket", S, "r"),
			a("expected_bucket_owner", S, "o"),
		),
		Blocks: []Blk{
			set("rule", as(a("bucket_key_enabled", B, "o")),
				list("apply_server_side_encryption_by_default", as(a("sse_algorithm", S, "r"), a("kms_master_key_id", S, "o")))),
		},
		Compute: func(c *cctx) map[string]any { return map[string]any{"id": c.S("bucket")} },
	},
	{
		Name: "aws_s3_bucket_versioning",
		Attrs: as(
			a("bucket", S, "r"),
			a("expected_bucket_owner", S, "o"),
			a("mfa", S, "o"),
		),
		Blocks: []Blk{
			list("versioning_configuration", as(a("status", S, "r"), a("mfa_delete", S, "oc"))),
		},
		Compute: func(c *cctx) map[string]any { return map[string]any{"id": c.S("bucket")} },
	},
	{
		Name: "aws_s3_bucket_public_access_block",
		Attrs: as(
			a("bucket", S, "r"),
			a("block_public_acls", B, "o", false),
			a("block_public_policy", B, "o", false),
			a("ignore_public_acls", B, "o", false),
			a("restrict_public_buckets", B, "o", false),
		),
		Compute: func(c *cctx) map[string]any { return map[string]any{"id": c.S("bucket")} },
	},
	{
		Name: "aws_s3_bucket_policy",
		Attrs: as(
			a("bucket", S, "r"),
			a("policy", S, "r"),
		),
		Compute: func(c *cctx) map[string]any { return map[string]any{"id": c.S("bucket")} },
	},
	{
		Name: "aws_s3_bucket_replication_configuration",
		Attrs: as(
			a("bucket", S, "r"),
			a("role", S, "r"),
			a("token", S, "os"),
		),
		Blocks: []Blk{
			list("rule",
				as(a("id", S, "oc"), a("priority", I, "o"), a("prefix", S, "o"), a("status", S, "r")),
				list("filter", as(a("prefix", S, "o")),
					list("tag", kv),
					list("and", as(a("prefix", S, "o"), a("tags", MS, "o")))),
				list("destination", as(a("bucket", S, "r"), a("storage_class", S, "o"), a("account", S, "o")),
					list("encryption_configuration", as(a("replica_kms_key_id", S, "r"))),
					list("access_control_translation", as(a("owner", S, "r"))),
					list("metrics", as(a("status", S, "r")), list("event_threshold", as(a("minutes", I, "r")))),
					list("replication_time", as(a("status", S, "r")), list("time", as(a("minutes", I, "r"))))),
				list("delete_marker_replication", as(a("status", S, "r"))),
				list("existing_object_replication", as(a("status", S, "r"))),
				list("source_selection_criteria", nil,
					list("replica_modifications", as(a("status", S, "r"))),
					list("sse_kms_encrypted_objects", as(a("status", S, "r")))),
			),
		},
		Compute: func(c *cctx) map[string]any { return map[string]any{"id": c.S("bucket")} },
		Nested: func(c *cctx, p string) (any, bool) {
			if p == "rule.id" {
				return c.Alnum("rule", 8), true
			}
			return nil, false
		},
	},

	// ---------------------------------------------------------- EC2 / EBS
	{
		Name: "aws_ebs_volume",
		Tags: true,
		Attrs: as(
			a("availability_zone", S, "r"),
			a("encrypted", B, "oc"),
			a("final_snapshot", B, "o", false),
			a("iops", I, "oc"),
			a("kms_key_id", S, "oc"),
			a("multi_attach_enabled", B, "o"),
			a("outpost_arn", S, "o"),
			a("size", I, "oc"),
			a("snapshot_id", S, "oc"),
			a("throughput", I, "oc"),
			a("type", S, "oc"),
			a("arn", S, "c"),
			a("create_time", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			id := "vol-" + c.Hex("id", 17)
			typ := orDefault(c.S("type"), "gp2")
			enc := c.B("encrypted") || c.S("kms_key_id") != ""
			m := map[string]any{
				"id": id, "arn": arn(c, "ec2", "volume/"+id), "create_time": fixedTime,
				"type": typ, "encrypted": enc,
			}
			if enc {
				m["kms_key_id"] = kmsManagedKey(c, "ebs")
			}
			switch typ {
			case "gp3":
				m["iops"], m["throughput"] = 3000, 125
			case "gp2":
				m["iops"] = max(100, 3*c.I("size"))
			}
			return m
		},
	},
	{
		Name:  "aws_ebs_encryption_by_default",
		Attrs: as(a("enabled", B, "o", true)),
		Compute: func(c *cctx) map[string]any {
			return map[string]any{"id": c.Region}
		},
	},
	{
		Name: "aws_launch_template",
		Tags: true,
		Attrs: as(
			a("name", S, "oc"),
			a("name_prefix", S, "oc"),
			a("description", S, "o"),
			a("image_id", S, "o"),
			a("instance_type", S, "o"),
			a("key_name", S, "o"),
			a("user_data", S, "o"),
			a("vpc_security_group_ids", SS, "o"),
			a("update_default_version", B, "o"),
			a("default_version", I, "oc"),
			a("ebs_optimized", S, "o"),
			a("disable_api_termination", B, "o"),
			a("arn", S, "c"),
			a("latest_version", I, "c"),
		),
		Blocks: []Blk{
			list("block_device_mappings", as(a("device_name", S, "o"), a("no_device", S, "o"), a("virtual_name", S, "o")),
				list("ebs", as(
					a("delete_on_termination", S, "o"),
					a("encrypted", S, "o"), // a string ("true"/"false") in the real provider
					a("iops", I, "oc"),
					a("kms_key_id", S, "o"),
					a("snapshot_id", S, "o"),
					a("throughput", I, "oc"),
					a("volume_size", I, "oc"),
					a("volume_type", S, "oc"),
				))),
			list("iam_instance_profile", as(a("arn", S, "o"), a("name", S, "o"))),
			list("metadata_options", as(
				a("http_endpoint", S, "oc"),
				a("http_tokens", S, "oc"),
				a("http_put_response_hop_limit", I, "oc"),
				a("http_protocol_ipv6", S, "o"),
				a("instance_metadata_tags", S, "oc"),
			)),
			list("monitoring", as(a("enabled", B, "o"))),
			list("tag_specifications", as(a("resource_type", S, "o"), a("tags", MS, "o"))),
		},
		Compute: func(c *cctx) map[string]any {
			id := "lt-" + c.Hex("id", 17)
			name := c.S("name")
			if name == "" {
				name = c.UniqueName(orDefault(c.S("name_prefix"), "terraform-"))
			}
			registry.Store("lt-name/"+id, name)
			return map[string]any{"id": id, "name": name, "arn": arn(c, "ec2", "launch-template/"+id), "latest_version": 1, "default_version": 1}
		},
		Nested: func(c *cctx, p string) (any, bool) {
			switch p {
			case "metadata_options.http_endpoint":
				return "enabled", true
			case "metadata_options.http_tokens":
				return "optional", true
			case "metadata_options.http_put_response_hop_limit":
				return 1, true
			case "metadata_options.instance_metadata_tags":
				return "disabled", true
			}
			return nil, false
		},
	},
	{
		Name: "aws_autoscaling_group", // no tags/tags_all in v5: `tag` blocks only
		Attrs: as(
			a("name", S, "oc"),
			a("name_prefix", S, "oc"),
			a("max_size", I, "r"),
			a("min_size", I, "r"),
			a("desired_capacity", I, "oc"),
			a("desired_capacity_type", S, "o"),
			a("availability_zones", SS, "oc"),
			a("vpc_zone_identifier", SS, "oc"),
			a("capacity_rebalance", B, "o"),
			a("default_cooldown", I, "oc"),
			a("default_instance_warmup", I, "o"),
			a("health_check_grace_period", I, "o", 300),
			a("health_check_type", S, "oc"),
			a("force_delete", B, "o", false),
			a("load_balancers", SS, "oc"),
			a("target_group_arns", SS, "oc"),
			a("termination_policies", LS, "o"),
			a("suspended_processes", SS, "o"),
			a("enabled_metrics", SS, "o"),
			a("metrics_granularity", S, "o", "1Minute"),
			a("min_elb_capacity", I, "o"),
			a("wait_for_capacity_timeout", S, "o", "10m"),
			a("wait_for_elb_capacity", I, "o"),
			a("protect_from_scale_in", B, "o", false),
			a("service_linked_role_arn", S, "oc"),
			a("max_instance_lifetime", I, "o"),
			a("placement_group", S, "o"),
			a("launch_configuration", S, "o"),
			a("predicted_capacity", I, "c"),
			a("warm_pool_size", I, "c"),
			a("arn", S, "c"),
		),
		Blocks: []Blk{
			list("launch_template", as(a("id", S, "oc"), a("name", S, "oc"), a("version", S, "o"))),
			set("tag", as(a("key", S, "r"), a("value", S, "r"), a("propagate_at_launch", B, "r"))),
			list("instance_refresh", as(a("strategy", S, "r"), a("triggers", SS, "o")),
				list("preferences", as(a("min_healthy_percentage", I, "o", 90), a("instance_warmup", S, "o")))),
		},
		Compute: func(c *cctx) map[string]any {
			name := c.S("name")
			if name == "" {
				name = c.UniqueName(orDefault(c.S("name_prefix"), "terraform-"))
			}
			azs := []string{}
			seen := map[string]bool{}
			for _, s := range c.Strs("vpc_zone_identifier") {
				if az := lookup("subnet-az/" + s); az != "" && !seen[az] {
					seen[az] = true
					azs = append(azs, az)
				}
			}
			desired := c.I("desired_capacity")
			if !c.Known("desired_capacity") {
				desired = c.I("min_size")
			}
			return map[string]any{
				"id": name, "name": name,
				"arn":                     arn(c, "autoscaling", "autoScalingGroup:"+c.UUID("arn")+":autoScalingGroupName/"+name),
				"availability_zones":      azs,
				"desired_capacity":        desired,
				"default_cooldown":        300,
				"health_check_type":       "EC2",
				"service_linked_role_arn": "arn:aws:iam::" + c.Account + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
			}
		},
		Nested: func(c *cctx, p string) (any, bool) {
			switch p {
			case "launch_template.name":
				return lookup("lt-name/" + c.BlockAttr("launch_template", "id")), true
			case "launch_template.id":
				return "", true
			}
			return nil, false
		},
	},

	// ---------------------------------------------------------------- VPC
	{
		Name: "aws_vpc",
		Tags: true,
		Attrs: as(
			a("cidr_block", S, "oc"),
			a("instance_tenancy", S, "o", "default"),
			a("enable_dns_support", B, "o", true),
			a("enable_dns_hostnames", B, "oc"),
			a("enable_network_address_usage_metrics", B, "oc"),
			a("assign_generated_ipv6_cidr_block", B, "o"),
			a("ipv6_cidr_block", S, "oc"),
			a("ipv6_cidr_block_network_border_group", S, "oc"),
			a("arn", S, "c"),
			a("default_network_acl_id", S, "c"),
			a("default_route_table_id", S, "c"),
			a("default_security_group_id", S, "c"),
			a("dhcp_options_id", S, "c"),
			a("main_route_table_id", S, "c"),
			a("owner_id", S, "c"),
			a("ipv6_association_id", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			id := "vpc-" + c.Hex("id", 17)
			rtb := "rtb-" + c.Hex("rtb", 17)
			return map[string]any{
				"id": id, "arn": arn(c, "ec2", "vpc/"+id),
				"default_network_acl_id":    "acl-" + c.Hex("acl", 17),
				"default_route_table_id":    rtb,
				"main_route_table_id":       rtb,
				"default_security_group_id": "sg-" + c.Hex("sg", 17),
				"dhcp_options_id":           "dopt-" + c.Hex("dopt", 17),
				"owner_id":                  c.Account,
			}
		},
	},
	{
		Name: "aws_subnet",
		Tags: true,
		Attrs: as(
			a("vpc_id", S, "r"),
			a("cidr_block", S, "o"),
			a("availability_zone", S, "oc"),
			a("availability_zone_id", S, "oc"),
			a("map_public_ip_on_launch", B, "o", false),
			a("assign_ipv6_address_on_creation", B, "o", false),
			a("enable_dns64", B, "o", false),
			a("enable_resource_name_dns_a_record_on_launch", B, "o", false),
			a("enable_resource_name_dns_aaaa_record_on_launch", B, "o", false),
			a("ipv6_cidr_block", S, "o"),
			a("ipv6_native", B, "o", false),
			a("private_dns_hostname_type_on_launch", S, "oc"),
			a("arn", S, "c"),
			a("owner_id", S, "c"),
			a("ipv6_cidr_block_association_id", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			id := "subnet-" + c.Hex("id", 17)
			az := orDefault(c.S("availability_zone"), c.Region+"a")
			registry.Store("subnet-vpc/"+id, c.S("vpc_id"))
			registry.Store("subnet-az/"+id, az)
			return map[string]any{
				"id": id, "arn": arn(c, "ec2", "subnet/"+id), "owner_id": c.Account,
				"availability_zone": az, "availability_zone_id": azID(az),
				"private_dns_hostname_type_on_launch": "ip-name",
			}
		},
	},
	{
		Name: "aws_internet_gateway",
		Tags: true,
		Attrs: as(
			a("vpc_id", S, "o"),
			a("arn", S, "c"),
			a("owner_id", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			id := "igw-" + c.Hex("id", 17)
			return map[string]any{"id": id, "arn": arn(c, "ec2", "internet-gateway/"+id), "owner_id": c.Account}
		},
	},
	{
		Name: "aws_security_group",
		Tags: true,
		Attrs: as(
			a("name", S, "oc"),
			a("name_prefix", S, "oc"),
			a("description", S, "o", "Managed by Terraform"),
			a("vpc_id", S, "oc"),
			// "attributes as blocks": sets of objects that may be written as
			// ingress { ... } blocks; plan JSON shows them as lists of objects.
			a("ingress", setOf(sgRuleObj), "oc"),
			a("egress", setOf(sgRuleObj), "oc"),
			a("revoke_rules_on_delete", B, "o", false),
			a("arn", S, "c"),
			a("owner_id", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			id := "sg-" + c.Hex("id", 17)
			name := c.S("name")
			if name == "" {
				name = c.UniqueName(orDefault(c.S("name_prefix"), "terraform-"))
			}
			return map[string]any{
				"id": id, "name": name, "arn": arn(c, "ec2", "security-group/"+id), "owner_id": c.Account,
				"vpc_id": "vpc-" + c.Hex("default-vpc", 17),
			}
		},
	},
	{
		Name: "aws_security_group_rule",
		Attrs: as(
			a("type", S, "r"),
			a("from_port", I, "r"),
			a("to_port", I, "r"),
			a("protocol", S, "r"),
			a("security_group_id", S, "r"),
			a("cidr_blocks", LS, "o"),
			a("ipv6_cidr_blocks", LS, "o"),
			a("prefix_list_ids", LS, "o"),
			a("source_security_group_id", S, "oc"),
			a("self", B, "o", false),
			a("description", S, "o"),
			a("security_group_rule_id", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			return map[string]any{"id": "sgrule-" + c.Digits("id", 10), "security_group_rule_id": "sgr-" + c.Hex("sgr", 17)}
		},
	},
	vpcSGRule("aws_vpc_security_group_ingress_rule"),
	vpcSGRule("aws_vpc_security_group_egress_rule"),

	// ---------------------------------------------------------------- ELB
	{
		Name: "aws_lb",
		Tags: true,
		Attrs: as(
			a("name", S, "oc"),
			a("name_prefix", S, "oc"),
			a("internal", B, "oc"),
			a("load_balancer_type", S, "o", "application"),
			a("security_groups", SS, "oc"),
			a("subnets", SS, "oc"),
			a("ip_address_type", S, "oc"),
			a("idle_timeout", I, "o", 60),
			a("enable_deletion_protection", B, "o", false),
			a("enable_http2", B, "o", true),
			a("drop_invalid_header_fields", B, "o", false),
			a("desync_mitigation_mode", S, "o", "defensive"),
			a("preserve_host_header", B, "o", false),
			a("enable_waf_fail_open", B, "o", false),
			a("xff_header_processing_mode", S, "o", "append"),
			a("arn", S, "c"),
			a("arn_suffix", S, "c"),
			a("dns_name", S, "c"),
			a("vpc_id", S, "c"),
			a("zone_id", S, "c"),
		),
		Blocks: []Blk{
			list("access_logs", as(a("bucket", S, "r"), a("enabled", B, "o", false), a("prefix", S, "o"))),
			list("connection_logs", as(a("bucket", S, "r"), a("enabled", B, "o", false), a("prefix", S, "o"))),
		},
		Compute: func(c *cctx) map[string]any {
			name := c.S("name")
			if name == "" {
				name = "tf-lb-" + c.Digits("name", 20)
			}
			kind := map[string]string{"application": "app", "network": "net", "gateway": "gwy"}[orDefault(c.S("load_balancer_type"), "application")]
			suffix := kind + "/" + name + "/" + c.Hex("id", 16)
			lbARN := arn(c, "elasticloadbalancing", "loadbalancer/"+suffix)
			dns := name + "-" + c.Digits("dns", 10) + "." + c.Region + ".elb.amazonaws.com"
			if c.B("internal") {
				dns = "internal-" + dns
			}
			return map[string]any{
				"id": lbARN, "arn": lbARN, "arn_suffix": suffix, "name": name, "dns_name": dns,
				"zone_id": elbZone[c.Region], "vpc_id": firstSubnetVPC(c, c.Strs("subnets")),
				"internal": false, "ip_address_type": "ipv4", "security_groups": []string{},
			}
		},
	},
	{
		Name: "aws_lb_listener",
		Tags: true,
		Attrs: as(
			a("load_balancer_arn", S, "r"),
			a("port", I, "o"),
			a("protocol", S, "oc"),
			a("ssl_policy", S, "oc"),
			a("certificate_arn", S, "o"),
			a("alpn_policy", S, "o"),
			a("arn", S, "c"),
		),
		Blocks: []Blk{
			list("default_action", as(a("type", S, "r"), a("target_group_arn", S, "o"), a("order", I, "oc")),
				list("redirect", as(
					a("status_code", S, "r"),
					a("host", S, "o", "#{host}"),
					a("path", S, "o", "/#{path}"),
					a("port", S, "o", "#{port}"),
					a("protocol", S, "o", "#{protocol}"),
					a("query", S, "o", "#{query}"),
				)),
				list("fixed_response", as(a("content_type", S, "r"), a("message_body", S, "o"), a("status_code", S, "oc"))),
				list("forward", nil,
					set("target_group", as(a("arn", S, "r"), a("weight", I, "o", 1))),
					list("stickiness", as(a("duration", I, "r"), a("enabled", B, "o", false)))),
			),
		},
		Compute: func(c *cctx) map[string]any {
			proto := c.S("protocol")
			if proto == "" {
				proto = "HTTP"
				if c.S("certificate_arn") != "" {
					proto = "HTTPS"
				}
			}
			policy := ""
			if proto == "HTTPS" || proto == "TLS" {
				policy = "ELBSecurityPolicy-2016-08" // what AWS picks when none is given
			}
			lb := c.S("load_balancer_arn")
			l := strings.Replace(lb, ":loadbalancer/", ":listener/", 1) + "/" + c.Hex("id", 16)
			return map[string]any{"id": l, "arn": l, "protocol": proto, "ssl_policy": policy}
		},
		Nested: func(c *cctx, p string) (any, bool) {
			if p == "default_action.order" {
				return 1, true
			}
			return nil, false
		},
	},
	{
		Name: "aws_lb_target_group",
		Tags: true,
		Attrs: as(
			a("name", S, "oc"),
			a("name_prefix", S, "oc"),
			a("port", I, "o"),
			a("protocol", S, "o"),
			a("protocol_version", S, "oc"),
			a("vpc_id", S, "o"),
			a("target_type", S, "o", "instance"),
			a("deregistration_delay", S, "o", "300"),
			a("slow_start", I, "o", 0),
			a("load_balancing_algorithm_type", S, "oc"),
			a("ip_address_type", S, "oc"),
			a("arn", S, "c"),
			a("arn_suffix", S, "c"),
			a("load_balancer_arns", SS, "c"),
		),
		Blocks: []Blk{
			list("health_check", as(
				a("enabled", B, "o", true),
				a("healthy_threshold", I, "o", 3),
				a("interval", I, "o", 30),
				a("matcher", S, "oc"),
				a("path", S, "oc"),
				a("port", S, "o", "traffic-port"),
				a("protocol", S, "o", "HTTP"),
				a("timeout", I, "oc"),
				a("unhealthy_threshold", I, "o", 3),
			)),
			list("stickiness", as(a("type", S, "r"), a("enabled", B, "o", true), a("cookie_duration", I, "o", 86400), a("cookie_name", S, "o"))),
		},
		Compute: func(c *cctx) map[string]any {
			name := c.S("name")
			if name == "" {
				name = "tf-" + c.Digits("name", 24)
			}
			suffix := "targetgroup/" + name + "/" + c.Hex("id", 16)
			tg := arn(c, "elasticloadbalancing", suffix)
			return map[string]any{
				"id": tg, "arn": tg, "arn_suffix": suffix, "name": name,
				"protocol_version": "HTTP1", "load_balancing_algorithm_type": "round_robin", "ip_address_type": "ipv4",
				"load_balancer_arns": []string{},
			}
		},
		Nested: func(c *cctx, p string) (any, bool) {
			switch p {
			case "health_check.matcher":
				return "200", true
			case "health_check.path":
				return "/", true
			case "health_check.timeout":
				return 5, true
			}
			return nil, false
		},
	},

	// --------------------------------------------------------- CloudFront
	{
		Name: "aws_cloudfront_distribution",
		Tags: true,
		Attrs: as(
			a("enabled", B, "r"),
			a("is_ipv6_enabled", B, "o"),
			a("comment", S, "o"),
			a("default_root_object", S, "o"),
			a("http_version", S, "o", "http2"),
			a("price_class", S, "o", "PriceClass_All"),
			a("aliases", SS, "o"),
			a("web_acl_id", S, "o"),
			a("retain_on_delete", B, "o", false),
			a("wait_for_deployment", B, "o", true),
			a("staging", B, "o", false),
			a("arn", S, "c"),
			a("caller_reference", S, "c"),
			a("domain_name", S, "c"),
			a("etag", S, "c"),
			a("hosted_zone_id", S, "c"),
			a("in_progress_validation_batches", I, "c"),
			a("last_modified_time", S, "c"),
			a("status", S, "c"),
			a("trusted_key_groups", listOf(obj(map[string]attr.Type{
				"enabled": B,
				"items":   listOf(obj(map[string]attr.Type{"key_group_id": S, "key_pair_ids": SS})),
			})), "c"),
			a("trusted_signers", listOf(obj(map[string]attr.Type{
				"enabled": B,
				"items":   listOf(obj(map[string]attr.Type{"aws_account_number": S, "key_pair_ids": SS})),
			})), "c"),
		),
		Blocks: []Blk{
			set("origin",
				as(
					a("domain_name", S, "r"),
					a("origin_id", S, "r"),
					a("origin_path", S, "o", ""),
					a("connection_attempts", I, "o", 3),
					a("connection_timeout", I, "o", 10),
					a("origin_access_control_id", S, "o"),
				),
				set("custom_header", as(a("name", S, "r"), a("value", S, "r"))),
				list("custom_origin_config", as(
					a("http_port", I, "r"),
					a("https_port", I, "r"),
					a("origin_protocol_policy", S, "r"),
					a("origin_ssl_protocols", SS, "r"),
					a("origin_keepalive_timeout", I, "o", 5),
					a("origin_read_timeout", I, "o", 30),
				)),
				list("s3_origin_config", as(a("origin_access_identity", S, "r"))),
				list("origin_shield", as(a("enabled", B, "r"), a("origin_shield_region", S, "o"))),
			),
			cacheBehavior(false),
			cacheBehavior(true),
			list("restrictions", nil,
				list("geo_restriction", as(a("restriction_type", S, "r"), a("locations", SS, "oc")))),
			list("viewer_certificate", as(
				a("acm_certificate_arn", S, "o"),
				a("cloudfront_default_certificate", B, "o"),
				a("iam_certificate_id", S, "o"),
				a("minimum_protocol_version", S, "o", "TLSv1"),
				a("ssl_support_method", S, "o"),
			)),
			list("logging_config", as(a("bucket", S, "r"), a("include_cookies", B, "o", false), a("prefix", S, "o", ""))),
			set("custom_error_response", as(
				a("error_code", I, "r"),
				a("error_caching_min_ttl", I, "o"),
				a("response_code", I, "o"),
				a("response_page_path", S, "o"),
			)),
		},
		Compute: func(c *cctx) map[string]any {
			id := "E" + c.Alnum("id", 13)
			empty := []map[string]any{{"enabled": false, "items": []map[string]any{}}}
			return map[string]any{
				"id": id, "arn": "arn:aws:cloudfront::" + c.Account + ":distribution/" + id,
				"caller_reference":               c.UniqueName("terraform-"),
				"domain_name":                    "d" + strings.ToLower(c.Alnum("dns", 13)) + ".cloudfront.net",
				"etag":                           "E" + c.Alnum("etag", 13),
				"hosted_zone_id":                 "Z2FDTNDATAQYW2",
				"in_progress_validation_batches": 0,
				"last_modified_time":             fixedTime,
				"status":                         "Deployed",
				"trusted_key_groups":             empty,
				"trusted_signers":                empty,
			}
		},
		Nested: func(c *cctx, p string) (any, bool) {
			switch p {
			case "default_cache_behavior.default_ttl", "ordered_cache_behavior.default_ttl":
				return 0, true
			case "default_cache_behavior.max_ttl", "ordered_cache_behavior.max_ttl":
				return 0, true
			}
			return nil, false
		},
	},

	{
		Name: "aws_cloudfront_origin_access_control",
		Attrs: as(
			a("name", S, "r"),
			a("description", S, "o", "Managed by Terraform"),
			a("origin_access_control_origin_type", S, "r"),
			a("signing_behavior", S, "r"),
			a("signing_protocol", S, "r"),
			a("etag", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			return map[string]any{"id": "E" + c.Alnum("id", 13), "etag": "E" + c.Alnum("etag", 13)}
		},
	},

	// ---------------------------------------------------------------- RDS
	{
		Name: "aws_db_instance",
		Tags: true,
		Attrs: as(
			a("identifier", S, "oc"),
			a("identifier_prefix", S, "oc"),
			a("instance_class", S, "r"),
			a("allocated_storage", I, "oc"),
			a("max_allocated_storage", I, "o"),
			a("engine", S, "oc"),
			a("engine_version", S, "oc"),
			a("engine_version_actual", S, "c"),
			a("db_name", S, "oc"),
			a("username", S, "oc"),
			a("password", S, "os"),
			a("manage_master_user_password", B, "o"),
			a("master_user_secret_kms_key_id", S, "oc"),
			a("master_user_secret", listOf(obj(map[string]attr.Type{"kms_key_id": S, "secret_arn": S, "secret_status": S})), "c"),
			a("port", I, "oc"),
			a("multi_az", B, "oc"),
			a("availability_zone", S, "oc"),
			a("db_subnet_group_name", S, "oc"),
			a("vpc_security_group_ids", SS, "oc"),
			a("publicly_accessible", B, "o", false),
			a("storage_encrypted", B, "oc"),
			a("kms_key_id", S, "oc"),
			a("storage_type", S, "oc"),
			a("iops", I, "oc"),
			a("storage_throughput", I, "oc"),
			a("backup_retention_period", I, "oc"),
			a("backup_window", S, "oc"),
			a("maintenance_window", S, "oc"),
			a("copy_tags_to_snapshot", B, "o", false),
			a("deletion_protection", B, "o"),
			a("skip_final_snapshot", B, "o", false),
			a("final_snapshot_identifier", S, "o"),
			a("delete_automated_backups", B, "o", true),
			a("auto_minor_version_upgrade", B, "o", true),
			a("apply_immediately", B, "o"),
			a("ca_cert_identifier", S, "oc"),
			a("enabled_cloudwatch_logs_exports", SS, "o"),
			a("iam_database_authentication_enabled", B, "o"),
			a("monitoring_interval", I, "o", 0),
			a("monitoring_role_arn", S, "oc"),
			a("performance_insights_enabled", B, "o", false),
			a("performance_insights_kms_key_id", S, "oc"),
			a("performance_insights_retention_period", I, "oc"),
			a("parameter_group_name", S, "oc"),
			a("option_group_name", S, "oc"),
			a("network_type", S, "oc"),
			a("license_model", S, "oc"),
			a("arn", S, "c"),
			a("address", S, "c"),
			a("endpoint", S, "c"),
			a("hosted_zone_id", S, "c"),
			a("resource_id", S, "c"),
			a("status", S, "c"),
			a("replicas", LS, "c"),
			a("latest_restorable_time", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			ident := c.S("identifier")
			if ident == "" {
				ident = c.UniqueName(orDefault(c.S("identifier_prefix"), "terraform-"))
			}
			engine := c.S("engine")
			ports := map[string]int64{"postgres": 5432, "mysql": 3306, "mariadb": 3306}
			port := c.I("port")
			if !c.Known("port") {
				port = ports[engine]
			}
			ver := orDefault(c.S("engine_version"), map[string]string{"postgres": "16.3", "mysql": "8.0.39"}[engine])
			family := map[string]string{"postgres": "postgres" + strings.Split(ver, ".")[0], "mysql": "mysql8.0"}[engine]
			addr := ident + "." + c.Alnum("addr", 12) + "." + c.Region + ".rds.amazonaws.com"
			addr = strings.ToLower(addr)
			rid := "db-" + c.Alnum("rid", 26)
			enc := c.B("storage_encrypted")
			m := map[string]any{
				"id": rid, "resource_id": rid, "identifier": ident,
				"arn":                     arn(c, "rds", "db:"+ident),
				"address":                 addr,
				"endpoint":                fmt.Sprintf("%s:%d", addr, port),
				"port":                    port,
				"hosted_zone_id":          rdsZone[c.Region],
				"status":                  "available",
				"engine_version":          ver,
				"engine_version_actual":   ver,
				"availability_zone":       c.Region + "a",
				"backup_retention_period": 1,
				"backup_window":           "03:00-03:30",
				"maintenance_window":      "sun:04:00-sun:04:30",
				"ca_cert_identifier":      "rds-ca-rsa2048-g1",
				"db_subnet_group_name":    "default",
				"parameter_group_name":    "default." + family,
				"option_group_name":       "default:" + strings.ReplaceAll(family, "postgres", "postgres-") + "",
				"network_type":            "IPV4",
				"license_model":           map[string]string{"postgres": "postgresql-license", "mysql": "general-public-license"}[engine],
				"storage_type":            "gp2",
				"multi_az":                false,
				"storage_encrypted":       false,
				"latest_restorable_time":  fixedTime,
			}
			if enc {
				m["kms_key_id"] = kmsManagedKey(c, "rds")
			}
			if c.B("manage_master_user_password") {
				m["master_user_secret"] = []map[string]any{{
					"kms_key_id":    kmsManagedKey(c, "secretsmanager"),
					"secret_arn":    arn(c, "secretsmanager", "secret:rds!db-"+c.UUID("secret")+"-"+c.Alnum("sfx", 6)),
					"secret_status": "active",
				}}
				m["master_user_secret_kms_key_id"] = kmsManagedKey(c, "secretsmanager")
			}
			if c.S("storage_type") == "gp3" {
				m["iops"], m["storage_throughput"] = 3000, 125
			}
			return m
		},
	},
	{
		Name: "aws_db_subnet_group",
		Tags: true,
		Attrs: as(
			a("name", S, "oc"),
			a("name_prefix", S, "oc"),
			a("description", S, "o", "Managed by Terraform"),
			a("subnet_ids", SS, "r"),
			a("arn", S, "c"),
			a("supported_network_types", SS, "c"),
			a("vpc_id", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			name := c.S("name")
			if name == "" {
				name = c.UniqueName(orDefault(c.S("name_prefix"), "terraform-"))
			}
			return map[string]any{
				"id": name, "name": name, "arn": arn(c, "rds", "subgrp:"+name),
				"supported_network_types": []string{"IPV4"}, "vpc_id": firstSubnetVPC(c, c.Strs("subnet_ids")),
			}
		},
	},

	// ---------------------------------------------------------- EFS / DDB
	{
		Name: "aws_efs_file_system",
		Tags: true,
		Attrs: as(
			a("creation_token", S, "oc"),
			a("encrypted", B, "oc"),
			a("kms_key_id", S, "oc"),
			a("performance_mode", S, "oc"),
			a("throughput_mode", S, "o", "bursting"),
			a("provisioned_throughput_in_mibps", F, "o"),
			a("availability_zone_name", S, "oc"),
			a("arn", S, "c"),
			a("availability_zone_id", S, "c"),
			a("dns_name", S, "c"),
			a("name", S, "c"),
			a("number_of_mount_targets", I, "c"),
			a("owner_id", S, "c"),
			a("size_in_bytes", listOf(obj(map[string]attr.Type{"value": I, "value_in_ia": I, "value_in_standard": I, "value_in_archive": I})), "c"),
		),
		Blocks: []Blk{
			list("lifecycle_policy", as(
				a("transition_to_ia", S, "o"),
				a("transition_to_primary_storage_class", S, "o"),
				a("transition_to_archive", S, "o"),
			)),
		},
		Compute: func(c *cctx) map[string]any {
			id := "fs-" + c.Hex("id", 17)
			m := map[string]any{
				"id": id, "arn": arn(c, "elasticfilesystem", "file-system/"+id),
				"dns_name":         id + ".efs." + c.Region + ".amazonaws.com",
				"creation_token":   c.UniqueName("terraform-"),
				"performance_mode": "generalPurpose",
				"name":             c.Tag("Name"),
				"owner_id":         c.Account,
				"size_in_bytes":    []map[string]any{{"value": 6144, "value_in_ia": 0, "value_in_standard": 6144, "value_in_archive": 0}},
			}
			if c.B("encrypted") {
				m["kms_key_id"] = kmsManagedKey(c, "elasticfilesystem")
			}
			return m
		},
	},
	{
		Name: "aws_dynamodb_table",
		Tags: true,
		Attrs: as(
			a("name", S, "r"),
			a("billing_mode", S, "o", "PROVISIONED"),
			a("hash_key", S, "oc"),
			a("range_key", S, "o"),
			a("read_capacity", I, "oc"),
			a("write_capacity", I, "oc"),
			a("stream_enabled", B, "o"),
			a("stream_view_type", S, "oc"),
			a("stream_arn", S, "c"),
			a("stream_label", S, "c"),
			a("table_class", S, "oc"),
			a("deletion_protection_enabled", B, "o"),
			a("arn", S, "c"),
		),
		Blocks: []Blk{
			set("attribute", as(a("name", S, "r"), a("type", S, "r"))),
			list("point_in_time_recovery", as(a("enabled", B, "r"))),
			list("server_side_encryption", as(a("enabled", B, "r"), a("kms_key_arn", S, "oc"))),
			list("ttl", as(a("attribute_name", S, "o"), a("enabled", B, "o"))),
			set("global_secondary_index", as(
				a("name", S, "r"),
				a("hash_key", S, "r"),
				a("range_key", S, "o"),
				a("projection_type", S, "r"),
				a("non_key_attributes", SS, "o"),
				a("read_capacity", I, "o"),
				a("write_capacity", I, "o"),
			)),
			set("replica", as(
				a("region_name", S, "r"),
				a("kms_key_arn", S, "oc"),
				a("point_in_time_recovery", B, "o", false),
				a("propagate_tags", B, "o", false),
				a("arn", S, "c"),
				a("stream_arn", S, "c"),
				a("stream_label", S, "c"),
			)),
		},
		Compute: func(c *cctx) map[string]any {
			name := c.S("name")
			return map[string]any{
				"id": name, "arn": arn(c, "dynamodb", "table/"+name), "table_class": "STANDARD",
			}
		},
		Nested: func(c *cctx, p string) (any, bool) {
			if p == "server_side_encryption.kms_key_arn" {
				return kmsManagedKey(c, "dynamodb"), true
			}
			return nil, false
		},
	},

	// -------------------------------------------------------------- Backup
	{
		Name: "aws_backup_vault",
		Tags: true,
		Attrs: as(
			a("name", S, "r"),
			a("kms_key_arn", S, "oc"),
			a("force_destroy", B, "o", false),
			a("arn", S, "c"),
			a("recovery_points", I, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			name := c.S("name")
			return map[string]any{
				"id": name, "arn": arn(c, "backup", "backup-vault:"+name),
				"kms_key_arn": kmsManagedKey(c, "backup"), "recovery_points": 0,
			}
		},
	},
	{
		Name: "aws_backup_plan",
		Tags: true,
		Attrs: as(
			a("name", S, "r"),
			a("arn", S, "c"),
			a("version", S, "c"),
		),
		Blocks: []Blk{
			set("rule",
				as(
					a("rule_name", S, "r"),
					a("target_vault_name", S, "r"),
					a("schedule", S, "o"),
					a("schedule_expression_timezone", S, "o", "Etc/UTC"),
					a("enable_continuous_backup", B, "o", false),
					a("start_window", I, "o", 60),
					a("completion_window", I, "o", 180),
					a("recovery_point_tags", MS, "o"),
				),
				list("lifecycle", backupLifecycle),
				set("copy_action", as(a("destination_vault_arn", S, "r")), list("lifecycle", backupLifecycle)),
			),
			set("advanced_backup_setting", as(a("backup_options", MS, "r"), a("resource_type", S, "r"))),
		},
		Compute: func(c *cctx) map[string]any {
			return map[string]any{
				"id":      c.UUID("id"),
				"arn":     arn(c, "backup", "backup-plan:"+c.S("name")),
				"version": base64.StdEncoding.EncodeToString([]byte(c.UUID("version"))),
			}
		},
	},
	{
		Name: "aws_backup_selection",
		Attrs: as(
			a("name", S, "r"),
			a("plan_id", S, "r"),
			a("iam_role_arn", S, "r"),
			a("resources", SS, "oc"),
			a("not_resources", SS, "oc"),
		),
		Blocks: []Blk{
			set("selection_tag", as(a("type", S, "r"), a("key", S, "r"), a("value", S, "r"))),
			set("condition", nil,
				set("string_equals", kv),
				set("string_like", kv),
				set("string_not_equals", kv),
				set("string_not_like", kv)),
		},
		Compute: func(c *cctx) map[string]any {
			return map[string]any{"id": c.UUID("id")}
		},
	},

	// ----------------------------------------------------------- IAM / KMS
	{
		Name: "aws_iam_role",
		Tags: true,
		Attrs: as(
			a("name", S, "oc"),
			a("name_prefix", S, "oc"),
			a("path", S, "o", "/"),
			a("description", S, "o"),
			a("assume_role_policy", S, "r"),
			a("force_detach_policies", B, "o", false),
			a("managed_policy_arns", SS, "oc"),
			a("max_session_duration", I, "o", 3600),
			a("permissions_boundary", S, "o"),
			a("arn", S, "c"),
			a("create_date", S, "c"),
			a("unique_id", S, "c"),
		),
		Blocks: []Blk{
			set("inline_policy", as(a("name", S, "o"), a("policy", S, "o"))),
		},
		Compute: func(c *cctx) map[string]any {
			name := c.S("name")
			if name == "" {
				name = c.UniqueName(orDefault(c.S("name_prefix"), "terraform-"))
			}
			return map[string]any{
				"id": name, "name": name,
				"arn":         "arn:aws:iam::" + c.Account + ":role" + orDefault(c.S("path"), "/") + name,
				"create_date": fixedTime,
				"unique_id":   "AROA" + c.Alnum("uid", 17),
			}
		},
	},
	{
		Name: "aws_iam_role_policy_attachment",
		Attrs: as(
			a("role", S, "r"),
			a("policy_arn", S, "r"),
		),
		Compute: func(c *cctx) map[string]any {
			return map[string]any{"id": c.UniqueName(c.S("role") + "-")}
		},
	},
	{
		Name: "aws_iam_account_password_policy",
		Attrs: as(
			a("allow_users_to_change_password", B, "o", true),
			a("expire_passwords", B, "c"),
			a("hard_expiry", B, "oc"),
			a("max_password_age", I, "oc"),
			a("minimum_password_length", I, "o", 6),
			a("password_reuse_prevention", I, "oc"),
			a("require_lowercase_characters", B, "oc"),
			a("require_numbers", B, "oc"),
			a("require_symbols", B, "oc"),
			a("require_uppercase_characters", B, "oc"),
		),
		Compute: func(c *cctx) map[string]any {
			return map[string]any{"id": "iam-account-password-policy", "expire_passwords": c.I("max_password_age") > 0}
		},
	},
	{
		Name: "aws_kms_key",
		Tags: true,
		Attrs: as(
			a("description", S, "oc"),
			a("key_usage", S, "o", "ENCRYPT_DECRYPT"),
			a("customer_master_key_spec", S, "o", "SYMMETRIC_DEFAULT"),
			a("custom_key_store_id", S, "o"),
			a("policy", S, "oc"),
			a("bypass_policy_lockout_safety_check", B, "o", false),
			a("deletion_window_in_days", I, "o"),
			a("is_enabled", B, "o", true),
			a("enable_key_rotation", B, "o", false),
			a("rotation_period_in_days", I, "oc"),
			a("multi_region", B, "oc"),
			a("xks_key_id", S, "o"),
			a("arn", S, "c"),
			a("key_id", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			id := c.UUID("id")
			period := 0
			if c.B("enable_key_rotation") {
				period = 365
			}
			policy := `{"Id":"key-default-1","Statement":[{"Action":"kms:*","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + c.Account + `:root"},"Resource":"*","Sid":"Enable IAM User Permissions"}],"Version":"2012-10-17"}`
			return map[string]any{
				"id": id, "key_id": id, "arn": arn(c, "kms", "key/"+id),
				"policy": policy, "rotation_period_in_days": period, "multi_region": false,
			}
		},
	},
	{
		Name: "aws_kms_alias",
		Attrs: as(
			a("name", S, "oc"),
			a("name_prefix", S, "oc"),
			a("target_key_id", S, "r"),
			a("arn", S, "c"),
			a("target_key_arn", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			name := c.S("name")
			if name == "" {
				name = c.UniqueName(orDefault(c.S("name_prefix"), "alias/terraform-"))
			}
			key := c.S("target_key_id")
			if !strings.HasPrefix(key, "arn:") {
				key = arn(c, "kms", "key/"+key)
			}
			return map[string]any{"id": name, "name": name, "arn": arn(c, "kms", name), "target_key_arn": key}
		},
	},

	// ------------------------------------------------------------- Logging
	{
		Name: "aws_cloudtrail",
		Tags: true,
		Attrs: as(
			a("name", S, "r"),
			a("s3_bucket_name", S, "r"),
			a("s3_key_prefix", S, "o"),
			a("cloud_watch_logs_group_arn", S, "o"),
			a("cloud_watch_logs_role_arn", S, "o"),
			a("enable_log_file_validation", B, "o", false),
			a("enable_logging", B, "o", true),
			a("include_global_service_events", B, "o", true),
			a("is_multi_region_trail", B, "o", false),
			a("is_organization_trail", B, "o", false),
			a("kms_key_id", S, "o"),
			a("sns_topic_name", S, "o"),
			a("arn", S, "c"),
			a("home_region", S, "c"),
			a("sns_topic_arn", S, "c"),
		),
		Blocks: []Blk{
			list("event_selector",
				as(
					a("include_management_events", B, "o", true),
					a("read_write_type", S, "o", "All"),
					a("exclude_management_event_sources", SS, "o"),
				),
				set("data_resource", as(a("type", S, "r"), a("values", LS, "r")))),
			set("insight_selector", as(a("insight_type", S, "r"))),
			list("advanced_event_selector", as(a("name", S, "o")),
				set("field_selector", as(
					a("field", S, "r"),
					a("equals", LS, "o"),
					a("not_equals", LS, "o"),
					a("starts_with", LS, "o"),
					a("not_starts_with", LS, "o"),
					a("ends_with", LS, "o"),
					a("not_ends_with", LS, "o"),
				))),
		},
		Compute: func(c *cctx) map[string]any {
			t := arn(c, "cloudtrail", "trail/"+c.S("name"))
			return map[string]any{"id": t, "arn": t, "home_region": c.Region}
		},
	},
	{
		Name: "aws_cloudwatch_log_group",
		Tags: true,
		Attrs: as(
			a("name", S, "oc"),
			a("name_prefix", S, "oc"),
			a("kms_key_id", S, "o"),
			a("log_group_class", S, "oc"),
			a("retention_in_days", I, "o", 0),
			a("skip_destroy", B, "o", false),
			a("arn", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			name := c.S("name")
			if name == "" {
				name = c.UniqueName(orDefault(c.S("name_prefix"), "terraform-"))
			}
			return map[string]any{"id": name, "name": name, "arn": arn(c, "logs", "log-group:"+name), "log_group_class": "STANDARD"}
		},
	},
}

func vpcSGRule(name string) Res {
	return Res{
		Name: name,
		Tags: true,
		Attrs: as(
			a("security_group_id", S, "r"),
			a("ip_protocol", S, "r"),
			a("cidr_ipv4", S, "o"),
			a("cidr_ipv6", S, "o"),
			a("description", S, "o"),
			a("from_port", I, "o"),
			a("to_port", I, "o"),
			a("prefix_list_id", S, "o"),
			a("referenced_security_group_id", S, "o"),
			a("arn", S, "c"),
			a("security_group_rule_id", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			id := "sgr-" + c.Hex("id", 17)
			return map[string]any{"id": id, "security_group_rule_id": id, "arn": arn(c, "ec2", "security-group-rule/"+id)}
		},
	}
}

var dataSources = []DS{
	{
		Name: "aws_caller_identity",
		Attrs: as(
			a("id", S, "c"),
			a("account_id", S, "c"),
			a("arn", S, "c"),
			a("user_id", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			return map[string]any{
				"id": c.Account, "account_id": c.Account,
				"arn":     "arn:aws:sts::" + c.Account + ":assumed-role/terraform-ci/tofu",
				"user_id": "AROA" + c.Alnum("uid", 17) + ":tofu",
			}
		},
	},
	{
		Name: "aws_region",
		Attrs: as(
			a("id", S, "c"),
			a("name", S, "oc"),
			a("endpoint", S, "oc"),
			a("description", S, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			desc := map[string]string{"eu-central-1": "Europe (Frankfurt)", "eu-west-1": "Europe (Ireland)", "us-east-1": "US East (N. Virginia)"}[c.Region]
			return map[string]any{"id": c.Region, "name": c.Region, "endpoint": "ec2." + c.Region + ".amazonaws.com", "description": desc}
		},
	},
	{
		Name: "aws_availability_zones",
		Attrs: as(
			a("id", S, "c"),
			a("state", S, "o"),
			a("all_availability_zones", B, "o"),
			a("names", LS, "c"),
			a("zone_ids", LS, "c"),
			a("group_names", SS, "c"),
		),
		Compute: func(c *cctx) map[string]any {
			names := []string{c.Region + "a", c.Region + "b", c.Region + "c"}
			ids := []string{azID(names[0]), azID(names[1]), azID(names[2])}
			return map[string]any{"id": c.Region, "names": names, "zone_ids": ids, "group_names": []string{c.Region}}
		},
	},
}
