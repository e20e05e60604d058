go test fuzz v1
[]byte("resource \"aws_s3_bucket\" \"good\" {\n  bucket = \"overridden\"\n}\n")
