################################################################################
# Bucket
################################################################################

variable "bucket_name" {
  description = "Name of the bucket holding the built web app (index.html at the root). Must be globally unique; also the origin access control name."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)."
  }
}

variable "force_destroy" {
  description = "Delete every object when the bucket is destroyed (the files are build output, always reproducible)."
  type        = bool
  default     = true
}

################################################################################
# Distribution
################################################################################

variable "comment" {
  description = "Comment shown for the distribution in the console."
  type        = string
  default     = "Image pipeline web app"
}

variable "price_class" {
  description = "CloudFront price class (PriceClass_100, PriceClass_200 or PriceClass_All)."
  type        = string
  default     = "PriceClass_100"
}
