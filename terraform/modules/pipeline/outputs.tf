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
  description = "Per function (manifest folder name): function_name, queue_url, dlq_url, batch_size, timeout_seconds (s), environment. Queue fields are null without a queue trigger. The local runtime reads only this."
  value = {
    for name, f in module.function : name => {
      function_name   = f.function_name
      queue_url       = try(module.messaging.queues[name].url, null)
      dlq_url         = try(module.messaging.queues[name].dlq_url, null)
      batch_size      = try(module.messaging.queues[name].batch_size, null)
      timeout_seconds = f.timeout_seconds
      environment     = f.environment
    }
  }
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
