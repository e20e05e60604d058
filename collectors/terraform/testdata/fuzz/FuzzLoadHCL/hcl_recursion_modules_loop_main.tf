go test fuzz v1
[]byte("resource \"aws_s3_bucket\" \"inside\" {\n  bucket = \"inside\"\n}\n\nmodule \"again\" {\n  source = \"../loop\"\n}\n")
