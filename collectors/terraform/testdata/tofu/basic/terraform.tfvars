buckets = ["data", "logs"]

tags = {
  team        = "shop"
  cost-center = "4711"
}

services = {
  web = {
    ports = [443]
    cidrs = ["0.0.0.0/0"]
  }
  admin = {
    ports = [22, 3389]
    cidrs = ["10.0.0.0/8"]
  }
}

# Test fixture only: not a real credential.
db_password = "fixture-only-not-a-secret"

backup_retention_days = 21
