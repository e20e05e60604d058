variable "region" {
  description = "Primary region."
  type        = string
  default     = "eu-central-1"
}

variable "dr_region" {
  description = "Disaster-recovery region (backup copies, S3 replica)."
  type        = string
  default     = "eu-west-1"
}

variable "env" {
  description = "Environment; prod.tfvars sets \"prod\"."
  type        = string
  default     = "staging"
}

variable "project" {
  type    = string
  default = "shop"
}

variable "tags" {
  description = "Tags on every resource (via default_tags)."
  type        = map(string)
  default     = {}
}

variable "vpc_cidr" {
  type    = string
  default = "10.20.0.0/16"
}

variable "azs" {
  description = "Availability zones used by subnets, app servers and volumes."
  type        = list(string)
  default     = ["eu-central-1a", "eu-central-1b"]
}

variable "bastion_ingress_cidrs" {
  description = "Who may reach the bastion on port 22."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "domain" {
  type    = string
  default = "beispiel-shop.de"
}

variable "alb_certificate_arn" {
  description = "ACM certificate of the public load balancer (eu-central-1)."
  type        = string
}

variable "cloudfront_certificate_arn" {
  description = "ACM certificate for CloudFront (must live in us-east-1)."
  type        = string
}

variable "app_ami_id" {
  type = string
}

variable "app_instance_type" {
  type    = string
  default = "t3.small"
}

variable "app_min_size" {
  description = "Minimum number of app servers."
  type        = number
  default     = 1
}

variable "db_instance_class" {
  type    = string
  default = "db.t4g.medium"
}

variable "log_retention_days" {
  description = "Retention of application logs."
  type        = number
  default     = 90
}
