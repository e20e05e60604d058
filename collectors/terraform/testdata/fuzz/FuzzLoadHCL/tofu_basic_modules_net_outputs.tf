go test fuzz v1
[]byte("output \"security_group_id\" {\n  value = aws_security_group.this.id\n}\n")
