################################################################################
# Topic
################################################################################

variable "name_prefix" {
  description = "Prefix for every name this module creates: the topic is <prefix>image-events, queues are <prefix><queue key> and <prefix><queue key>-dlq."
  type        = string
}

variable "kms_deletion_window_in_days" {
  description = "Waiting period, in days (7-30), before the topic's KMS key is deleted after destroy."
  type        = number
  default     = 7

  validation {
    condition     = var.kms_deletion_window_in_days >= 7 && var.kms_deletion_window_in_days <= 30
    error_message = "kms_deletion_window_in_days must be between 7 and 30."
  }
}

################################################################################
# S3 event notifications
################################################################################

variable "uploads_bucket" {
  description = "The uploads bucket whose object created/removed events are published to the topic. This module owns the bucket's (single) notification configuration."
  type = object({
    id  = string
    arn = string
  })
}

variable "destination_validation_wait_seconds" {
  description = "Seconds to wait, on the first apply and whenever the topic or key policy changes, between writing the topic policy and writing the bucket notification (S3 validates the destination then, and a just-written policy may not be visible to it yet). 0 skips the wait (moto, which does not validate)."
  type        = number
  default     = 30

  validation {
    condition     = var.destination_validation_wait_seconds >= 0 && var.destination_validation_wait_seconds <= 600
    error_message = "destination_validation_wait_seconds must be between 0 and 600."
  }
}

variable "notification_filter_prefix" {
  description = "Only objects whose key starts with this prefix produce events."
  type        = string
  default     = "uploads/"
}

################################################################################
# Queues
################################################################################

variable "queues" {
  description = <<-EOT
    Queues subscribed to the topic, keyed by a stable name (the function name).
    batch_size: messages per Lambda invocation (1-10), passed through to outputs.
    max_receive_count: receives before a message is moved to the DLQ (5-1000, default 5).
    visibility_timeout_seconds: at least 6 x the consuming function's timeout.
    message_retention_seconds: how long an unconsumed message is kept (default 4 days).
    filter_policy: SNS filter policy as a JSON string.
    filter_policy_scope: MessageBody or MessageAttributes.
  EOT
  type = map(object({
    batch_size                 = optional(number, 10)
    max_receive_count          = optional(number, 5)
    visibility_timeout_seconds = number
    message_retention_seconds  = optional(number, 345600)
    filter_policy              = string
    filter_policy_scope        = optional(string, "MessageBody")
  }))
  default = {}

  validation {
    condition     = alltrue([for q in values(var.queues) : contains(["MessageBody", "MessageAttributes"], q.filter_policy_scope)])
    error_message = "filter_policy_scope must be MessageBody or MessageAttributes."
  }

  validation {
    condition     = alltrue([for q in values(var.queues) : can(jsondecode(q.filter_policy))])
    error_message = "filter_policy must be a JSON document (a string, e.g. jsonencode({...}))."
  }

  validation {
    condition     = alltrue([for q in values(var.queues) : q.visibility_timeout_seconds >= 0 && q.visibility_timeout_seconds <= 43200])
    error_message = "visibility_timeout_seconds must be between 0 and 43200 (12 hours)."
  }

  # A Lambda poller throttled by concurrency puts the batch back, and that
  # counts as a receive: AWS recommends at least 5 so a message is not
  # dead-lettered for throttling alone.
  # https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
  validation {
    condition     = alltrue([for q in values(var.queues) : q.max_receive_count >= 5 && q.max_receive_count <= 1000])
    error_message = "max_receive_count must be between 5 and 1000 (AWS recommends at least 5 receives for a queue Lambda polls)."
  }
}

variable "dlq_message_retention_seconds" {
  description = "How long, in seconds, a dead-lettered message is kept (default and maximum: 14 days)."
  type        = number
  default     = 1209600
}

variable "redrive_allow_policy_enabled" {
  description = "Restrict each DLQ to its own source queue (RedriveAllowPolicy byQueue). envs/local turns it off: moto does not store the attribute and the provider waits for it until the apply times out."
  type        = bool
  default     = true
}

variable "notification_emails" {
  description = "Email addresses subscribed to the notifications topic (each must confirm the subscription)."
  type        = list(string)
  default     = []
}
