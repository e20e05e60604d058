resource "aws_s3_bucket" "bad" {
  bucket = "bad"

resource "aws_s3_bucket" "lost" {
  bucket = "lost"
}
