# Fixture for the Terraform collector: small, but it exercises what the
# collector must understand in HCL, plan and state JSON — variables from
# defaults, terraform.tfvars and -var-file=prod.tfvars, locals, default_tags,
# an aliased provider, count, for_each, a local module called with for_each,
# references between resources and values that stay unknown until apply.

terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      env   = var.env
      owner = "platform"
    }
  }
}

# Disaster-recovery region: backup copies go here.
provider "aws" {
  alias  = "replica"
  region = var.replica_region

  default_tags {
    tags = {
      env   = var.env
      owner = "platform"
      role  = "dr"
    }
  }
}

locals {
  name_prefix = "shop-${var.env}"
  common_tags = merge(var.tags, { managed-by = "tofu" })
  account_id  = data.aws_caller_identity.current.account_id
}

data "aws_caller_identity" "current" {}

# ---------------------------------------------------------------- network

resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true

  tags = { Name = "${local.name_prefix}-vpc" }
}

resource "aws_subnet" "private" {
  count = length(var.azs)

  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index)
  availability_zone = var.azs[count.index]

  tags = { Name = "${local.name_prefix}-private-${count.index}" }
}

module "net" {
  source   = "./modules/net"
  for_each = var.services

  name   = "${local.name_prefix}-${each.key}"
  vpc_id = aws_vpc.main.id
  ports  = each.value.ports
  cidrs  = each.value.cidrs
  tags   = local.common_tags
}

# PostgreSQL from every service's security group: a dynamic block over the
# module instances.
resource "aws_security_group" "db" {
  name   = "${local.name_prefix}-db"
  vpc_id = aws_vpc.main.id

  dynamic "ingress" {
    for_each = module.net
    content {
      description     = "PostgreSQL from ${ingress.key}"
      from_port       = 5432
      to_port         = 5432
      protocol        = "tcp"
      security_groups = [ingress.value.security_group_id]
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

# ---------------------------------------------------------------- storage

resource "aws_kms_key" "data" {
  description         = "Data at rest (${local.name_prefix})"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "this" {
  for_each = toset(var.buckets)

  bucket = "${local.name_prefix}-${each.key}"
  tags   = merge(local.common_tags, { purpose = each.key })
}

# Only the data bucket gets a customer managed key.
resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.this["data"].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_ebs_volume" "scratch" {
  count = 2

  availability_zone = var.azs[count.index]
  size              = 20
  type              = "gp3"
  encrypted         = count.index == 0 # the second one is the unencrypted legacy volume

  tags = { Name = "${local.name_prefix}-scratch-${count.index}" }
}

resource "aws_db_instance" "orders" {
  identifier              = "${local.name_prefix}-orders"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = var.db_instance_class
  allocated_storage       = 20
  username                = "orders"
  password                = var.db_password
  storage_encrypted       = true
  kms_key_id              = aws_kms_key.data.arn
  backup_retention_period = 7
  multi_az                = var.env == "prod"
  skip_final_snapshot     = true
  vpc_security_group_ids  = [aws_security_group.db.id]
}

# ----------------------------------------------------------------- backup

resource "aws_backup_vault" "primary" {
  name        = "${local.name_prefix}-primary"
  kms_key_arn = aws_kms_key.data.arn
}

resource "aws_backup_vault" "replica" {
  provider = aws.replica
  name     = "${local.name_prefix}-replica"
}

resource "aws_iam_role" "backup" {
  name = "${local.name_prefix}-backup"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "backup.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_backup_plan" "daily" {
  name = "${local.name_prefix}-daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.primary.name
    schedule          = "cron(0 3 * * ? *)"

    lifecycle {
      delete_after = var.backup_retention_days
    }

    copy_action {
      destination_vault_arn = aws_backup_vault.replica.arn # unknown until apply

      lifecycle {
        delete_after = 90
      }
    }
  }
}

resource "aws_backup_selection" "orders" {
  name         = "orders"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = aws_iam_role.backup.arn
  resources = [
    aws_db_instance.orders.arn,
    aws_s3_bucket.this["data"].arn,
  ]
}
