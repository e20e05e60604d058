# Production: tofu plan -var-file=prod.tfvars
env               = "prod"
app_instance_type = "m6i.large"
app_min_size      = 2
db_instance_class = "db.m6g.large"
