################################################################################
# API
################################################################################

locals {
  # One entry per route key ("GET /images/{id}") -> the function serving it.
  routes = merge([
    for name, f in var.functions : {
      for route in f.routes : route => { function = name, authorizer = f.authorizer }
    }
  ]...)
}

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  protocol_type = "HTTP"
  description   = var.description

  # API Gateway answers preflight requests itself; the functions never see OPTIONS.
  dynamic "cors_configuration" {
    for_each = length(var.cors_allow_origins) > 0 ? [true] : []

    content {
      allow_origins  = var.cors_allow_origins
      allow_methods  = ["GET", "POST", "PATCH", "DELETE", "OPTIONS"]
      allow_headers  = ["authorization", "content-type"]
      expose_headers = ["location"]
      max_age        = var.cors_max_age_seconds
    }
  }
}

################################################################################
# Authorizer
################################################################################

resource "aws_apigatewayv2_authorizer" "this" {
  api_id           = aws_apigatewayv2_api.this.id
  name             = "cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = var.jwt_issuer
    audience = var.jwt_audience
  }
}

################################################################################
# Integrations and routes
################################################################################

resource "aws_apigatewayv2_integration" "this" {
  for_each = var.functions

  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = each.value.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = var.integration_timeout_milliseconds
}

resource "aws_apigatewayv2_route" "this" {
  for_each = local.routes

  api_id             = aws_apigatewayv2_api.this.id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.this[each.value.function].id}"
  authorization_type = each.value.authorizer == "cognito" ? "JWT" : "NONE"
  authorizer_id      = each.value.authorizer == "cognito" ? aws_apigatewayv2_authorizer.this.id : null
}

resource "aws_lambda_permission" "this" {
  for_each = var.functions

  statement_id  = "AllowHttpApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = each.value.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/*"
}

################################################################################
# Stage and access logs
################################################################################

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/apigateway/${var.name}"
  retention_in_days = var.log_retention_in_days
}

resource "aws_apigatewayv2_stage" "this" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_burst_limit = var.throttling_burst_limit
    throttling_rate_limit  = var.throttling_rate_limit
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.this.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      requestTime        = "$context.requestTime"
      ip                 = "$context.identity.sourceIp"
      routeKey           = "$context.routeKey"
      status             = "$context.status"
      responseLength     = "$context.responseLength"
      latencyMs          = "$context.responseLatency"
      integrationStatus  = "$context.integrationStatus"
      integrationError   = "$context.integrationErrorMessage"
      authorizerError    = "$context.authorizer.error"
      sub                = "$context.authorizer.claims.sub"
      integrationLatency = "$context.integrationLatency"
    })
  }
}
