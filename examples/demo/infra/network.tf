module "network" {
  source = "./modules/network"

  name                  = local.name
  cidr                  = var.vpc_cidr
  azs                   = var.azs
  bastion_ingress_cidrs = var.bastion_ingress_cidrs
}

# Public load balancer: HTTPS from anywhere, HTTP only to redirect.
resource "aws_security_group" "web" {
  name        = "${local.name}-web"
  description = "Public load balancer"
  vpc_id      = module.network.vpc_id

  ingress {
    description      = "HTTPS"
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    description      = "HTTP, redirected to HTTPS"
    from_port        = 80
    to_port          = 80
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    description = "HTTPS for the POS terminals in the stores"
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "To the app servers"
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }
}

# Internal load balancer of the back-office API.
resource "aws_security_group" "internal_lb" {
  name        = "${local.name}-internal-lb"
  description = "Internal load balancer (back-office API)"
  vpc_id      = module.network.vpc_id

  ingress {
    description = "Back-office API from inside the VPC"
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }

  egress {
    description = "To the app servers"
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }
}

resource "aws_security_group" "app" {
  name        = "${local.name}-app"
  description = "App servers"
  vpc_id      = module.network.vpc_id

  ingress {
    description     = "From the load balancers"
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.web.id, aws_security_group.internal_lb.id]
  }

  egress {
    description = "Anywhere (package mirrors, payment provider)"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# PostgreSQL: reachable from the app servers only.
resource "aws_security_group" "db" {
  name        = "${local.name}-db"
  description = "PostgreSQL (orders-db, reporting-db)"
  vpc_id      = module.network.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "db_from_app" {
  security_group_id            = aws_security_group.db.id
  description                  = "PostgreSQL from the app servers"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.app.id
}

# Windows host of the old ERP connector. The vendor logs in with RDP.
# TODO(OPS-1432): move behind the VPN, then delete this rule.
resource "aws_security_group" "legacy_admin" {
  name        = "${local.name}-legacy-admin"
  description = "ERP connector (Windows)"
  vpc_id      = module.network.vpc_id
}

resource "aws_security_group_rule" "legacy_rdp" {
  type              = "ingress"
  description       = "RDP for the ERP vendor"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.legacy_admin.id
}

# Debug access to the staging stack, which shares this account.
resource "aws_security_group" "staging_debug" {
  name        = "shop-staging-debug"
  description = "Staging debug access"
  vpc_id      = module.network.vpc_id

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = { env = "staging" }
}
