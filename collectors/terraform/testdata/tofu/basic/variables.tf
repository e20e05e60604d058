variable "region" {
  description = "Primary AWS region."
  type        = string
  default     = "eu-central-1"
}

variable "replica_region" {
  description = "Region of the backup copies."
  type        = string
  default     = "eu-west-1"
}

variable "env" {
  description = "Environment name; prod.tfvars sets \"prod\"."
  type        = string
  default     = "dev"
}

variable "vpc_cidr" {
  type    = string
  default = "10.10.0.0/16"
}

variable "azs" {
  description = "Availability zones of the private subnets."
  type        = list(string)
  default     = ["eu-central-1a", "eu-central-1b"]
}

variable "buckets" {
  description = "Bucket name suffixes."
  type        = list(string)
  default     = ["data"]
}

variable "tags" {
  description = "Tags added to every resource that takes common_tags."
  type        = map(string)
  default     = {}
}

variable "services" {
  description = "Security groups to create through modules/net, by service."
  type = map(object({
    ports = list(number)
    cidrs = list(string)
  }))
  default = {}
}

variable "db_instance_class" {
  type    = string
  default = "db.t4g.micro"
}

variable "db_password" {
  description = "Master password of the orders database."
  type        = string
  sensitive   = true
}

variable "backup_retention_days" {
  type    = number
  default = 14
}
