# AWS Backup. Daily backups of the systems of record, copied to the DR site;
# weekly snapshots of everything tagged backup = weekly.

resource "aws_backup_vault" "primary" {
  name        = "${local.name}-primary"
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_backup_vault" "dr" {
  provider = aws.replica

  name        = "${local.name}-dr"
  kms_key_arn = aws_kms_key.dr.arn
}

resource "aws_backup_plan" "daily" {
  name = "${local.name}-daily"

  rule {
    rule_name         = "daily-0300"
    target_vault_name = aws_backup_vault.primary.name
    schedule          = "cron(0 3 * * ? *)"
    start_window      = 60
    completion_window = 240

    lifecycle {
      delete_after = 35
    }

    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn

      lifecycle {
        delete_after = 35
      }
    }

    recovery_point_tags = { plan = "daily" }
  }
}

resource "aws_backup_plan" "weekly" {
  name = "${local.name}-weekly"

  # No copy to the DR site: these systems can be rebuilt.
  rule {
    rule_name         = "weekly-sunday"
    target_vault_name = aws_backup_vault.primary.name
    schedule          = "cron(0 5 ? * SUN *)"

    lifecycle {
      delete_after = 90
    }

    recovery_point_tags = { plan = "weekly" }
  }
}

# Systems of record, selected by reference.
resource "aws_backup_selection" "daily_critical" {
  name         = "critical-data"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = aws_iam_role.backup.arn

  resources = [
    aws_db_instance.orders.arn,
    aws_efs_file_system.media.arn,
    aws_dynamodb_table.sessions.arn,
  ]
}

# Everything tagged backup = weekly (reporting-db, the app data volume).
resource "aws_backup_selection" "weekly_tagged" {
  name         = "tagged-weekly"
  plan_id      = aws_backup_plan.weekly.id
  iam_role_arn = aws_iam_role.backup.arn

  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "weekly"
  }
}
