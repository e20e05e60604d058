go test fuzz v1
[]byte("module \"loop\" {\n  source = \"./modules/loop\"\n}\n")
