################################################################################
# Table
################################################################################

variable "name" {
  description = "Name of the images table (one item per image, keyed by imageId)."
  type        = string
}

variable "point_in_time_recovery_enabled" {
  description = "Keep continuous backups so the table can be restored to any second of the last 35 days."
  type        = bool
  default     = true
}

variable "deletion_protection_enabled" {
  description = "Refuse DeleteTable on every table while set: a destroy fails until it is turned off (make destroy turns it off first). On by default; throwaway stacks (envs/local) turn it off."
  type        = bool
  default     = true
}
