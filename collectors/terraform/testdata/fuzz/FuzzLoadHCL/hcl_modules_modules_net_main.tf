go test fuzz v1
[]byte("variable \"name\" {\n  type = string\n}\n\nvariable \"cidr\" {\n  type = string\n}\n\nresource \"aws_vpc\" \"this\" {\n  cidr_block = var.cidr\n  tags       = { Name = var.name }\n}\n\nresource \"aws_subnet\" \"a\" {\n  vpc_id     = aws_vpc.this.id\n  cidr_block = cidrsubnet(var.cidr, 8, 1)\n}\n\noutput \"vpc_id\" {\n  value = aws_vpc.this.id\n}\n")
