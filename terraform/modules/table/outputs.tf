################################################################################
# Table
################################################################################

output "name" {
  description = "Name of the images table."
  value       = aws_dynamodb_table.this.name
}

output "arn" {
  description = "ARN of the images table (its indexes are <arn>/index/*)."
  value       = aws_dynamodb_table.this.arn
}

output "owner_index_name" {
  description = "Name of the GSI that lists an owner's images by createdAt."
  value       = "byOwner"
}

output "status_index_name" {
  description = "Name of the GSI that lists the images in one status by createdAt: hash statusShard (<status>#<n>), one Query per shard."
  value       = "byStatusShard"
}

output "ttl_attribute_name" {
  description = "Attribute of the images table that DynamoDB TTL reads (epoch seconds); only upload-rate window items set it."
  value       = "expiresAt"
}

output "idempotency_table_name" {
  description = "Name of the idempotency table (Powertools Idempotency: key id, TTL expiration)."
  value       = aws_dynamodb_table.idempotency.name
}

output "idempotency_table_arn" {
  description = "ARN of the idempotency table."
  value       = aws_dynamodb_table.idempotency.arn
}

output "counters_table_name" {
  description = "Name of the bucket-counters table (key pk + sk): per-image ledgers, counter shards, the reconcile's snapshot and offset."
  value       = aws_dynamodb_table.counters.name
}

output "counters_table_arn" {
  description = "ARN of the bucket-counters table."
  value       = aws_dynamodb_table.counters.arn
}

output "near_duplicates_table_name" {
  description = "Name of the near-duplicates table (key band + imageId): one item per band of an image's perceptual hashes."
  value       = aws_dynamodb_table.near_duplicates.name
}

output "near_duplicates_table_arn" {
  description = "ARN of the near-duplicates table."
  value       = aws_dynamodb_table.near_duplicates.arn
}
