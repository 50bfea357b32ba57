################################################################################
# Environment
################################################################################

variable "endpoint" {
  description = "URL of the moto server every AWS service is pointed at (LOCAL_AWS_PORT, default 4566)."
  type        = string
  default     = "http://localhost:4566"
}

variable "region" {
  description = "Region reported to the functions; moto accepts any."
  type        = string
  default     = "us-east-1"
}

variable "name_prefix" {
  description = "Prefix for every resource name."
  type        = string
  default     = "local-"
}

variable "log_level" {
  description = "POWERTOOLS_LOG_LEVEL for every function (DEBUG, INFO, WARN, ERROR)."
  type        = string
  default     = "INFO"
}
