variable "name" {
  description = "Name prefix, e.g. shop-prod."
  type        = string
}

variable "cidr" {
  type = string
}

variable "azs" {
  type = list(string)
}

variable "bastion_ingress_cidrs" {
  type = list(string)
}
