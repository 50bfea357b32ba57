################################################################################
# Bucket
################################################################################

output "bucket" {
  description = "Name of the web bucket (aws s3 sync web/dist s3://<bucket> --delete)."
  value       = aws_s3_bucket.this.id
}

################################################################################
# Distribution
################################################################################

output "url" {
  description = "https URL of the web app (the CloudFront domain), without a trailing slash."
  value       = module.cdn.url
}

output "distribution_id" {
  description = "ID of the web app's distribution (aws cloudfront create-invalidation --paths '/*' after a deploy)."
  value       = module.cdn.distribution_id
}
