from_var_file  = "prod.tfvars"
from_vars      = "prod.tfvars"
retention_days = 90
