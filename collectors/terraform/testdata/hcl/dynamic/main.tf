variable "ingress" {
  default = [
    { port = 443, cidr = "0.0.0.0/0" },
    { port = 22, cidr = "10.0.0.0/8" },
  ]
}

locals {
  copy_targets = [aws_backup_vault.dr.arn]
}

resource "aws_backup_vault" "dr" {
  name = "dr"
}

resource "aws_security_group" "web" {
  name = "web"
  dynamic "ingress" {
    for_each = var.ingress
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = [ingress.value.cidr]
    }
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "iterator" {
  name = "iterator"
  dynamic "ingress" {
    for_each = { ssh = 22 }
    iterator = rule
    content {
      description = rule.key
      from_port   = rule.value
      to_port     = rule.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}

resource "aws_security_group" "unknown" {
  name = "unknown"
  dynamic "ingress" {
    for_each = data.aws_ip_ranges.cloudfront.cidr_blocks
    content {
      from_port   = 443
      to_port     = 443
      protocol    = "tcp"
      cidr_blocks = [ingress.value]
    }
  }
}

resource "aws_backup_plan" "copy" {
  name = "copy"
  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 5 * * ? *)"
    dynamic "copy_action" {
      for_each = local.copy_targets
      content {
        destination_vault_arn = copy_action.value
      }
    }
  }
}
