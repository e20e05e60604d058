go test fuzz v1
[]byte("from_var_file  = \"prod.tfvars\"\nfrom_vars      = \"prod.tfvars\"\nretention_days = 90\n")
