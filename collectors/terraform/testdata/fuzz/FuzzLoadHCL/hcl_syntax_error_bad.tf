go test fuzz v1
[]byte("resource \"aws_s3_bucket\" \"bad\" {\n  bucket = \"bad\"\n\nresource \"aws_s3_bucket\" \"lost\" {\n  bucket = \"lost\"\n}\n")
