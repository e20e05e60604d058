variable "azs" {
  default = ["eu-central-1a", "eu-central-1b"]
}

variable "buckets" {
  default = {
    logs = { versioning = true }
    data = { versioning = false }
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.main.id
  availability_zone = var.azs[count.index]
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
}

resource "aws_instance" "none" {
  count = 0
  ami   = "ami-12345678"
}

resource "aws_s3_bucket" "b" {
  for_each = var.buckets
  bucket   = "shop-${each.key}"
  tags     = { versioning = tostring(each.value.versioning) }
}

resource "aws_iam_user" "u" {
  for_each = toset(["alice", "bob"])
  name     = each.value
}

resource "aws_iam_user" "quoted" {
  for_each = toset(["a\"b", "x y"])
  name     = each.key
}

# The number of subnets is only known to Terraform, not statically.
resource "aws_eip" "nat" {
  count  = length(aws_subnet.private)
  domain = "vpc"
  tags   = { index = count.index }
}

resource "aws_route53_record" "by_zone" {
  for_each = data.aws_route53_zone.all.name_servers
  zone_id  = "Z1"
  name     = each.key
  type     = "NS"
  ttl      = 300
  records  = [each.value]
}

resource "aws_security_group_rule" "negative" {
  count     = -1
  type      = "ingress"
  from_port = 22
  to_port   = 22
  protocol  = "tcp"
}

resource "aws_s3_bucket" "from_list" {
  for_each = ["a", "b"]
  bucket   = each.value
}
