# Passed as -var-file=prod.tfvars; overrides terraform.tfvars.
env                   = "prod"
db_instance_class     = "db.m6g.large"
backup_retention_days = 35
