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
# Bucket policies (TLS only)
################################################################################

# S3 accepts plain HTTP unless a bucket policy denies it: deny every request
# whose aws:SecureTransport is false, on the bucket and on its objects.
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
# https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule
# A bucket has one policy: a bucket named in external_policy_buckets gets its
# policy from the module that owns it (the cdn module, with its origin access
# control grant), which must carry the same deny (the security suite checks
# every bucket of the plan).
locals {
  policy_buckets = {
    for key, bucket in aws_s3_bucket.this : key => bucket
    if var.secure_transport_only && !contains(var.external_policy_buckets, key)
  }
}

data "aws_iam_policy_document" "tls_only" {
  for_each = local.policy_buckets

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [each.value.arn, "${each.value.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = local.policy_buckets

  bucket = each.value.id
  policy = data.aws_iam_policy_document.tls_only[each.key].json

  # S3 answers OperationAborted to a policy written while the public access
  # block of the same bucket is being written.
  depends_on = [aws_s3_bucket_public_access_block.this]
}

################################################################################
# Lifecycle
################################################################################

# Parts of a multipart upload that never completed (an interrupted aws s3 cp
# of a large file) are billed as storage until aborted; AWS recommends a rule
# that aborts them.
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html
# With versioning on, a deleted or overwritten object only becomes a
# noncurrent version: expiring those is what makes a deleted original really
# go away (and the delete markers left behind are removed once alone).
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-configuration-examples.html
resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = var.lifecycle_rules_enabled ? aws_s3_bucket.this : {}

  bucket = each.value.id

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = var.abort_incomplete_multipart_upload_days
    }
  }

  dynamic "rule" {
    for_each = var.versioning_enabled ? [true] : []

    content {
      id     = "expire-noncurrent-versions"
      status = "Enabled"

      filter {}

      noncurrent_version_expiration {
        noncurrent_days = var.noncurrent_version_expiration_days
      }

      expiration {
        expired_object_delete_marker = true
      }
    }
  }

  # Rules about noncurrent versions need versioning configured first.
  depends_on = [aws_s3_bucket_versioning.this]
}

