################################################################################
# Distribution
################################################################################

output "distribution_id" {
  description = "ID of the distribution (for invalidations)."
  value       = aws_cloudfront_distribution.this.id
}

output "distribution_arn" {
  description = "ARN of the distribution."
  value       = aws_cloudfront_distribution.this.arn
}

output "domain_name" {
  description = "Domain name of the distribution (dxxxx.cloudfront.net)."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "url" {
  description = "https://<domain_name>, without a trailing slash."
  value       = "https://${aws_cloudfront_distribution.this.domain_name}"
}
