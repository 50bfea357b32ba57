################################################################################
# Monitoring
################################################################################

variable "name_prefix" {
  description = "Prefix of every name this module creates: the topic <prefix>alarms and every alarm <prefix><key>-<what> (the topic policy lets CloudWatch publish only for alarms named <prefix>*)."
  type        = string
}

variable "dashboard_name" {
  description = "Name of the CloudWatch dashboard (letters, digits, hyphens, underscores)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.dashboard_name))
    error_message = "dashboard_name must be 1-255 letters, digits, hyphens or underscores."
  }
}

################################################################################
# What is watched
################################################################################

variable "queues" {
  description = "Per queue key (the consuming function's name): the queue's name and its dead-letter queue's name (the messaging module's queues output has both)."
  type = map(object({
    name     = string
    dlq_name = string
  }))
  default = {}
}

variable "functions" {
  description = "Per function key (the manifest folder name): the Lambda function name, which is also the Powertools service dimension of its metrics."
  type = map(object({
    function_name = string
  }))
  default = {}
}

variable "mail_senders" {
  description = "Per function key: the functions that send mail (permission word mail:send), by Lambda function name (their Powertools service dimension). Each gets a MailRejected alarm."
  type = map(object({
    function_name = string
  }))
  default = {}
}

variable "buckets" {
  description = "Per stable key (uploads, renditions): the bucket name, the BucketName dimension the bucket-metrics function puts its metrics with."
  type        = map(string)
  default     = {}
}

variable "bucket_metrics_namespace" {
  description = "CloudWatch namespace of the per-bucket metrics NumberOfObjects and BucketSizeBytes (the bucket-metrics function's METRICS_NAMESPACE)."
  type        = string
  default     = "CustomS3"
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the pipeline's Powertools metrics (ImagesProcessed, ImagesRejected, ProcessingMilliseconds; dimension service = function name)."
  type        = string
  default     = "ImagePipeline"
}

################################################################################
# Thresholds
################################################################################

variable "alarm_period_seconds" {
  description = "Period, in seconds, over which the queue and function alarms evaluate their metric (one period breaching raises the alarm)."
  type        = number
  default     = 300

  validation {
    condition     = var.alarm_period_seconds >= 60 && var.alarm_period_seconds % 60 == 0
    error_message = "alarm_period_seconds must be a multiple of 60, at least 60."
  }
}

variable "oldest_message_alarm_seconds" {
  description = "Alarm when a queue's oldest message is older than this many seconds (ApproximateAgeOfOldestMessage): the function is falling behind or stuck."
  type        = number
  default     = 900

  validation {
    condition     = var.oldest_message_alarm_seconds >= 60
    error_message = "oldest_message_alarm_seconds must be at least 60."
  }
}

variable "bucket_size_alarm_bytes" {
  description = "Alarm when a bucket holds more than this many bytes (CustomS3 BucketSizeBytes). Default 100 GiB."
  type        = number
  default     = 107374182400

  validation {
    condition     = var.bucket_size_alarm_bytes > 0
    error_message = "bucket_size_alarm_bytes must be positive."
  }
}

variable "bucket_size_period_seconds" {
  description = "Period, in seconds, of the bucket size alarm: at least the bucket-metrics schedule's interval, so every period has a data point."
  type        = number
  default     = 3600

  validation {
    condition     = var.bucket_size_period_seconds >= 60 && var.bucket_size_period_seconds % 60 == 0
    error_message = "bucket_size_period_seconds must be a multiple of 60, at least 60."
  }
}

################################################################################
# Notifications
################################################################################

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts the alarm topic; its key policy must let cloudwatch.amazonaws.com use kms:GenerateDataKey* and kms:Decrypt (the messaging module's key does)."
  type        = string
}

variable "alarm_email" {
  description = "Address subscribed to the alarm topic (AWS mails a confirmation link first). Null: no subscription."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_email == null || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alarm_email))
    error_message = "alarm_email must be an email address (or null)."
  }
}
