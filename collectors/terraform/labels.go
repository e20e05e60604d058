package terraform

import (
	"strings"

	"github.com/tomcheck/tomcheck/evidence"
)

// untaggable lists the resource types that cannot carry tags in the AWS
// provider v5 (no tags argument in their schema), so a label selector must
// let their records through: an account password policy or a bucket's
// encryption configuration belongs to whatever its scope is, not to a tag.
// Keep it sorted; a type missing here only means its records need tags to
// pass a label selector.
func untaggable(typ string) bool {
	switch typ {
	case "aws_account_alternate_contact",
		"aws_acm_certificate_validation",
		"aws_api_gateway_deployment",
		"aws_api_gateway_integration",
		"aws_api_gateway_method",
		"aws_api_gateway_method_settings",
		"aws_api_gateway_resource",
		"aws_autoscaling_attachment",
		"aws_autoscaling_policy",
		"aws_backup_global_settings",
		"aws_backup_region_settings",
		"aws_backup_selection",
		"aws_backup_vault_lock_configuration",
		"aws_backup_vault_notifications",
		"aws_backup_vault_policy",
		"aws_cloudfront_cache_policy",
		"aws_cloudfront_function",
		"aws_cloudfront_origin_access_control",
		"aws_cloudfront_origin_access_identity",
		"aws_cloudfront_origin_request_policy",
		"aws_cloudfront_response_headers_policy",
		"aws_cloudwatch_event_target",
		"aws_cloudwatch_log_data_protection_policy",
		"aws_cloudwatch_log_destination_policy",
		"aws_cloudwatch_log_metric_filter",
		"aws_cloudwatch_log_resource_policy",
		"aws_cloudwatch_log_stream",
		"aws_cloudwatch_log_subscription_filter",
		"aws_config_configuration_recorder",
		"aws_config_configuration_recorder_status",
		"aws_config_delivery_channel",
		"aws_db_instance_role_association",
		"aws_ebs_default_kms_key",
		"aws_ebs_encryption_by_default",
		"aws_ebs_snapshot_block_public_access",
		"aws_ec2_image_block_public_access",
		"aws_ec2_serial_console_access",
		"aws_ecr_lifecycle_policy",
		"aws_ecr_registry_scanning_configuration",
		"aws_ecr_replication_configuration",
		"aws_ecr_repository_policy",
		"aws_ecs_cluster_capacity_providers",
		"aws_efs_backup_policy",
		"aws_efs_file_system_policy",
		"aws_efs_mount_target",
		"aws_efs_replication_configuration",
		"aws_elasticache_user_group_association",
		"aws_elasticsearch_domain_policy",
		"aws_guardduty_detector_feature",
		"aws_guardduty_organization_configuration",
		"aws_iam_access_key",
		"aws_iam_account_alias",
		"aws_iam_account_password_policy",
		"aws_iam_group",
		"aws_iam_group_membership",
		"aws_iam_group_policy",
		"aws_iam_group_policy_attachment",
		"aws_iam_policy_attachment",
		"aws_iam_role_policy",
		"aws_iam_role_policy_attachment",
		"aws_iam_role_policy_attachments_exclusive",
		"aws_iam_security_token_service_preferences",
		"aws_iam_service_specific_credential",
		"aws_iam_signing_certificate",
		"aws_iam_user_group_membership",
		"aws_iam_user_login_profile",
		"aws_iam_user_policy",
		"aws_iam_user_policy_attachment",
		"aws_iam_user_ssh_key",
		"aws_inspector2_enabler",
		"aws_inspector2_organization_configuration",
		"aws_internet_gateway_attachment",
		"aws_kms_alias",
		"aws_kms_ciphertext",
		"aws_kms_grant",
		"aws_kms_key_policy",
		"aws_lambda_alias",
		"aws_lambda_permission",
		"aws_lb_listener_certificate",
		"aws_lb_target_group_attachment",
		"aws_macie2_account",
		"aws_main_route_table_association",
		"aws_network_acl_association",
		"aws_network_acl_rule",
		"aws_network_interface_sg_attachment",
		"aws_opensearch_domain_policy",
		"aws_organizations_policy_attachment",
		"aws_rds_cluster_role_association",
		"aws_route",
		"aws_route53_query_log",
		"aws_route53_record",
		"aws_route53_zone_association",
		"aws_route_table_association",
		"aws_s3_account_public_access_block",
		"aws_s3_bucket_accelerate_configuration",
		"aws_s3_bucket_acl",
		"aws_s3_bucket_analytics_configuration",
		"aws_s3_bucket_cors_configuration",
		"aws_s3_bucket_intelligent_tiering_configuration",
		"aws_s3_bucket_inventory",
		"aws_s3_bucket_lifecycle_configuration",
		"aws_s3_bucket_logging",
		"aws_s3_bucket_metric",
		"aws_s3_bucket_notification",
		"aws_s3_bucket_object_lock_configuration",
		"aws_s3_bucket_ownership_controls",
		"aws_s3_bucket_policy",
		"aws_s3_bucket_public_access_block",
		"aws_s3_bucket_replication_configuration",
		"aws_s3_bucket_request_payment_configuration",
		"aws_s3_bucket_server_side_encryption_configuration",
		"aws_s3_bucket_versioning",
		"aws_s3_bucket_website_configuration",
		"aws_secretsmanager_secret_policy",
		"aws_secretsmanager_secret_rotation",
		"aws_secretsmanager_secret_version",
		"aws_security_group_rule",
		"aws_securityhub_account",
		"aws_securityhub_product_subscription",
		"aws_securityhub_standards_subscription",
		"aws_ses_domain_dkim",
		"aws_ses_domain_identity",
		"aws_sns_topic_data_protection_policy",
		"aws_sns_topic_policy",
		"aws_sns_topic_subscription",
		"aws_sqs_queue_policy",
		"aws_volume_attachment",
		"aws_vpc_endpoint_route_table_association",
		"aws_vpc_endpoint_subnet_association",
		"aws_vpn_gateway_attachment",
		"aws_wafv2_web_acl_association",
		"aws_wafv2_web_acl_logging_configuration":
		return true
	}
	return false
}

