################################################################################
# Runtime contract
################################################################################

# One object that both envs pass through unchanged as their `pipeline` output:
# what the local runtime, the web app, the tests and the operations tools read
# (docs/internals.md, "The stack contract"). A field added here reaches all of
# them without restating it in terraform/envs/*/outputs.tf.
output "runtime" {
  description = "The pipeline's runtime contract: region, bucket/table/topic names, per-function settings (functions), auth ids, mail and throttle settings. Both envs output it as `pipeline`."
  value = {
    region                  = data.aws_region.current.name
    uploads_bucket          = module.storage.uploads_bucket_id
    renditions_bucket       = module.storage.renditions_bucket_id
    images_table            = module.table.name
    idempotency_table       = module.table.idempotency_table_name
    counters_table          = module.table.counters_table_name
    near_duplicates_table   = module.table.near_duplicates_table_name
    events_topic_arn        = module.messaging.topic_arn
    notifications_topic_arn = module.messaging.notifications_topic_arn
    alarm_topic_arn         = module.monitoring.alarm_topic_arn
    dashboard_name          = module.monitoring.dashboard_name
    renditions_base_url     = local.stack_environment.RENDITIONS_BASE_URL
    user_pool_id            = module.auth.user_pool_id
    user_pool_client_id     = module.auth.client_id
    mail_from               = aws_ses_email_identity.sender.email
    # The SES configuration set the mailer sends through (MAIL_CONFIGURATION_SET), or null.
    mail_configuration_set = local.mail_configuration_set == "" ? null : local.mail_configuration_set
    # With mail_domain: the three Easy DKIM CNAME records to publish in its DNS. Empty without.
    dkim_dns_records = [
      for token in try(aws_sesv2_email_identity.domain[0].dkim_signing_attributes[0].tokens, []) : {
        name  = "${token}._domainkey.${var.mail_domain}"
        type  = "CNAME"
        value = "${token}.dkim.amazonses.com"
      }
    ]
    # The HTTP API stage's throttle (steady requests per second, bucket size);
    # the local gateway applies the same. Null without the API.
    api_throttling = var.http_api_enabled ? {
      rate_limit  = var.api_throttling_rate_limit
      burst_limit = var.api_throttling_burst_limit
    } : null
    # Per function (manifest folder name). Queue fields are null without a
    # queue trigger, routes (trigger.http.routes) without an HTTP trigger,
    # schedule (EventBridge expression) without trigger.schedule.
    functions = {
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
}

################################################################################
# Building blocks (what an env wires other modules to)
################################################################################

output "api_url" {
  description = "Base URL of the HTTP API (no trailing slash); null when it is not created."
  value       = try(module.http_api[0].api_url, null)
}

output "api_id" {
  description = "ID of the HTTP API; null when it is not created."
  value       = try(module.http_api[0].api_id, null)
}

output "user_pool_arn" {
  description = "ARN of the Cognito user pool."
  value       = module.auth.user_pool_arn
}

output "user_pool_issuer_url" {
  description = "Issuer URL of the pool's tokens (what the JWT authorizer trusts)."
  value       = module.auth.issuer_url
}

output "uploads_bucket_arn" {
  description = "ARN of the uploads bucket."
  value       = module.storage.uploads_bucket_arn
}

output "renditions_bucket" {
  description = "Name of the renditions bucket."
  value       = module.storage.renditions_bucket_id
}

output "renditions_bucket_arn" {
  description = "ARN of the renditions bucket."
  value       = module.storage.renditions_bucket_arn
}

output "renditions_bucket_regional_domain_name" {
  description = "Regional domain name of the renditions bucket (a CloudFront origin)."
  value       = module.storage.renditions_bucket_regional_domain_name
}

output "images_table_arn" {
  description = "ARN of the images table."
  value       = module.table.arn
}

output "events_kms_key_arn" {
  description = "ARN of the KMS key that encrypts the image-events topic."
  value       = module.messaging.kms_key_arn
}
