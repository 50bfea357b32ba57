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
  description = "Enable object versioning on both buckets; noncurrent versions (overwritten or deleted objects) then expire after noncurrent_version_expiration_days."
  type        = bool
  default     = false
}

variable "noncurrent_version_expiration_days" {
  description = "With versioning_enabled: days after which a noncurrent object version is deleted for good (a deleted original is recoverable this long, then gone)."
  type        = number
  default     = 30
}

variable "abort_incomplete_multipart_upload_days" {
  description = "Days after which S3 aborts an incomplete multipart upload in the uploads and renditions buckets and deletes its parts."
  type        = number
  default     = 1
}

# Data protection is on by default; a throwaway stack may relax it.
# `make destroy` turns both deletion protections off before it destroys.
variable "point_in_time_recovery_enabled" {
  description = "Continuous backups of the images table: restore to any second of the last 35 days."
  type        = bool
  default     = true
}

variable "deletion_protection_enabled" {
  description = "Protect the tables (images, idempotency, bucket-counters, near-duplicates) from deletion (DeleteTable fails while set; make destroy turns it off first)."
  type        = bool
  default     = true
}

variable "user_pool_deletion_protection_enabled" {
  description = "Protect the Cognito user pool, and so every account in it, from deletion (make destroy turns it off first)."
  type        = bool
  default     = true
}

################################################################################
# HTTP API
################################################################################

variable "api_throttling_rate_limit" {
  description = "Steady-state request rate of the HTTP API, in requests per second across all clients (the account's regional default of 10,000 is shared by every API). Default 50: ample for a small photo product."
  type        = number
  default     = 50
}

variable "api_throttling_burst_limit" {
  description = "Burst limit of the HTTP API, in requests arriving at once above the rate (the account's default is 5,000). Default 100."
  type        = number
  default     = 100
}

variable "upload_quotas" {
  description = <<-EOT
    Per-user upload limits the API enforces (see the pipeline module and docs/api.md, Quotas).
    max_images: live (not DELETED/REJECTED) images per user, default 1000;
    max_bytes: bytes of a user's live originals, default 5 GiB (5368709120);
    uploads_per_minute: POST /uploads + POST /images per user per minute, default 30.
  EOT
  type = object({
    max_images         = optional(number, 1000)
    max_bytes          = optional(number, 5368709120)
    uploads_per_minute = optional(number, 30)
  })
  default = {}

  validation {
    condition     = alltrue([for v in [var.upload_quotas.max_images, var.upload_quotas.max_bytes, var.upload_quotas.uploads_per_minute] : v >= 1 && floor(v) == v])
    error_message = "Every upload quota is a whole number of at least 1."
  }
}

variable "heic_enabled" {
  description = "Accept HEIC (iPhone photos), decoded by libheif's WebAssembly build. HEVC decoding may be covered by patent pools: false rejects HEIC as Image::UnsupportedFormat (see the pipeline module)."
  type        = bool
  default     = true
}

variable "image_limits" {
  description = <<-EOT
    Limits on one upload (see the pipeline module): null keeps the pipeline's
    defaults from packages/domain/src/limits.ts (50 MiB, 50 megapixels).
    max_upload_bytes: largest upload, in bytes; max_input_pixels: largest
    width x height of one frame, in pixels.
  EOT
  type = object({
    max_upload_bytes = optional(number)
    max_input_pixels = optional(number)
  })
  default = {}
}

################################################################################
# CDN
################################################################################

variable "price_class" {
  description = "CloudFront price class of the renditions and web distributions (PriceClass_100, PriceClass_200, PriceClass_All)."
  type        = string
  default     = "PriceClass_100"
}

variable "renditions_error_caching_min_ttl_seconds" {
  description = "How long, in seconds, the renditions distribution caches a 403/404 (a rendition not written yet, or deleted) before asking S3 again. Short, so a rendition shows up seconds after resize writes it."
  type        = number
  default     = 10
}

################################################################################
# Mail, schedules, concurrency
################################################################################

variable "mail_from" {
  description = "Sender address of the owner emails, e.g. photos@mail.yourdomain.org. Terraform creates it as an SES email identity: confirm the verification mail AWS sends to it (or set mail_domain and publish its DKIM records). Reserved example domains (example.com/.net/.org, *.example, *.test, *.invalid, *.localhost) are refused: SES can never verify them."
  type        = string

  validation {
    condition     = can(regex("^[^@\\s]+@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?[.])+[A-Za-z]{2,}$", var.mail_from))
    error_message = "mail_from must be an email address (local-part@domain.tld)."
  }

  # RFC 2606 / RFC 6761 names never receive mail, so SES could never verify them.
  validation {
    condition     = !can(regex("(?i)@(.+[.])?(example[.](com|net|org)|[^@]+[.](example|test|invalid|localhost))$", var.mail_from))
    error_message = "mail_from must not use a reserved example domain (example.com, example.net, example.org, *.example, *.test, *.invalid, *.localhost): SES can never verify it."
  }
}

variable "mail_domain" {
  description = "Optional domain to verify as an SES domain identity with Easy DKIM (usually mail_from's domain); publish the three CNAMEs of the dkim_dns_records output in its DNS. Null: only the mail_from address is an identity."
  type        = string
  default     = null

  validation {
    condition     = var.mail_domain == null || can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?[.])+[a-z]{2,}$", var.mail_domain))
    error_message = "mail_domain must be a lowercase domain name such as mail.yourdomain.org."
  }
}

variable "mail_configuration_set_enabled" {
  description = "Send owner emails through an SES configuration set <prefix>mail whose event destination records bounces, complaints and rejects as CloudWatch metrics (AWS/SES); the mailer gets its name as MAIL_CONFIGURATION_SET. Only the moto copy of this env (tests/security) sets false: moto 5.2.1 cannot apply the SESv2 configuration set resources."
  type        = bool
  default     = true
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
  description = <<-EOT
    Reserve each function's reservedConcurrency (function.json) for it. Off by default:
    Lambda refuses a reservation that leaves the account fewer than 100 unreserved
    concurrent executions, and a new account has a limit of 10 in all, so only an
    account whose limit covers the sum of the reservations plus 100 can turn it on
    (request a quota increase first). `make doctor` checks that quota when this is true.
    The queue pollers keep to reservedConcurrency (maximum_concurrency) either way.
    https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
  EOT
  type        = bool
  default     = false
}

variable "destination_validation_wait_seconds" {
  description = "Seconds to wait, when the events topic or key policy is created or changed, before writing the uploads bucket notification: S3 validates the topic and key policies then and fails with InvalidArgument while they propagate. 0 skips the wait (the moto copy of this env)."
  type        = number
  default     = 30
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

variable "rendition_profile" {
  description = "Which renditions every processed image gets (see the pipeline module's rendition_profile): sizes { name, width, formats, quality, crop } and avif { quality, effort, min_saving_percent }. null: the default of packages/domain/src/rendition-profile.ts. After a change, `make rerender` (docs/operations.md)."
  type = object({
    sizes = list(object({
      name    = string
      width   = number
      formats = list(string)
      quality = optional(number)
      crop    = optional(string, "none")
    }))
    avif = optional(object({
      quality            = optional(number)
      effort             = optional(number)
      min_saving_percent = optional(number)
    }))
  })
  default = null
}
