################################################################################
# Distribution
################################################################################

variable "name" {
  description = "Name of the origin access control (unique per account)."
  type        = string
}

variable "comment" {
  description = "Comment shown for the distribution in the console."
  type        = string
  default     = ""
}

variable "bucket" {
  description = "The private bucket CloudFront serves: id (name), arn and regional_domain_name (bucket_regional_domain_name)."
  type = object({
    id                   = string
    arn                  = string
    regional_domain_name = string
  })
}

variable "price_class" {
  description = "CloudFront price class (PriceClass_100, PriceClass_200 or PriceClass_All)."
  type        = string
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "default_root_object" {
  description = "Object served for the root URL (index.html for a web app); null for none."
  type        = string
  default     = null
}

variable "spa_fallback_enabled" {
  description = "Answer 403 and 404 from the bucket with default_root_object and status 200 (single-page app routing). Needs default_root_object."
  type        = bool
  default     = false
}
