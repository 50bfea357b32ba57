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

# Without stage limits every route may use the whole account's regional
# budget (10,000 requests/s, burst 5,000, shared by every API of the account):
# one abusive client could starve other APIs and run up Lambda costs. A small
# photo product needs far less. Per-user limits live in the API function.
# https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
# https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
variable "throttling_burst_limit" {
  description = "Default route burst limit of the $default stage, in requests (the token bucket's size: how many requests may arrive at once above the rate). Default 100."
  type        = number
  default     = 100

  validation {
    condition     = var.throttling_burst_limit >= 1 && var.throttling_burst_limit <= 5000 && floor(var.throttling_burst_limit) == var.throttling_burst_limit
    error_message = "throttling_burst_limit must be a whole number of requests between 1 and 5000 (the account's default burst)."
  }
}

variable "throttling_rate_limit" {
  description = "Default route steady-state limit of the $default stage, in requests per second, across all clients. Default 50."
  type        = number
  default     = 50

  validation {
    condition     = var.throttling_rate_limit > 0 && var.throttling_rate_limit <= 10000
    error_message = "throttling_rate_limit must be above 0 and at most 10000 requests per second (the account's default)."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the access log group, in days (a value CloudWatch Logs accepts; 0 = never expire)."
  type        = number
  default     = 14
}
