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

variable "wait_for_deployment" {
  description = "Wait, in apply, until the distribution reports Deployed (several minutes on AWS, ~30 s against moto). Nothing in this stack needs it deployed to be created: the functions only need its id."
  type        = bool
  default     = true
}

variable "spa_fallback_enabled" {
  description = "Answer 403 and 404 from the bucket with default_root_object and status 200 (single-page app routing). Needs default_root_object."
  type        = bool
  default     = false
}

variable "error_caching_min_ttl_seconds" {
  description = "How long, in seconds, CloudFront caches a 403 or 404 from the bucket before asking it again (CloudFront's own default is 10 s). Short, so an object written just after a miss is served within seconds."
  type        = number
  default     = 10

  validation {
    condition     = var.error_caching_min_ttl_seconds >= 0 && var.error_caching_min_ttl_seconds <= 31536000
    error_message = "error_caching_min_ttl_seconds must be between 0 and 31536000."
  }
}

################################################################################
# Bucket policy
################################################################################

variable "secure_transport_only" {
  description = "Add to the bucket's policy a statement denying every request made without TLS (aws:SecureTransport false). This module writes the bucket's only policy, so the deny belongs here."
  type        = bool
  default     = true
}
