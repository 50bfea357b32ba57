################################################################################
# Buckets
################################################################################

variable "uploads_bucket_name" {
  description = "Name of the private bucket that receives originals (keys uploads/<owner>/<imageId>.<ext>). Must be globally unique on AWS."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.uploads_bucket_name))
    error_message = "uploads_bucket_name must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)."
  }
}

variable "renditions_bucket_name" {
  description = "Name of the private bucket that holds web renditions. Separate from uploads so writing a rendition can never re-trigger the pipeline. Must be globally unique on AWS."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.renditions_bucket_name))
    error_message = "renditions_bucket_name must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)."
  }
}

variable "force_destroy" {
  description = "Delete every object (and version) when the buckets are destroyed. Meant for throwaway environments such as envs/local."
  type        = bool
  default     = false
}

variable "versioning_enabled" {
  description = "Enable object versioning on both buckets. S3 can only suspend versioning once enabled: turning this back off removes the setting from Terraform but leaves the buckets versioned."
  type        = bool
  default     = false
}

################################################################################
# CORS (uploads bucket)
################################################################################

variable "cors_allowed_origins" {
  description = "Origins (scheme://host[:port]) allowed to POST to the uploads bucket from a browser with a presigned POST. Empty list: no CORS configuration."
  type        = list(string)
  default     = []
}

variable "cors_max_age_seconds" {
  description = "How long, in seconds, a browser may cache the CORS preflight response for the uploads bucket."
  type        = number
  default     = 3000
}

################################################################################
# Public read (renditions bucket, emulator only)
################################################################################

