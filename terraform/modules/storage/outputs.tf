################################################################################
# Buckets
################################################################################

output "uploads_bucket_id" {
  description = "Name of the uploads bucket."
  value       = aws_s3_bucket.this["uploads"].id
}

output "uploads_bucket_arn" {
  description = "ARN of the uploads bucket."
  value       = aws_s3_bucket.this["uploads"].arn
}

output "renditions_bucket_id" {
  description = "Name of the renditions bucket."
  value       = aws_s3_bucket.this["renditions"].id
}

output "renditions_bucket_arn" {
  description = "ARN of the renditions bucket."
  value       = aws_s3_bucket.this["renditions"].arn
}

output "renditions_bucket_regional_domain_name" {
  description = "Regional domain name of the renditions bucket (the origin for a CloudFront distribution with origin access control)."
  value       = aws_s3_bucket.this["renditions"].bucket_regional_domain_name
}
