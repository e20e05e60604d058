variable "project" {
  default = "shop"
}

locals {
  prefix      = "${var.project}-${terraform.workspace}"
  base_tags   = { project = var.project, managed_by = "terraform" }
  cycle_a     = local.cycle_b
  cycle_b     = local.cycle_a
  module_path = path.module
  root_path   = path.root
  cwd         = path.cwd
}
