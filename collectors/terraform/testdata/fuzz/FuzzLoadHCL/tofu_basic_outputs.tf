go test fuzz v1
[]byte("output \"account_id\" {\n  value = local.account_id\n}\n\noutput \"orders_endpoint\" {\n  value = aws_db_instance.orders.endpoint\n}\n\noutput \"security_group_ids\" {\n  value = { for k, m in module.net : k => m.security_group_id }\n}\n\noutput \"db_password\" {\n  value     = var.db_password\n  sensitive = true\n}\n")
