provider "aws" {
  region = "eu-central-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-west-1"
}

locals {
  hour     = 5
  schedule = "cron(0 ${local.hour} * * ? *)"
  vault    = aws_backup_vault.main.arn
}

resource "aws_kms_key" "backup" {
  enable_key_rotation = true
}

resource "aws_backup_vault" "main" {
  name        = "main"
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "daily" {
  name = "daily"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = local.schedule
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
      lifecycle {
        delete_after = 30
      }
    }
  }
}

data "aws_iam_role" "backup" {
  name = "backup"
}

resource "aws_db_instance" "db" {
  count             = 2
  identifier        = "db-${count.index}"
  storage_encrypted = true
}

resource "aws_backup_selection" "all" {
  name         = "all"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = data.aws_iam_role.backup.arn
  resources    = [for db in aws_db_instance.db : db.arn]
}

resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = local.vault
}
