################################################################################
# Runtime contract (docs/internals.md)
################################################################################

output "pipeline" {
  description = "The pipeline's runtime contract (terraform/modules/pipeline, output runtime): bucket, table and topic names, per-function settings, auth ids, mail and throttle settings, DKIM records to publish."
  value       = module.pipeline.runtime
}

################################################################################
# HTTP API, auth and web app (docs/api.md)
################################################################################

output "api_url" {
  description = "Base URL of the HTTP API (API Gateway $default stage), without a trailing slash."
  value       = module.pipeline.api_url
}

output "cognito_endpoint" {
  description = "Endpoint for Cognito API calls (InitiateAuth, SignUp)."
  value       = "https://cognito-idp.${var.region}.amazonaws.com"
}

output "web_url" {
  description = "URL of the web app (CloudFront)."
  value       = module.web.url
}

output "web_bucket" {
  description = "Bucket the built web app is synced to."
  value       = module.web.bucket
}

output "web_distribution_id" {
  description = "CloudFront distribution of the web app (invalidate /* after a deploy)."
  value       = module.web.distribution_id
}
