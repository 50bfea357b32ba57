################################################################################
# API
################################################################################

variable "name" {
  description = "Name of the HTTP API; also its access log group /aws/apigateway/<name>."
  type        = string
}

variable "description" {
  description = "Description of the HTTP API."
  type        = string
  default     = "Image pipeline HTTP API"
}

variable "cors_allow_origins" {
  description = "Browser origins (scheme://host[:port]) allowed to call the API; API Gateway answers preflight. Empty: no CORS."
  type        = list(string)
  default     = []
}

variable "cors_max_age_seconds" {
  description = "How long, in seconds, a browser may cache a preflight response."
  type        = number
  default     = 3600
}

################################################################################
# Authorizer
################################################################################

variable "jwt_issuer" {
  description = "Issuer URL of the tokens the JWT authorizer accepts (the Cognito pool's https://cognito-idp.<region>.amazonaws.com/<pool id>)."
  type        = string
}

variable "jwt_audience" {
  description = "Accepted audiences: the app client ids (aud of ID tokens, client_id of access tokens)."
  type        = list(string)
}

################################################################################
# Integrations and routes
################################################################################

variable "functions" {
  description = <<-EOT
    HTTP functions by manifest name: function_name and invoke_arn of the Lambda,
    routes (route keys such as "GET /images/{id}", from trigger.http.routes) and
    authorizer ("cognito": JWT authorizer on every route; "none": public).
  EOT
  type = map(object({
    function_name = string
    invoke_arn    = string
    routes        = list(string)
    authorizer    = optional(string, "cognito")
  }))

  validation {
    condition     = alltrue([for f in values(var.functions) : contains(["cognito", "none"], f.authorizer)])
    error_message = "authorizer must be \"cognito\" or \"none\"."
  }

  validation {
    condition = alltrue(flatten([for f in values(var.functions) : [
      for r in f.routes : can(regex("^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) /[^ ]*$", r))
    ]]))
    error_message = "Every route must be \"<METHOD> /<path>\", e.g. \"GET /images/{id}\"."
  }

  validation {
    condition     = length(flatten([for f in values(var.functions) : f.routes])) == length(distinct(flatten([for f in values(var.functions) : f.routes])))
    error_message = "A route may be served by one function only."
  }
}

variable "integration_timeout_milliseconds" {
  description = "How long API Gateway waits for a function, in milliseconds (50-30000)."
  type        = number
  default     = 30000
}

################################################################################
# Stage and access logs
################################################################################

variable "throttling_burst_limit" {
  description = "Default route burst limit, in requests."
  type        = number
  default     = 100
}

variable "throttling_rate_limit" {
  description = "Default route steady-state limit, in requests per second."
  type        = number
  default     = 50
}

variable "log_retention_in_days" {
  description = "Retention of the access log group, in days (a value CloudWatch Logs accepts; 0 = never expire)."
  type        = number
  default     = 14
}
