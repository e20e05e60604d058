tags = {
  company     = "Beispiel GmbH"
  cost-center = "CC-4711"
  owner       = "team-platform"
  managed-by  = "tofu"
}

domain = "beispiel-shop.de"

alb_certificate_arn        = "arn:aws:acm:eu-central-1:123456789012:certificate/6f1c2a7e-5b1d-4f0e-9a43-2c8d7e915b20"
cloudfront_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0b9e8d4c-3a2f-4c6e-8e17-5d4a3b2c1f09"

app_ami_id = "ami-0a1b2c3d4e5f67890"
