variable "region" {
  type    = string
  default = "us-east-1"
}

variable "retention_days" {
  type    = number
  default = 7
}

variable "env" {
  default = "dev"
}

variable "from_auto_a" {
  default = "default"
}

variable "from_auto_b" {
  default = "default"
}

variable "from_var_file" {
  default = "default"
}

variable "from_vars" {
  default = "default"
}

variable "no_value" {
  type = string
}

variable "subnets" {
  type = list(object({
    cidr = string
    public = optional(bool, false)
  }))
  default = [{ cidr = "10.0.1.0/24" }, { cidr = "10.0.2.0/24", public = true }]
}

variable "count_as_string" {
  type    = number
  default = "3"
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/${var.env}"
  retention_in_days = var.retention_days
  kms_key_id        = var.no_value
  tags = {
    env         = var.env
    auto_a      = var.from_auto_a
    auto_b      = var.from_auto_b
    var_file    = var.from_var_file
    vars        = var.from_vars
    region      = var.region
  }
}

resource "aws_subnet" "all" {
  count                   = length(var.subnets)
  vpc_id                  = "vpc-123"
  cidr_block              = var.subnets[count.index].cidr
  map_public_ip_on_launch = var.subnets[count.index].public
}

resource "aws_backup_plan" "n" {
  name = "n-${var.count_as_string}"
  rule {
    rule_name         = "daily"
    target_vault_name = "v"
    schedule          = "cron(0 5 * * ? *)"
    lifecycle {
      delete_after = var.count_as_string * 10
    }
  }
}
