go test fuzz v1
[]byte("env         = \"staging\"\nfrom_auto_a = \"tfvars\"\nfrom_auto_b = \"tfvars\"\nfrom_var_file = \"tfvars\"\nfrom_vars   = \"tfvars\"\nundeclared  = \"ignored\"\n")
