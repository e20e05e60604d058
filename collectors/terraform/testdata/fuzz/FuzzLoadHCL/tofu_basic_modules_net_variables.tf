go test fuzz v1
[]byte("variable \"name\" {\n  type = string\n}\n\nvariable \"vpc_id\" {\n  type = string\n}\n\nvariable \"ports\" {\n  type = list(number)\n}\n\nvariable \"cidrs\" {\n  type = list(string)\n}\n\nvariable \"tags\" {\n  type    = map(string)\n  default = {}\n}\n")
