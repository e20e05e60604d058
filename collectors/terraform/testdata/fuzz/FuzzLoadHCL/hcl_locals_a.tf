go test fuzz v1
[]byte("variable \"project\" {\n  default = \"shop\"\n}\n\nlocals {\n  prefix      = \"${var.project}-${terraform.workspace}\"\n  base_tags   = { project = var.project, managed_by = \"terraform\" }\n  cycle_a     = local.cycle_b\n  cycle_b     = local.cycle_a\n  module_path = path.module\n  root_path   = path.root\n  cwd         = path.cwd\n}\n")
