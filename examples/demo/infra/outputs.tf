output "shop_url" {
  value = "https://www.${var.domain}"
}

output "cloudfront_domain_name" {
  value = aws_cloudfront_distribution.shop.domain_name
}

output "public_lb_dns_name" {
  value = aws_lb.public.dns_name
}

output "orders_db_endpoint" {
  value = aws_db_instance.orders.endpoint
}

output "bastion_security_group_id" {
  value = module.network.bastion_security_group_id
}
