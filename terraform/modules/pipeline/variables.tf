################################################################################
# Pipeline
################################################################################

variable "name_prefix" {
  description = "Prefix for every resource name (topic <prefix>image-events, function and queue <prefix><function>, table <prefix>images, buckets <prefix>uploads<suffix>)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9-]{0,24}$", var.name_prefix))
    error_message = "name_prefix must be at most 24 lowercase letters, digits or hyphens (it ends up in bucket names)."
  }
}

variable "bucket_suffix" {
  description = "Appended to bucket names to make them globally unique on AWS (for example -<account id>-<region>). Empty locally."
  type        = string
  default     = ""
}

variable "functions_dir" {
  description = "Directory holding functions/<name>/function.json and the prebuilt functions/<name>/dist/<name>.zip. Every function.json found becomes a function."
  type        = string
}

################################################################################
# Storage
################################################################################

variable "force_destroy" {
  description = "Let destroy empty the buckets. For throwaway environments."
  type        = bool
  default     = false
}

variable "versioning_enabled" {
  description = "Enable object versioning on both buckets."
  type        = bool
  default     = false
}

variable "cors_allowed_origins" {
  description = "Browser origins allowed to presigned-POST to the uploads bucket. Empty: no CORS."
  type        = list(string)
  default     = []
}

################################################################################
# Messaging
################################################################################

variable "redrive_allow_policy_enabled" {
  description = "Restrict each DLQ to its own source queue. Off only against moto, which does not store RedriveAllowPolicy."
  type        = bool
  default     = true
}

################################################################################
# Table
################################################################################

variable "point_in_time_recovery_enabled" {
  description = "Continuous backups (35 days) for the images table."
  type        = bool
  default     = true
}

variable "deletion_protection_enabled" {
  description = "Protect the images table from deletion."
  type        = bool
  default     = false
}

################################################################################
# Functions
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

variable "event_source_mapping_enabled" {
  description = "Whether Lambda polls the queues. False locally, where the local runtime plays the Lambda service."
  type        = bool
  default     = true
}
