# Shop platform of Beispiel GmbH (www.beispiel-shop.de).
#
# One file per concern:
#   network.tf   VPC (modules/network), security groups
#   storage.tf   S3 buckets, EFS, DynamoDB
#   database.tf  RDS PostgreSQL
#   compute.tf   app servers (launch template, auto scaling), EBS
#   lb.tf        load balancers and listeners
#   cdn.tf       CloudFront in front of the public load balancer
#   backup.tf    AWS Backup vaults, plans and selections
#   logging.tf   CloudTrail, CloudWatch log groups
#   kms.tf       customer managed keys
#   iam.tf       account password policy, service roles
#
# Apply with:  tofu apply -var-file=prod.tfvars

locals {
  name       = "${var.project}-${var.env}" # shop-prod
  account_id = data.aws_caller_identity.current.account_id

  # Bucket names are global; policies below build ARNs from these names so
  # that they are known at plan time.
  bucket_names = {
    data    = "shop-data"
    logs    = "shop-logs"
    assets  = "shop-assets"
    exports = "shop-exports"
    audit   = "shop-audit-trail"
    replica = "shop-data-replica"
  }
}

data "aws_caller_identity" "current" {}

data "aws_region" "current" {}
