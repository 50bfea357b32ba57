################################################################################
# Pipeline
################################################################################

output "uploads_bucket" {
  description = "Name of the uploads bucket."
  value       = module.storage.uploads_bucket_id
}

output "renditions_bucket" {
  description = "Name of the renditions bucket."
  value       = module.storage.renditions_bucket_id
}

output "images_table" {
  description = "Name of the images table."
  value       = module.table.name
}

output "events_topic_arn" {
  description = "ARN of the image-events topic."
  value       = module.messaging.topic_arn
}

output "functions" {
  description = "Per function (manifest folder name): function_name, queue_url, dlq_url, batch_size, timeout_seconds (s), memory_mb, environment, routes. Queue fields are null without a queue trigger; routes (trigger.http.routes) is null without an HTTP trigger; schedule (EventBridge expression) is null without trigger.schedule. The local runtime reads this."
  value = {
    for name, f in module.function : name => {
      function_name   = f.function_name
      queue_url       = try(module.messaging.queues[name].url, null)
      dlq_url         = try(module.messaging.queues[name].dlq_url, null)
      batch_size      = try(module.messaging.queues[name].batch_size, null)
      timeout_seconds = f.timeout_seconds
      memory_mb       = f.memory_mb
      environment     = f.environment
      routes          = try(tolist(local.http_functions[name].routes), null)
      schedule        = f.schedule_expression
    }
  }
}

output "notifications_topic_arn" {
  description = "ARN of the notifications topic (one-line summaries of processed and rejected images)."
  value       = module.messaging.notifications_topic_arn
}

output "idempotency_table" {
  description = "Name of the idempotency table (Powertools Idempotency)."
  value       = module.table.idempotency_table_name
}

output "mail_from" {
  description = "Sender address of the owner emails (an SES email identity)."
  value       = aws_ses_email_identity.sender.email
}

output "renditions_base_url" {
  description = "Base URL of the renditions (RENDITIONS_BASE_URL): <base>/<rendition key>."
  value       = local.stack_environment.RENDITIONS_BASE_URL
}

################################################################################
# Auth and HTTP API
################################################################################

output "api_url" {
  description = "Base URL of the HTTP API (no trailing slash); null when it is not created."
  value       = try(module.http_api[0].api_url, null)
}

output "api_id" {
  description = "ID of the HTTP API; null when it is not created."
  value       = try(module.http_api[0].api_id, null)
}

output "user_pool_id" {
  description = "ID of the Cognito user pool."
  value       = module.auth.user_pool_id
}

output "user_pool_arn" {
  description = "ARN of the Cognito user pool."
  value       = module.auth.user_pool_arn
}

output "user_pool_client_id" {
  description = "ID of the web app's user pool client."
  value       = module.auth.client_id
}

output "user_pool_issuer_url" {
  description = "Issuer URL of the pool's tokens (what the JWT authorizer trusts)."
  value       = module.auth.issuer_url
}

################################################################################
# Building blocks
################################################################################

output "uploads_bucket_arn" {
  description = "ARN of the uploads bucket."
  value       = module.storage.uploads_bucket_arn
}

output "renditions_bucket_arn" {
  description = "ARN of the renditions bucket."
  value       = module.storage.renditions_bucket_arn
}

output "images_table_arn" {
  description = "ARN of the images table."
  value       = module.table.arn
}

output "events_kms_key_arn" {
  description = "ARN of the KMS key that encrypts the image-events topic."
  value       = module.messaging.kms_key_arn
}

output "renditions_bucket_regional_domain_name" {
  description = "Regional domain name of the renditions bucket (a CloudFront origin)."
  value       = module.storage.renditions_bucket_regional_domain_name
}

################################################################################
# Monitoring
################################################################################

output "alarm_topic_arn" {
  description = "ARN of the topic the CloudWatch alarms publish to (when they fire and when they clear)."
  value       = module.monitoring.alarm_topic_arn
}

output "dashboard_name" {
  description = "Name of the pipeline's CloudWatch dashboard."
  value       = module.monitoring.dashboard_name
}

################################################################################
# Mail
################################################################################

output "dkim_dns_records" {
  description = "With mail_domain: the three Easy DKIM CNAME records to publish in its DNS (name, type, value). Empty without."
  value = [
    for token in try(aws_sesv2_email_identity.domain[0].dkim_signing_attributes[0].tokens, []) : {
      name  = "${token}._domainkey.${var.mail_domain}"
      type  = "CNAME"
      value = "${token}.dkim.amazonses.com"
    }
  ]
}

output "mail_configuration_set" {
  description = "Name of the SES configuration set the mailer sends through (MAIL_CONFIGURATION_SET), or null."
  value       = local.mail_configuration_set == "" ? null : local.mail_configuration_set
}

output "api_throttling" {
  description = "The HTTP API stage's throttle: rate_limit (steady requests per second) and burst_limit (bucket size); the local gateway applies the same. Null without the API."
  value = var.http_api_enabled ? {
    rate_limit  = var.api_throttling_rate_limit
    burst_limit = var.api_throttling_burst_limit
  } : null
}