// untaggableProvider reports the providers none of whose resources carry tags or labels.
func untaggableProvider(name string) bool {
	switch name {
	case "archive", "local", "null", "random", "template", "terraform", "time", "tls":
		return true
	}
	return false
}

// Labelable reports whether the resource type can carry labels (tags): data
// sources and the types of the untaggable table cannot, so their records
// pass every label selector.
func Labelable(mode, typ string) bool {
	if mode == ModeData {
		return false
	}
	if untaggable(typ) {
		return false
	}
	prefix, _, _ := strings.Cut(typ, "_")
	return !untaggableProvider(prefix)
}

// Labelable reports whether the record's resource type can carry tags; it
// implements collectors.Labeler.
func (c *Collector) Labelable(r evidence.Record) bool {
	if r.Kind != Kind {
		return false
	}
	mode, _ := r.Data["mode"].(string)
	typ, _ := r.Data["type"].(string)
	return Labelable(mode, typ)
}

// labelsOf returns the labels of an instance: tags_all when known, else
// tags merged over the provider's default_tags; string values only, never
// sensitive ones; nil when none.
func labelsOf(in *Instance) map[string]string {
	if !Labelable(in.Mode, in.Type) {
		return nil
	}
	if all, ok := in.Values["tags_all"].(map[string]any); ok && !isUnknownAt(in.Unknown, "tags_all") {
		return stringMap(all)
	}
	out := map[string]string{}
	for k, v := range in.DefaultTags {
		out[k] = v
	}
	if tags, ok := in.Values["tags"].(map[string]any); ok {
		for k, v := range stringMap(tags) {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// isUnknownAt reports whether any part of the top-level attribute name is
// unknown.
func isUnknownAt(unknown map[string]any, name string) bool {
	u, ok := unknown[name]
	if !ok {
		return false
	}
	return anyTrue(u)
}

func anyTrue(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case []any:
		for _, e := range x {
			if anyTrue(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range x {
			if anyTrue(e) {
				return true
			}
		}
	}
	return false
}

// stringMap keeps the string values of m that are not sensitive.
func stringMap(m map[string]any) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if s, ok := v.(string); ok && s != sensitiveValue {
			out[k] = s
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
