# A security group with one ingress rule per port and open egress.

resource "aws_security_group" "this" {
  name        = var.name
  description = "${var.name} (managed by tofu)"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = var.name })
}

resource "aws_security_group_rule" "ingress" {
  for_each = toset([for p in var.ports : tostring(p)])

  type              = "ingress"
  description       = "tcp/${each.key}"
  from_port         = tonumber(each.key)
  to_port           = tonumber(each.key)
  protocol          = "tcp"
  cidr_blocks       = var.cidrs
  security_group_id = aws_security_group.this.id
}

resource "aws_security_group_rule" "egress" {
  type              = "egress"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.this.id
}
