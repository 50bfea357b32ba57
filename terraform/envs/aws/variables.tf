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
  description = "Extra browser origins (scheme://host[:port]) allowed to presigned-POST to the uploads bucket and call the API; the web app's CloudFront origin is always allowed."
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

variable "user_pool_deletion_protection_enabled" {
  description = "Protect the Cognito user pool from deletion."
  type        = bool
  default     = false
}

################################################################################
# CDN
################################################################################

variable "price_class" {
  description = "CloudFront price class of the renditions and web distributions (PriceClass_100, PriceClass_200, PriceClass_All)."
  type        = string
  default     = "PriceClass_100"
}
