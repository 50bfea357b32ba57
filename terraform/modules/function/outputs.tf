################################################################################
# Function
################################################################################

output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the Lambda function."
  value       = aws_lambda_function.this.arn
}

output "invoke_arn" {
  description = "ARN API Gateway integrations invoke the function with."
  value       = aws_lambda_function.this.invoke_arn
}

output "environment" {
  description = "Environment variables the function runs with (common ones merged with the manifest's)."
  value       = local.environment
}

output "timeout_seconds" {
  description = "Lambda timeout, in seconds."
  value       = aws_lambda_function.this.timeout
}

output "memory_mb" {
  description = "Lambda memory, in MB."
  value       = aws_lambda_function.this.memory_size
}

output "log_group_name" {
  description = "Name of the function's CloudWatch log group."
  value       = aws_cloudwatch_log_group.this.name
}

################################################################################
# IAM
################################################################################

output "role_arn" {
  description = "ARN of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the function's execution role."
  value       = aws_iam_role.this.name
}

################################################################################
# Queue trigger
################################################################################

output "event_source_mapping_uuid" {
  description = "UUID of the SQS event source mapping; null for functions without a queue trigger."
  value       = one(aws_lambda_event_source_mapping.this[*].uuid)
}

output "schedule_expression" {
  description = "The EventBridge schedule the function runs on (trigger.schedule, or the override); null without a schedule trigger."
  value       = local.schedule
}
