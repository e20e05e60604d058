provider "aws" {
  region = "eu-central-1"
  default_tags {
    tags = { env = "prod" }
  }
}

provider "aws" {
  alias  = "dr"
  region = "eu-west-1"
}

resource "aws_kms_key" "main" {
  enable_key_rotation = true
}

module "app" {
  source      = "./modules/app"
  name        = "shop"
  kms_key_arn = aws_kms_key.main.arn
  providers = {
    aws         = aws
    aws.replica = aws.dr
  }
}

module "net" {
  for_each = toset(["blue", "green"])
  source   = "./modules/net"
  name     = each.key
  cidr     = "10.1.0.0/16"
}

module "counted" {
  count  = 2
  source = "./modules/net"
  name   = "c${count.index}"
  cidr   = "10.2.0.0/16"
}

module "unknown_count" {
  count  = length(data.aws_availability_zones.az.names)
  source = "./modules/net"
  name   = "u"
  cidr   = "10.3.0.0/16"
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}

module "remote" {
  source = "git::https://example.com/modules.git//net"
}

data "aws_availability_zones" "az" {}

resource "aws_sns_topic" "app_name" {
  name = module.app.name_upper
}

resource "aws_ssm_parameter" "db_arn" {
  name  = "db-arn"
  type  = "String"
  value = module.app.db_arn
}

resource "aws_ssm_parameter" "blue_vpc" {
  name  = "blue-vpc"
  type  = "String"
  value = module.net["blue"].vpc_id
}

resource "aws_ssm_parameter" "registry_vpc" {
  name  = "registry-vpc"
  type  = "String"
  value = module.vpc.vpc_id
}
