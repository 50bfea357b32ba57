################################################################################
# Environment
################################################################################

variable "region" {
  description = "AWS region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "name_prefix" {
  description = "Prefix for every resource name; bucket names also get -<account id>-<region> to be globally unique."
  type        = string
  default     = "image-pipeline-"
}

variable "tags" {
  description = "Extra tags for every resource (merged into the provider's default_tags)."
  type        = map(string)
  default     = {}
}

################################################################################
# Pipeline
################################################################################

variable "log_level" {
  description = "POWERTOOLS_LOG_LEVEL for every function (DEBUG, INFO, WARN, ERROR)."
  type        = string
  default     = "INFO"
}

variable "log_retention_in_days" {
  description = "Retention of every function's log group, in days."
  type        = number
  default     = 14
}

variable "cors_allowed_origins" {
  description = "Browser origins allowed to presigned-POST to the uploads bucket. Empty: no CORS."
  type        = list(string)
  default     = []
}

variable "versioning_enabled" {
  description = "Enable object versioning on both buckets."
  type        = bool
  default     = false
}

variable "deletion_protection_enabled" {
  description = "Protect the images table from deletion."
  type        = bool
  default     = false
}
