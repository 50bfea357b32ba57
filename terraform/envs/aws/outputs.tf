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
  description = "Per function: function_name, queue_url, dlq_url, batch_size, timeout_seconds, environment (queue fields null without a queue trigger)."
  value       = module.pipeline.functions
}
