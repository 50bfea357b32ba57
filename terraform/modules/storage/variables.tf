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
# Bucket policies (TLS only)
################################################################################

variable "secure_transport_only" {
  description = "Give each bucket a policy that denies every request made without TLS (aws:SecureTransport false). Off only against moto 5.2.1, which applies a bucket policy's Deny to object requests without evaluating its condition."
  type        = bool
  default     = true
}

variable "external_policy_buckets" {
  description = "Keys of the buckets (\"uploads\", \"renditions\") whose single aws_s3_bucket_policy another module writes, e.g. the cdn module for the renditions bucket it serves; that policy must carry the TLS-only deny itself. This module writes no policy for them."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for key in var.external_policy_buckets : contains(["uploads", "renditions"], key)])
    error_message = "external_policy_buckets may only name \"uploads\" and \"renditions\"."
  }
}

################################################################################
# Lifecycle
################################################################################

variable "lifecycle_rules_enabled" {
  description = "Write a lifecycle configuration on both buckets (abort incomplete multipart uploads; expire noncurrent versions when versioning_enabled)."
  type        = bool
  default     = true
}

variable "abort_incomplete_multipart_upload_days" {
  description = "Days after which S3 aborts a multipart upload that was never completed and deletes its parts. Default 1: uploads are presigned POSTs (one request) and renditions single PUTs, so only an interrupted multipart copy (aws s3 cp of a large file) leaves parts, and none legitimately takes a day."
  type        = number
  default     = 1

  validation {
    condition     = var.abort_incomplete_multipart_upload_days >= 1 && floor(var.abort_incomplete_multipart_upload_days) == var.abort_incomplete_multipart_upload_days
    error_message = "abort_incomplete_multipart_upload_days must be a whole number of days, at least 1."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "With versioning_enabled: days after which S3 permanently deletes a noncurrent version (an overwritten or deleted object), so a deleted original is really gone after this many days. Default 30: a month to undo an accidental delete."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
    error_message = "noncurrent_version_expiration_days must be a whole number of days, at least 1."
  }
}

