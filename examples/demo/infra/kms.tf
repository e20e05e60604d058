# Customer managed keys. Rotation is yearly (AWS default period of 365 days).

resource "aws_kms_key" "data" {
  description             = "Personal data at rest: shop-data, orders-db, EBS, EFS, DynamoDB"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "data" {
  name          = "alias/shop-data"
  target_key_id = aws_kms_key.data.key_id
}

resource "aws_kms_key" "backup" {
  description             = "AWS Backup vault ${local.name}-primary"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "backup" {
  name          = "alias/shop-backup"
  target_key_id = aws_kms_key.backup.key_id
}

# CloudTrail and CloudWatch Logs need a key policy that lets the services in.
resource "aws_kms_key" "logs" {
  description             = "CloudTrail and CloudWatch Logs"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableIAMUserPermissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AllowCloudTrailEncrypt"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = ["kms:GenerateDataKey*", "kms:DescribeKey"]
        Resource  = "*"
      },
      {
        Sid       = "AllowCloudWatchLogs"
        Effect    = "Allow"
        Principal = { Service = "logs.${var.region}.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
      },
    ]
  })
}

resource "aws_kms_alias" "logs" {
  name          = "alias/shop-logs"
  target_key_id = aws_kms_key.logs.key_id
}

# DR site: backup copies and the shop-data replica.
resource "aws_kms_key" "dr" {
  provider = aws.replica

  description             = "DR site: backup copies and shop-data-replica"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "dr" {
  provider = aws.replica

  name          = "alias/shop-dr"
  target_key_id = aws_kms_key.dr.key_id
}

# Key the nightly export job uses to encrypt the files it hands to the
# logistics partner (client side, before the upload to shop-exports).
# Created by hand in 2021 and imported; rotation was never switched on (OPS-1519).
resource "aws_kms_key" "partner_exports" {
  description             = "Partner exports (legacy)"
  deletion_window_in_days = 30
}
