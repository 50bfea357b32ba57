################################################################################
# Bucket
################################################################################

# The web app's files: private, served only through the distribution below.
resource "aws_s3_bucket" "this" {
  bucket        = var.bucket_name
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

################################################################################
# Distribution
################################################################################

module "cdn" {
  source = "../cdn"

  name                 = var.bucket_name
  comment              = var.comment
  price_class          = var.price_class
  default_root_object  = "index.html"
  spa_fallback_enabled = true

  bucket = {
    id                   = aws_s3_bucket.this.id
    arn                  = aws_s3_bucket.this.arn
    regional_domain_name = aws_s3_bucket.this.bucket_regional_domain_name
  }

  # The bucket policy must not race the public access block.
  depends_on = [aws_s3_bucket_public_access_block.this]
}
