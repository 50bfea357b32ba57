################################################################################
# Topic
################################################################################

output "topic_arn" {
  description = "ARN of the image-events topic (S3 events and domain events)."
  value       = aws_sns_topic.this.arn
}

output "topic_name" {
  description = "Name of the image-events topic."
  value       = aws_sns_topic.this.name
}

output "notifications_topic_arn" {
  description = "ARN of the notifications topic (one-line summaries for people)."
  value       = aws_sns_topic.notifications.arn
}

output "kms_key_arn" {
  description = "ARN of the customer-managed KMS key that encrypts the topic; publishers need kms:GenerateDataKey and kms:Decrypt on it."
  value       = aws_kms_key.this.arn
}

################################################################################
# Queues
################################################################################

output "queues" {
  description = "Per queue key: name, arn, url of the queue and its DLQ, and the batch size it was declared with."
  value = {
    for k, q in aws_sqs_queue.this : k => {
      name       = q.name
      arn        = q.arn
      url        = q.id
      dlq_name   = aws_sqs_queue.dlq[k].name
      dlq_arn    = aws_sqs_queue.dlq[k].arn
      dlq_url    = aws_sqs_queue.dlq[k].id
      batch_size = var.queues[k].batch_size
    }
  }
}
