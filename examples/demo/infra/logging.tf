# ---------------------------------------------------------------- CloudTrail
# One multi-region trail for the account: management events everywhere plus
# object-level events on shop-data. Log file validation makes tampering
# detectable; the bucket has object lock.

resource "aws_s3_bucket" "audit" {
  bucket              = local.bucket_names.audit
  object_lock_enabled = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "audit" {
  bucket = aws_s3_bucket.audit.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.logs.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "audit" {
  bucket = aws_s3_bucket.audit.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "audit" {
  bucket = aws_s3_bucket.audit.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AWSCloudTrailAclCheck"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = "arn:aws:s3:::${local.bucket_names.audit}"
      },
      {
        Sid       = "AWSCloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "arn:aws:s3:::${local.bucket_names.audit}/cloudtrail/AWSLogs/${local.account_id}/*"
        Condition = { StringEquals = { "s3:x-amz-acl" = "bucket-owner-full-control" } }
      },
    ]
  })
}

resource "aws_cloudwatch_log_group" "cloudtrail" {
  name              = "/aws/cloudtrail/${local.name}"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudtrail" "main" {
  depends_on = [aws_s3_bucket_policy.audit]

  name                          = "${local.name}-trail"
  s3_bucket_name                = aws_s3_bucket.audit.id
  s3_key_prefix                 = "cloudtrail"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.logs.arn

  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.cloudtrail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.cloudtrail_logs.arn

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3:::${local.bucket_names.data}/"]
    }
  }
}

# --------------------------------------------------------- application logs

resource "aws_cloudwatch_log_group" "app" {
  name              = "/${var.project}/${var.env}/app"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudwatch_log_group" "checkout" {
  name              = "/${var.project}/${var.env}/checkout"
  retention_in_days = 365 # payment disputes can come up to a year later
  kms_key_id        = aws_kms_key.logs.arn
}

# Verbose logs switched on during the checkout incident in 2025; short
# retention to keep the cost down.
resource "aws_cloudwatch_log_group" "debug" {
  name              = "/${var.project}/${var.env}/debug"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "staging_app" {
  name              = "/${var.project}/staging/app"
  retention_in_days = 7

  tags = { env = "staging" }
}
