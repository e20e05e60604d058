variable "name" {
  type = string
}

resource "aws_db_instance" "main" {
  identifier              = var.name
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  storage_encrypted       = true
  backup_retention_period = 7
  username                = "admin"
  password                = "hunter2-literal"
}

output "arn" {
  value = aws_db_instance.main.arn
}
