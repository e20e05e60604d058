# VPC with one public and one private subnet per availability zone, and the
# SSH bastion in the first public subnet's security group.

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = var.name }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = { Name = var.name }
}

resource "aws_subnet" "public" {
  count = length(var.azs)

  vpc_id                  = aws_vpc.this.id
  cidr_block              = cidrsubnet(var.cidr, 8, count.index)
  availability_zone       = var.azs[count.index]
  map_public_ip_on_launch = true

  tags = {
    Name = "${var.name}-public-${substr(var.azs[count.index], -1, 1)}"
    tier = "public"
  }
}

resource "aws_subnet" "private" {
  count = length(var.azs)

  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr, 8, 10 + count.index)
  availability_zone = var.azs[count.index]

  tags = {
    Name = "${var.name}-private-${substr(var.azs[count.index], -1, 1)}"
    tier = "private"
  }
}

# Jump host for the operations team. Open to the internet because the
# on-call laptops have no fixed addresses; hardened with fail2ban and MFA.
# To be replaced by SSM Session Manager (exception in the TOM until 2027-03-31).
resource "aws_security_group" "bastion" {
  name        = "${var.name}-bastion"
  description = "SSH jump host"
  vpc_id      = aws_vpc.this.id

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.bastion_ingress_cidrs
  }

  egress {
    description = "SSH into the VPC"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }

  tags = { Name = "${var.name}-bastion" }
}
