################################################################################
# Distribution
################################################################################

# Managed policies, by their fixed ids (looking them up by name would need
# cloudfront:ListCachePolicies and a lookup per plan).
locals {
  caching_optimized_policy_id = "658327ea-f89d-4fab-a63d-7e88639e58f6" # Managed-CachingOptimized
  cors_s3_origin_policy_id    = "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf" # Managed-CORS-S3Origin
  security_headers_policy_id  = "67f7725c-6f97-4210-82d7-5512b31e9d03" # Managed-SecurityHeadersPolicy
  origin_id                   = "s3-${var.bucket.id}"
}

resource "aws_cloudfront_origin_access_control" "this" {
  name                              = var.name
  description                       = "CloudFront reads ${var.bucket.id}"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "this" {
  enabled             = true
  comment             = var.comment
  is_ipv6_enabled     = true
  http_version        = "http2and3"
  price_class         = var.price_class
  default_root_object = var.default_root_object
  wait_for_deployment = var.wait_for_deployment

  origin {
    origin_id                = local.origin_id
    domain_name              = var.bucket.regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.this.id
  }

  default_cache_behavior {
    target_origin_id           = local.origin_id
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.caching_optimized_policy_id
    origin_request_policy_id   = local.cors_s3_origin_policy_id
    response_headers_policy_id = local.security_headers_policy_id
  }

  # A single-page app owns its paths: a missing key (403 from S3 without
  # ListBucket, or 404) answers index.html, and the app routes.
  dynamic "custom_error_response" {
    for_each = var.spa_fallback_enabled ? [403, 404] : []

    content {
      error_code            = custom_error_response.value
      response_code         = 200
      response_page_path    = "/${var.default_root_object}"
      error_caching_min_ttl = var.error_caching_min_ttl_seconds
    }
  }

  # Anything else (renditions) passes S3's 403/404 through unchanged, but
  # cached only briefly: a rendition asked for before resize wrote it must
  # show up seconds later, not when a long error TTL runs out.
  # https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/custom-error-pages-expiration.html
  dynamic "custom_error_response" {
    for_each = var.spa_fallback_enabled ? [] : [403, 404]

    content {
      error_code            = custom_error_response.value
      error_caching_min_ttl = var.error_caching_min_ttl_seconds
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

################################################################################
# Bucket policy
################################################################################

# Only this distribution may read the bucket (the bucket stays fully private),
# and nobody without TLS: this is the bucket's one policy, so it carries the
# deny the storage module gives the buckets it writes policies for.
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
data "aws_iam_policy_document" "bucket" {
  dynamic "statement" {
    for_each = var.secure_transport_only ? [true] : []

    content {
      sid       = "DenyInsecureTransport"
      effect    = "Deny"
      actions   = ["s3:*"]
      resources = [var.bucket.arn, "${var.bucket.arn}/*"]

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

  statement {
    sid       = "CloudFrontReads"
    actions   = ["s3:GetObject"]
    resources = ["${var.bucket.arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudfront_distribution.this.arn]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = var.bucket.id
  policy = data.aws_iam_policy_document.bucket.json
}
