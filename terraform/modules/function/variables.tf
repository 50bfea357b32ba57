################################################################################
# Function
################################################################################

variable "name" {
  description = "Lambda function name; also the log group /aws/lambda/<name>, the role name and POWERTOOLS_SERVICE_NAME."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.name))
    error_message = "name must be 1-64 letters, digits, hyphens or underscores."
  }
}

variable "manifest" {
  description = <<-EOT
    The decoded functions/<name>/function.json (see docs/internals.md).
    memoryMb: Lambda memory in MB. timeoutSeconds: Lambda timeout in seconds.
    trigger.queue.batchSize: messages per invocation. trigger.schedule.expression:
    EventBridge schedule. reservedConcurrency: concurrent executions, the ceiling of the
    queue poller (scaling_config maximum_concurrency) and, when reserved_concurrency_enabled,
    the function's reservation. permissions: words from the
    permission vocabulary. environment: extra variables, merged after the common ones.
    Attributes this module does not use (sharp, filterPolicy, ...) are ignored.
  EOT
  type = object({
    description    = optional(string, "")
    memoryMb       = number
    timeoutSeconds = number
    trigger = optional(object({
      queue = optional(object({
        batchSize = optional(number, 10)
      }))
      schedule = optional(object({
        expression = string
        # More rules invoking the same function, each with its own input (e.g. a daily run in another mode).
        extra = optional(list(object({
          name       = string
          expression = string
          input      = optional(map(string), {})
        })), [])
      }))
    }), {})
    reservedConcurrency = optional(number)
    permissions         = optional(list(string), [])
    environment         = optional(map(string), {})
  })

  validation {
    condition     = var.manifest.memoryMb >= 128 && var.manifest.memoryMb <= 10240
    error_message = "memoryMb must be between 128 and 10240."
  }

  validation {
    condition     = var.manifest.timeoutSeconds >= 1 && var.manifest.timeoutSeconds <= 900
    error_message = "timeoutSeconds must be between 1 and 900."
  }

  # An SQS event source mapping's maximum_concurrency (set to it) is 2 at least.
  validation {
    condition = var.manifest.reservedConcurrency == null || (
      try(var.manifest.reservedConcurrency >= (var.manifest.trigger.queue != null ? 2 : 1), false)
    )
    error_message = "reservedConcurrency must be at least 1, and at least 2 for a queue-triggered function."
  }

  validation {
    condition     = try(var.manifest.trigger.queue.batchSize, 1) >= 1 && try(var.manifest.trigger.queue.batchSize, 1) <= 10
    error_message = "trigger.queue.batchSize must be between 1 and 10."
  }

  validation {
    condition = alltrue([for p in var.manifest.permissions : contains([
      "uploads:read", "uploads:write", "uploads:delete", "uploads:list",
      "renditions:read", "renditions:write", "renditions:delete", "renditions:list",
      "images:read", "images:list", "images:create", "images:write", "events:publish",
      "notifications:publish", "users:read", "mail:send", "idempotency:write", "metrics:put",
      "cdn:invalidate", "counters:read", "counters:write", "counters:list", "counters:check", "counters:scan",
      "nearDuplicates:write", "nearDuplicates:delete", "nearDuplicates:query",
    ], p)])
    error_message = "permissions may only contain uploads:read|write|delete|list, renditions:read|write|delete|list, images:read|list|create|write, events:publish, notifications:publish, users:read, mail:send, idempotency:write, metrics:put, cdn:invalidate, counters:read|write|list|check|scan, nearDuplicates:write|delete|query (docs/internals.md)."
  }

  # AWS_* keys are reserved by Lambda or meant only for the local runtime, and
  # fault injection must never reach a deployed function.
  validation {
    condition = alltrue([for k in keys(var.manifest.environment) :
      !startswith(k, "AWS_") && !contains([
        "PIPELINE_FAULTS", "UPLOADS_BUCKET", "RENDITIONS_BUCKET", "IMAGES_TABLE",
        "EVENTS_TOPIC_ARN", "POWERTOOLS_SERVICE_NAME", "POWERTOOLS_LOG_LEVEL",
      ], k)
    ])
    error_message = "environment must not set AWS_*, PIPELINE_FAULTS or a variable Terraform already sets (UPLOADS_BUCKET, RENDITIONS_BUCKET, IMAGES_TABLE, EVENTS_TOPIC_ARN, POWERTOOLS_*)."
  }
}

