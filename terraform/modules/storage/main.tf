################################################################################
# Buckets
################################################################################

locals {
  buckets = {
    uploads    = var.uploads_bucket_name
    renditions = var.renditions_bucket_name
  }
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets

  bucket        = each.value
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = aws_s3_bucket.this

  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Only managed while enabled: S3 cannot return a bucket to "never versioned".
resource "aws_s3_bucket_versioning" "this" {
  for_each = var.versioning_enabled ? aws_s3_bucket.this : {}

  bucket = each.value.id

  versioning_configuration {
    status = "Enabled"
  }
}

################################################################################
# CORS (uploads bucket)
################################################################################

# Browsers upload with a presigned POST (S3 enforces content-length-range and
# Content-Type from the policy), so POST is the only method the page needs.
resource "aws_s3_bucket_cors_configuration" "this" {
  count = length(var.cors_allowed_origins) > 0 ? 1 : 0

  bucket = aws_s3_bucket.this["uploads"].id

  cors_rule {
    allowed_methods = ["POST"]
    allowed_origins = var.cors_allowed_origins
    allowed_headers = ["*"]
    expose_headers  = ["ETag", "Location"]
    max_age_seconds = var.cors_max_age_seconds
  }
}

################################################################################
# Public read (renditions bucket, emulator only)
################################################################################


