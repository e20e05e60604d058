go test fuzz v1
[]byte("retention_days = 1\n")
