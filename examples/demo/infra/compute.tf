# New EBS volumes in this region are encrypted, whatever the API call says.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_launch_template" "app" {
  name          = "${local.name}-app"
  description   = "Shop app server (Java, port 8080)"
  image_id      = var.app_ami_id
  instance_type = var.app_instance_type

  vpc_security_group_ids = [aws_security_group.app.id]
  update_default_version = true

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = 30
      volume_type           = "gp3"
      encrypted             = "true"
      kms_key_id            = aws_kms_key.data.arn
      delete_on_termination = "true"
    }
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required" # IMDSv2 only
    http_put_response_hop_limit = 1
  }

  monitoring {
    enabled = true
  }

  tag_specifications {
    resource_type = "instance"
    tags          = { Name = "${local.name}-app" }
  }
}

# Two app servers at least, one per availability zone.
resource "aws_autoscaling_group" "app" {
  name                = "${local.name}-app"
  vpc_zone_identifier = module.network.private_subnet_ids
  min_size            = var.app_min_size
  max_size            = 6
  desired_capacity    = var.app_min_size

  health_check_type         = "ELB"
  health_check_grace_period = 120
  target_group_arns         = [aws_lb_target_group.app.arn, aws_lb_target_group.internal_api.arn]

  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }

  instance_refresh {
    strategy = "Rolling"

    preferences {
      min_healthy_percentage = 50
    }
  }

  tag {
    key                 = "Name"
    value               = "${local.name}-app"
    propagate_at_launch = true
  }

  tag {
    key                 = "env"
    value               = var.env
    propagate_at_launch = true
  }
}

# Data volume of the app server in zone a: search index and import spool.
resource "aws_ebs_volume" "app_data" {
  availability_zone = var.azs[0]
  size              = 100
  type              = "gp3"
  encrypted         = true
  kms_key_id        = aws_kms_key.data.arn

  tags = {
    Name   = "${local.name}-app-data"
    backup = "weekly"
  }
}

# Scratch volume of the ERP connector host, created in 2019 before default
# encryption was switched on. TODO(OPS-1432): snapshot, copy encrypted, swap.
resource "aws_ebs_volume" "erp_scratch" {
  availability_zone = var.azs[1]
  size              = 500
  type              = "gp2"
  encrypted         = false

  tags = { Name = "erp-connector-scratch" }
}

# Staging reporting volume (staging shares this account).
resource "aws_ebs_volume" "staging_reporting" {
  availability_zone = var.azs[0]
  size              = 50
  type              = "gp3"
  encrypted         = false

  tags = {
    Name = "shop-staging-reporting"
    env  = "staging"
  }
}
