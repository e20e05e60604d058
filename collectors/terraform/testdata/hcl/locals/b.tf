# Locals used before they are declared (a.tf), in any order across files.
locals {
  bucket_name = "${local.prefix}-data"
  tags        = merge(local.base_tags, { Name = local.bucket_name })
}

resource "aws_s3_bucket" "data" {
  bucket = local.bucket_name
  tags   = local.tags
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_ssm_parameter" "cycle" {
  name  = local.cycle_a
  type  = "String"
  value = "${local.module_path}|${local.root_path}|${local.cwd}"
}
