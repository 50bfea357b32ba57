################################################################################
# Provider
################################################################################

provider "aws" {
  region = var.region

  default_tags {
    tags = merge({
      Project   = "image-pipeline"
      ManagedBy = "terraform"
    }, var.tags)
  }
}

data "aws_caller_identity" "current" {}

locals {
  # Bucket names are global: make them unique per account and region.
  bucket_suffix = "-${data.aws_caller_identity.current.account_id}-${var.region}"
}

################################################################################
# Pipeline
################################################################################

module "pipeline" {
  source = "../../modules/pipeline"

  name_prefix   = var.name_prefix
  bucket_suffix = local.bucket_suffix
  functions_dir = "${path.module}/../../../functions"

  log_level                   = var.log_level
  log_retention_in_days       = var.log_retention_in_days
  cors_allowed_origins        = concat([module.web.url], var.cors_allowed_origins)
  versioning_enabled          = var.versioning_enabled
  deletion_protection_enabled = var.deletion_protection_enabled

  point_in_time_recovery_enabled         = var.point_in_time_recovery_enabled
  noncurrent_version_expiration_days     = var.noncurrent_version_expiration_days
  abort_incomplete_multipart_upload_days = var.abort_incomplete_multipart_upload_days
  # The cdn module below writes the renditions bucket's policy (OAC read + TLS only).
  renditions_bucket_policy_external = true
  api_throttling_rate_limit         = var.api_throttling_rate_limit
  api_throttling_burst_limit        = var.api_throttling_burst_limit
  upload_quotas                     = var.upload_quotas
  image_limits                      = var.image_limits
  heic_enabled                      = var.heic_enabled
  rendition_profile                 = var.rendition_profile

  renditions_base_url                   = module.cdn.url
  renditions_distribution_id            = module.cdn.distribution_id
  web_app_url                           = module.web.url
  user_pool_deletion_protection_enabled = var.user_pool_deletion_protection_enabled

  mail_from                      = var.mail_from
  mail_domain                    = var.mail_domain
  mail_configuration_set_enabled = var.mail_configuration_set_enabled

  destination_validation_wait_seconds = var.destination_validation_wait_seconds
  operations_email                    = var.operations_email
  notification_emails                 = var.notification_emails
  schedule_expressions                = var.schedule_expressions
  reserved_concurrency_enabled        = var.reserved_concurrency_enabled

  alarm_email                  = var.alarm_email
  oldest_message_alarm_seconds = var.oldest_message_alarm_seconds
  bucket_size_alarm_bytes      = var.bucket_size_alarm_bytes
}

################################################################################
# Renditions CDN
################################################################################

# The renditions bucket stays private; CloudFront reads it with origin access control.
module "cdn" {
  source = "../../modules/cdn"

  # Origin access control names are unique per account (CloudFront is global):
  # the region keeps a second regional deployment from colliding.
  # https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_OriginAccessControlConfig.html
  name        = "${var.name_prefix}renditions-${var.region}"
  comment     = "Image pipeline renditions"
  price_class = var.price_class

  # A missing rendition is a plain 403/404 (no fallback page), cached briefly.
  error_caching_min_ttl_seconds = var.renditions_error_caching_min_ttl_seconds

  bucket = {
    id                   = module.pipeline.renditions_bucket
    arn                  = module.pipeline.renditions_bucket_arn
    regional_domain_name = module.pipeline.renditions_bucket_regional_domain_name
  }
}

################################################################################
# Web app hosting
################################################################################

module "web" {
  source = "../../modules/site"

  bucket_name = "${var.name_prefix}web${local.bucket_suffix}"
  price_class = var.price_class
}
