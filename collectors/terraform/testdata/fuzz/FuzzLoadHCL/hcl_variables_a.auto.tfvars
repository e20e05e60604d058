go test fuzz v1
[]byte("from_auto_a   = \"a.auto\"\nfrom_auto_b   = \"a.auto\"\nfrom_var_file = \"a.auto\"\nfrom_vars     = \"a.auto\"\n")
