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

################################################################################
# Pipeline
################################################################################

module "pipeline" {
  source = "../../modules/pipeline"

  name_prefix   = var.name_prefix
  bucket_suffix = "-${data.aws_caller_identity.current.account_id}-${var.region}"
  functions_dir = "${path.module}/../../../functions"

  log_level                   = var.log_level
  log_retention_in_days       = var.log_retention_in_days
  cors_allowed_origins        = var.cors_allowed_origins
  versioning_enabled          = var.versioning_enabled
  deletion_protection_enabled = var.deletion_protection_enabled
}
