resource "aws_db_subnet_group" "main" {
  name        = "${local.name}-db"
  description = "Private subnets of ${local.name}"
  subnet_ids  = module.network.private_subnet_ids
}

# Orders and customer accounts: the shop's system of record.
resource "aws_db_instance" "orders" {
  identifier     = "orders-db"
  engine         = "postgres"
  engine_version = "16.3"
  instance_class = var.db_instance_class

  allocated_storage     = 100
  max_allocated_storage = 500
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.data.arn

  db_name                     = "orders"
  username                    = "orders_admin"
  manage_master_user_password = true # password lives in Secrets Manager

  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false
  multi_az               = true

  backup_retention_period   = 7
  backup_window             = "01:00-01:30"
  maintenance_window        = "sun:02:00-sun:03:00"
  copy_tags_to_snapshot     = true
  deletion_protection       = true
  final_snapshot_identifier = "orders-db-final"

  enabled_cloudwatch_logs_exports = ["postgresql"]
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.data.arn

  tags = { data-class = "personal" }
}

# Reporting copy, rebuilt every night from orders-db. Single-AZ to save cost
# and only one day of automated backups; AWS Backup takes a weekly snapshot
# through the "backup = weekly" tag.
resource "aws_db_instance" "reporting" {
  identifier     = "reporting-db"
  engine         = "postgres"
  engine_version = "16.3"
  instance_class = "db.t4g.large"

  allocated_storage = 100
  storage_type      = "gp3"
  storage_encrypted = true # AWS managed key aws/rds

  db_name                     = "reporting"
  username                    = "reporting_admin"
  manage_master_user_password = true

  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false
  multi_az               = false

  backup_retention_period = 1
  skip_final_snapshot     = true

  tags = {
    data-class = "personal"
    backup     = "weekly"
  }
}
