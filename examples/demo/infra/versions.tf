terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }

  # In the real estate the state lives in S3 (bucket shop-tfstate, key
  # infra/terraform.tfstate, DynamoDB locking); the demo keeps it local.
}
