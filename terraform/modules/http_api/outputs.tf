################################################################################
# API
################################################################################

output "api_id" {
  description = "ID of the HTTP API."
  value       = aws_apigatewayv2_api.this.id
}

output "api_url" {
  description = "Base URL of the $default stage, without a trailing slash (routes are <api_url>/images, ...)."
  value       = trimsuffix(aws_apigatewayv2_stage.this.invoke_url, "/")
}

output "execution_arn" {
  description = "Execution ARN of the API (for Lambda permissions)."
  value       = aws_apigatewayv2_api.this.execution_arn
}

################################################################################
# Authorizer
################################################################################

output "authorizer_id" {
  description = "ID of the JWT authorizer."
  value       = aws_apigatewayv2_authorizer.this.id
}

################################################################################
# Integrations and routes
################################################################################

output "routes" {
  description = "Route key -> manifest name of the function serving it."
  value       = { for key, r in local.routes : key => r.function }
}

################################################################################
# Stage and access logs
################################################################################

output "access_log_group_name" {
  description = "Name of the access log group."
  value       = aws_cloudwatch_log_group.this.name
}
