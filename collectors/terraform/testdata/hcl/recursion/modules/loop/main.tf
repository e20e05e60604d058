resource "aws_s3_bucket" "inside" {
  bucket = "inside"
}

module "again" {
  source = "../loop"
}
