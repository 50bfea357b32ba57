################################################################################
# Runtime contract (docs/internals.md)
################################################################################

output "pipeline" {
  description = "The pipeline's runtime contract (terraform/modules/pipeline, output runtime), the same object envs/aws outputs."
  value       = module.pipeline.runtime
}

################################################################################
# HTTP API, auth and web app: the local stand-ins (docs/api.md)
################################################################################

output "api_url" {
  description = "Base URL of the HTTP API: the local gateway, which serves the routes the way API Gateway would."
  value       = var.api_url
}

output "cognito_endpoint" {
  description = "Endpoint for Cognito API calls (InitiateAuth, SignUp, JWKS): moto."
  value       = var.endpoint
}

output "web_url" {
  description = "URL of the web app."
  value       = var.web_app_url
}
