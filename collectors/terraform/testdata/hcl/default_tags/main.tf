variable "region" {
  default = "eu-central-1"
}

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      env   = "prod"
      team  = "shop"
      owner = "platform"
    }
  }
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
  default_tags {
    tags = { env = "prod-us" }
  }
}

provider "aws" {
  alias  = "elsewhere"
  region = data.aws_region.current.name
}

resource "aws_kms_key" "k" {}

resource "aws_s3_bucket" "a" {
  bucket = "a"
  tags   = { owner = "bucket-team" }
}

resource "aws_s3_bucket" "b" {
  provider = aws.us
  bucket   = "b"
}

resource "aws_s3_bucket" "c" {
  provider = aws.elsewhere
  bucket   = "c"
  tags     = { x = "y" }
}

resource "aws_s3_bucket" "partly_known" {
  bucket = "p"
  tags = {
    key_arn = aws_kms_key.k.arn
    known   = "k"
  }
}

resource "aws_s3_bucket_public_access_block" "a" {
  bucket            = aws_s3_bucket.a.id
  block_public_acls = true
}

data "aws_caller_identity" "me" {}
