variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "ports" {
  type = list(number)
}

variable "cidrs" {
  type = list(string)
}

variable "tags" {
  type    = map(string)
  default = {}
}