variable "environment" {
  description = "Variables every function of the stack gets (RENDITIONS_BASE_URL, USER_POOL_ID, ...), merged after the common ones and before the manifest's; the manifest may not set the same names."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.environment) : !startswith(k, "AWS_") && k != "PIPELINE_FAULTS"])
    error_message = "environment must not set AWS_* or PIPELINE_FAULTS."
  }
}

variable "zip_path" {
  description = "Path to the prebuilt deployment package (functions/<name>/dist/<name>.zip). This module never builds code."
  type        = string
}

variable "log_level" {
  description = "POWERTOOLS_LOG_LEVEL for the function (DEBUG, INFO, WARN, ERROR)."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["DEBUG", "INFO", "WARN", "ERROR", "SILENT", "CRITICAL"], var.log_level)
    error_message = "log_level must be one of DEBUG, INFO, WARN, ERROR, CRITICAL, SILENT."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the function's log group, in days (a value CloudWatch Logs accepts; 0 = never expire)."
  type        = number
  default     = 14

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, ... 3653) or 0."
  }
}

################################################################################
# Resources the permissions refer to
################################################################################

variable "resources" {
  description = "The pipeline's shared resources: names go into the environment, ARNs are the only resources the permission words grant access to."
  type = object({
    uploads_bucket_name    = string
    uploads_bucket_arn     = string
    renditions_bucket_name = string
    renditions_bucket_arn  = string
    images_table_name      = string
    images_table_arn       = string
    events_topic_arn       = string
    events_kms_key_arn     = string
    # Used only by the permission words that name them.
    notifications_topic_arn = string
    user_pool_arn           = string
    # The one From address mail:send allows (its ses:FromAddress condition).
    mail_from_address = string
    # The SES configuration set the mailer sends through ("" when none): SES authorises the send against it too.
    mail_configuration_set_name = optional(string, "")
    idempotency_table_arn       = string
    # The bucket-counters table (counters:read|write|list|check|scan).
    counters_table_arn = string
    # The near-duplicates table (nearDuplicates:write|delete|query).
    near_duplicates_table_arn = string
    metrics_namespaces        = list(string)
    # The CloudFront distribution serving the renditions (null when none): cdn:invalidate purges its caches.
    renditions_distribution_arn = optional(string)
  })
}

variable "uploads_prefix" {
  description = "Key prefix of the uploads the permission words uploads:read|write|delete reach (UPLOADS_PREFIX in packages/domain, the S3 notification filter)."
  type        = string
  default     = "uploads/"

  validation {
    condition     = can(regex("^[^*?]+/$", var.uploads_prefix))
    error_message = "uploads_prefix must be a non-empty key prefix ending in / without wildcards."
  }
}

################################################################################
# Queue trigger
################################################################################

variable "queue" {
  description = "The function's own SQS queue (from the messaging module) when the manifest has trigger.queue; null otherwise."
  type = object({
    arn = string
  })
  default = null
}

variable "event_source_mapping_enabled" {
  description = "Whether Lambda polls the queue. envs/local sets false: moto cannot invoke Lambda without Docker, the local runtime polls instead."
  type        = bool
  default     = true
}

################################################################################
# Schedule trigger
################################################################################

variable "schedule_expression" {
  description = "EventBridge schedule for a manifest with trigger.schedule: overrides its expression when set (e.g. rate(1 minute)); null keeps the manifest's."
  type        = string
  default     = null
}

variable "schedule_enabled" {
  description = "Whether the EventBridge rule of a scheduled function is enabled. envs/local sets false: the local runtime runs schedules itself."
  type        = bool
  default     = true
}

variable "reserved_concurrency_enabled" {
  description = "Whether the manifest's reservedConcurrency is reserved for the function (reserved_concurrent_executions). Lambda refuses a reservation that leaves the account fewer than 100 unreserved concurrent executions, so a new account (limit 10) cannot reserve any. The SQS poller's maximum_concurrency (the same number) applies either way."
  type        = bool
  default     = false
}
