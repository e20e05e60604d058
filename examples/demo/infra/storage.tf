# ----------------------------------------------------------------- shop-data
# Customer data (uploads, invoices as PDF). SSE-KMS with the data key,
# versioned, replicated to the DR site, TLS enforced by the bucket policy.

resource "aws_s3_bucket" "shop_data" {
  bucket = local.bucket_names.data

  tags = { data-class = "personal" }
}

resource "aws_s3_bucket_versioning" "shop_data" {
  bucket = aws_s3_bucket.shop_data.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "shop_data" {
  bucket = aws_s3_bucket.shop_data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "shop_data" {
  bucket = aws_s3_bucket.shop_data.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "shop_data" {
  bucket = aws_s3_bucket.shop_data.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource = [
        "arn:aws:s3:::${local.bucket_names.data}",
        "arn:aws:s3:::${local.bucket_names.data}/*",
      ]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# Replica at the DR site (eu-west-1).
resource "aws_s3_bucket" "shop_data_replica" {
  provider = aws.replica

  bucket = local.bucket_names.replica

  tags = { data-class = "personal" }
}

resource "aws_s3_bucket_versioning" "shop_data_replica" {
  provider = aws.replica

  bucket = aws_s3_bucket.shop_data_replica.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "shop_data_replica" {
  provider = aws.replica

  bucket = aws_s3_bucket.shop_data_replica.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.dr.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_replication_configuration" "shop_data" {
  # Replication needs versioning on both sides first.
  depends_on = [aws_s3_bucket_versioning.shop_data, aws_s3_bucket_versioning.shop_data_replica]

  bucket = aws_s3_bucket.shop_data.id
  role   = aws_iam_role.s3_replication.arn

  rule {
    id     = "dr-copy"
    status = "Enabled"

    filter {}

    delete_marker_replication {
      status = "Enabled"
    }

    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }

    destination {
      bucket        = aws_s3_bucket.shop_data_replica.arn
      storage_class = "STANDARD_IA"

      encryption_configuration {
        replica_kms_key_id = aws_kms_key.dr.arn
      }
    }
  }
}

# ----------------------------------------------------------------- shop-logs
# Load balancer and CloudFront access logs. ALB log delivery only supports
# SSE-S3, hence AES256 instead of the data key.

resource "aws_s3_bucket" "shop_logs" {
  bucket = local.bucket_names.logs
}

resource "aws_s3_bucket_server_side_encryption_configuration" "shop_logs" {
  bucket = aws_s3_bucket.shop_logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "shop_logs" {
  bucket = aws_s3_bucket.shop_logs.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# --------------------------------------------------------------- shop-assets
# Product images, CSS and JS; served only through CloudFront.

resource "aws_s3_bucket" "shop_assets" {
  bucket = local.bucket_names.assets
}

resource "aws_s3_bucket_server_side_encryption_configuration" "shop_assets" {
  bucket = aws_s3_bucket.shop_assets.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "shop_assets" {
  bucket = aws_s3_bucket.shop_assets.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# -------------------------------------------------------------- shop-exports
# Nightly order exports for the logistics partner (SFTP pick-up).
# TODO(OPS-1519): no default encryption and no TLS-only policy yet; the export
# job encrypts the files client-side with the partner_exports key.

resource "aws_s3_bucket" "shop_exports" {
  bucket = local.bucket_names.exports

  tags = { data-class = "personal" }
}

# ------------------------------------------------------------------- EFS
# Shared media directory of the app servers (generated invoices, thumbnails).

resource "aws_efs_file_system" "media" {
  creation_token   = "${local.name}-media"
  encrypted        = true
  kms_key_id       = aws_kms_key.data.arn
  performance_mode = "generalPurpose"
  throughput_mode  = "elastic"

  lifecycle_policy {
    transition_to_ia = "AFTER_30_DAYS"
  }

  tags = { Name = "${local.name}-media" }
}

# -------------------------------------------------------------- DynamoDB
# Shop sessions and carts.

resource "aws_dynamodb_table" "sessions" {
  name                        = "${local.name}-sessions"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "session_id"
  deletion_protection_enabled = true

  attribute {
    name = "session_id"
    type = "S"
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }
}
