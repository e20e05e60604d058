# Frankfurt is the primary site of the shop platform.
provider "aws" {
  region = var.region

  default_tags {
    tags = merge(var.tags, {
      env     = var.env
      project = var.project
    })
  }
}

# Ireland is the disaster-recovery site: backup copies, the replica of
# shop-data and their keys. Same account, same tags plus site = "dr".
provider "aws" {
  alias  = "replica"
  region = var.dr_region

  default_tags {
    tags = merge(var.tags, {
      env     = var.env
      project = var.project
      site    = "dr"
    })
  }
}
