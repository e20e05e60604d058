locals {
  cidrs    = [for i in range(3) : cidrsubnet("10.0.0.0/16", 8, i)]
  settings = {}
}

resource "aws_security_group" "fn" {
  name        = format("%s-%03d", upper("web"), 7)
  description = join(", ", concat(["a"], split(",", "b,c")))
  tags = merge(
    { a = "1" },
    { b = lookup({ x = "2" }, "x", "none") },
    { c = replace("a-b-c", "/-/", "_") },
    { d = coalesce("", "d") },
    { e = jsonencode({ k = [1, 2] }) },
    { f = tostring(max(1, 5, 3)) },
    { g = substr("abcdef", 1, 3) },
    { h = trimspace("  h  ") },
    { i = cidrhost("10.0.0.0/24", -2) },
    { j = tostring(length("four")) },
  )
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = local.cidrs
  }
}

resource "aws_iam_policy" "file" {
  name   = "file"
  policy = file("${path.module}/policy.json")
}

resource "aws_iam_policy" "doc" {
  name   = "doc"
  policy = data.aws_iam_policy_document.x.json
}

resource "aws_s3_bucket" "ts" {
  bucket = "b-${formatdate("YYYY", timestamp())}"
  tags   = { created = timestamp() }
}

resource "aws_instance" "try" {
  ami           = try(local.settings.ami, "ami-fallback")
  key_name      = try(var.missing, "undeclared variables make the value unknown")
  instance_type = can(regex("^t3", "t3.micro")) ? "t3.micro" : "m5.large"
  user_data     = base64encode("x")
}

resource "aws_s3_bucket" "provider_fn" {
  bucket = provider::aws::arn_parse("arn:aws:s3:::x").resource
}

resource "aws_s3_bucket" "deep_for" {
  bucket = "deep"
  tags   = { n = length([for a in range(2) : [for b in range(2) : [for c in range(2) : c]]]) }
}
