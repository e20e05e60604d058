variable "db_password" {
  type      = string
  sensitive = true
  default   = "s3cr3t-default"
}

variable "api_token" {
  type = string
}

variable "plain" {
  default = "plain-value"
}

resource "aws_db_instance" "db" {
  identifier        = "db"
  username          = "admin"
  password          = var.db_password
  storage_encrypted = true
  tags = {
    secret_tag = var.db_password
    plain      = var.plain
  }
}

resource "aws_ssm_parameter" "token" {
  name  = "token"
  type  = "SecureString"
  value = "literal-secret"
}

resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  environment {
    variables = {
      TOKEN   = var.api_token
      DERIVED = "Bearer ${var.db_password}"
      PLAIN   = var.plain
    }
  }
}

resource "aws_secretsmanager_secret_version" "v" {
  secret_id     = "x"
  secret_string = jsonencode({ pw = var.db_password })
}

resource "aws_iam_user" "by_secret" {
  for_each = toset([var.db_password])
  name     = each.value
}
