################################################################################
# Contract outputs (docs/internals.md)
################################################################################

output "region" {
  description = "Region the pipeline runs in."
  value       = var.region
}

output "uploads_bucket" {
  description = "Name of the uploads bucket."
  value       = module.pipeline.uploads_bucket
}

output "renditions_bucket" {
  description = "Name of the renditions bucket."
  value       = module.pipeline.renditions_bucket
}

output "images_table" {
  description = "Name of the images table."
  value       = module.pipeline.images_table
}

output "events_topic_arn" {
  description = "ARN of the image-events topic."
  value       = module.pipeline.events_topic_arn
}

output "functions" {
  description = "Per function: function_name, queue_url, dlq_url, batch_size, timeout_seconds, memory_mb, environment, routes, schedule (queue fields null without a queue trigger, routes without an HTTP trigger, schedule without a schedule trigger)."
  value       = module.pipeline.functions
}

################################################################################
# HTTP API, auth and web app (docs/api.md)
################################################################################

output "api_url" {
  description = "Base URL of the HTTP API (API Gateway $default stage), without a trailing slash."
  value       = module.pipeline.api_url
}

output "user_pool_id" {
  description = "ID of the Cognito user pool."
  value       = module.pipeline.user_pool_id
}

output "user_pool_client_id" {
  description = "ID of the web app's user pool client."
  value       = module.pipeline.user_pool_client_id
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

output "renditions_base_url" {
  description = "Base URL of the renditions (the renditions CloudFront distribution)."
  value       = module.pipeline.renditions_base_url
}

################################################################################
# Mail, notifications, idempotency (docs/operations.md)
################################################################################

output "notifications_topic_arn" {
  description = "ARN of the notifications topic (one-line summaries of processed and rejected images)."
  value       = module.pipeline.notifications_topic_arn
}

output "idempotency_table" {
  description = "Name of the idempotency table."
  value       = module.pipeline.idempotency_table
}

output "mail_from" {
  description = "Sender address of the owner emails."
  value       = module.pipeline.mail_from
}

output "dkim_dns_records" {
  description = "With mail_domain: the Easy DKIM CNAME records (name, type, value) to publish in the domain's DNS; SES verifies the domain once they resolve. Empty without mail_domain."
  value       = module.pipeline.dkim_dns_records
}

output "mail_configuration_set" {
  description = "SES configuration set the mailer sends through (bounces, complaints and rejects as AWS/SES metrics), or null."
  value       = module.pipeline.mail_configuration_set
}

################################################################################
# Monitoring (terraform/modules/monitoring)
################################################################################

output "alarm_topic_arn" {
  description = "ARN of the topic the CloudWatch alarms publish to."
  value       = module.pipeline.alarm_topic_arn
}

output "dashboard_name" {
  description = "Name of the pipeline's CloudWatch dashboard."
  value       = module.pipeline.dashboard_name
}

output "api_throttling" {
  description = "The HTTP API stage's throttle: rate_limit (steady requests per second) and burst_limit (bucket size); the local gateway applies the same. Null without the API."
  value       = module.pipeline.api_throttling
}
