################################################################################
# Environment
################################################################################

variable "region" {
  description = "AWS region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "name_prefix" {
  description = "Prefix for every resource name; bucket names also get -<account id>-<region> to be globally unique."
  type        = string
  default     = "image-pipeline-"
}

variable "tags" {
  description = "Extra tags for every resource (merged into the provider's default_tags)."
  type        = map(string)
  default     = {}
}

################################################################################
# Pipeline
################################################################################

variable "log_level" {
  description = "POWERTOOLS_LOG_LEVEL for every function (DEBUG, INFO, WARN, ERROR)."
  type        = string
  default     = "INFO"
}

variable "log_retention_in_days" {
  description = "Retention of every function's log group, in days."
  type        = number
  default     = 14
}

variable "cors_allowed_origins" {
  description = "Extra browser origins (scheme://host[:port]) allowed to presigned-POST to the uploads bucket and call the API; the web app's CloudFront origin is always allowed."
  type        = list(string)
  default     = []
}

variable "versioning_enabled" {
  description = "Enable object versioning on both buckets."
  type        = bool
  default     = false
}

variable "deletion_protection_enabled" {
  description = "Protect the images table from deletion."
  type        = bool
  default     = false
}

variable "user_pool_deletion_protection_enabled" {
  description = "Protect the Cognito user pool from deletion."
  type        = bool
  default     = false
}

################################################################################
# CDN
################################################################################

variable "price_class" {
  description = "CloudFront price class of the renditions and web distributions (PriceClass_100, PriceClass_200, PriceClass_All)."
  type        = string
  default     = "PriceClass_100"
}

################################################################################
# Mail, schedules, concurrency
################################################################################

variable "mail_from" {
  description = "Sender of the owner emails (created as an SES email identity: confirm the verification mail AWS sends it)."
  type        = string
  default     = "no-reply@example.com"
}

variable "operations_email" {
  description = "Where mail about uploads without an owner goes; empty sends none."
  type        = string
  default     = ""
}

variable "notification_emails" {
  description = "Addresses subscribed to the notifications topic (one line per processed or rejected image)."
  type        = list(string)
  default     = []
}

variable "schedule_expressions" {
  description = "Per scheduled function, an EventBridge schedule replacing the manifest's (e.g. { bucket-metrics = \"rate(1 hour)\" })."
  type        = map(string)
  default     = {}
}

variable "reserved_concurrency_enabled" {
  description = "Apply each function's reservedConcurrency (function.json). New accounts (concurrency limit 10) must set false."
  type        = bool
  default     = true
}

################################################################################
# Monitoring
################################################################################

variable "alarm_email" {
  description = "Address that receives the CloudWatch alarms (AWS mails it a confirmation link first). Null: no subscription."
  type        = string
  default     = null
}

variable "oldest_message_alarm_seconds" {
  description = "Alarm when a queue's oldest message has waited longer than this, in seconds."
  type        = number
  default     = 900
}

variable "bucket_size_alarm_bytes" {
  description = "Alarm when the uploads or renditions bucket holds more than this many bytes. Default 100 GiB."
  type        = number
  default     = 107374182400
}
