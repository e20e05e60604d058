output "account_id" {
  value = local.account_id
}

output "orders_endpoint" {
  value = aws_db_instance.orders.endpoint
}

output "security_group_ids" {
  value = { for k, m in module.net : k => m.security_group_id }
}

output "db_password" {
  value     = var.db_password
  sensitive = true
}
