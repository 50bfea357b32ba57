################################################################################
# Pipeline
################################################################################

variable "name_prefix" {
  description = "Prefix for every resource name (topic <prefix>image-events, function and queue <prefix><function>, table <prefix>images, buckets <prefix>uploads<suffix>)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9-]{0,24}$", var.name_prefix))
    error_message = "name_prefix must be at most 24 lowercase letters, digits or hyphens (it ends up in bucket names)."
  }
}

variable "bucket_suffix" {
  description = "Appended to bucket names to make them globally unique on AWS (for example -<account id>-<region>). Empty locally."
  type        = string
  default     = ""
}

variable "functions_dir" {
  description = "Directory holding functions/<name>/function.json and the prebuilt functions/<name>/dist/<name>.zip. Every function.json found becomes a function."
  type        = string
}

################################################################################
# Storage
################################################################################

variable "force_destroy" {
  description = "Let destroy empty the buckets. For throwaway environments."
  type        = bool
  default     = false
}

variable "lifecycle_rules_enabled" {
  description = "Write the buckets' lifecycle rules (abort incomplete multipart uploads, expire noncurrent versions). Off only where nothing runs them (moto): the provider then waits ~30-55 s per bucket for rules that never act."
  type        = bool
  default     = true
}

variable "versioning_enabled" {
  description = "Enable object versioning on both buckets."
  type        = bool
  default     = false
}

variable "cors_allowed_origins" {
  description = "Browser origins (scheme://host[:port]) allowed to presigned-POST to the uploads bucket and to call the HTTP API: the web app's, plus any extra. Empty: no CORS."
  type        = list(string)
  default     = []
}

variable "secure_transport_only" {
  description = "Give the uploads and renditions buckets policies that deny every request made without TLS. envs/local turns it off: moto 5.2.1 applies a bucket policy's Deny to object requests without evaluating its condition, so the deny would refuse every local (plain HTTP) request."
  type        = bool
  default     = true
}

variable "renditions_bucket_policy_external" {
  description = "True when another module (envs/aws: the cdn module serving the bucket) writes the renditions bucket's only policy, TLS-only deny included; the storage module then writes none for it."
  type        = bool
  default     = false
}

variable "abort_incomplete_multipart_upload_days" {
  description = "Days after which S3 aborts an incomplete multipart upload in the uploads and renditions buckets and deletes its parts."
  type        = number
  default     = 1
}

variable "noncurrent_version_expiration_days" {
  description = "With versioning_enabled: days after which a noncurrent (overwritten or deleted) object version is deleted for good."
  type        = number
  default     = 30
}

################################################################################
# Messaging
################################################################################

variable "destination_validation_wait_seconds" {
  description = "Seconds the first apply waits between the topic and key policies and the S3 bucket notification that S3 validates against them (see the messaging module). 0 against moto."
  type        = number
  default     = 30
}

variable "redrive_allow_policy_enabled" {
  description = "Restrict each DLQ to its own source queue. Off only against moto, which does not store RedriveAllowPolicy."
  type        = bool
  default     = true
}

################################################################################
# Table
################################################################################

variable "point_in_time_recovery_enabled" {
  description = "Continuous backups (35 days) for the images table."
  type        = bool
  default     = true
}

variable "deletion_protection_enabled" {
  description = "Protect the images and idempotency tables from deletion (make destroy turns it off before destroying). Off only for throwaway stacks."
  type        = bool
  default     = true
}

################################################################################
# Functions
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

variable "renditions_base_url" {
  description = "Base URL clients fetch renditions from (<base>/<key>), without a trailing slash: the CloudFront URL in AWS. Null: <s3_endpoint_url>/<renditions bucket> when s3_endpoint_url is set, else the bucket's S3 URL (private, so only for testing)."
  type        = string
  default     = null

  validation {
    condition     = var.renditions_base_url == null || can(regex("^https?://[^ ]+[^/]$", var.renditions_base_url))
    error_message = "renditions_base_url must be an http(s) URL without a trailing slash."
  }
}

variable "s3_endpoint_url" {
  description = "S3 endpoint of an emulator (envs/local: the moto URL). Only used to build the default renditions_base_url, path-style."
  type        = string
  default     = null
}

variable "renditions_distribution_id" {
  description = "ID of the CloudFront distribution serving the renditions (the cdn module's distribution_id). Functions get it as RENDITIONS_DISTRIBUTION_ID, and the permission word cdn:invalidate grants cloudfront:CreateInvalidation on it. Null: no CDN, nothing to invalidate."
  type        = string
  default     = null
}

variable "web_app_url" {
  description = "Origin of the web app (scheme://host[:port]); every function gets it as WEB_APP_URL (links in emails, CORS)."
  type        = string
  default     = ""
}

variable "event_source_mapping_enabled" {
  description = "Whether Lambda polls the queues. False locally, where the local runtime plays the Lambda service."
  type        = bool
  default     = true
}

variable "schedule_expressions" {
  description = "Per scheduled function (manifest folder name), an EventBridge schedule that replaces the manifest's, e.g. { bucket-metrics = \"rate(1 hour)\" }."
  type        = map(string)
  default     = {}
}

variable "schedules_enabled" {
  description = "Whether the EventBridge schedules are enabled. False locally, where the local runtime runs the schedules."
  type        = bool
  default     = true
}

variable "reserved_concurrency_enabled" {
  description = "Reserve each manifest's reservedConcurrency for its function. Lambda refuses a reservation that leaves the account fewer than 100 unreserved concurrent executions (new accounts have 10 in all). The queue pollers' maximum_concurrency applies either way."
  type        = bool
  default     = false
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the pipeline's own metrics (Powertools Metrics: images processed and rejected, processing time)."
  type        = string
  default     = "ImagePipeline"
}

################################################################################
# Mail and notifications
################################################################################

variable "mail_from" {
  description = "Sender of the owner emails; Terraform creates it as an SES email identity (in the SES sandbox it must be verified, and so must recipients)."
  type        = string
  default     = "no-reply@example.com"
}

variable "mail_domain" {
  description = "Domain of mail_from to create as an SES domain identity with Easy DKIM (publish the dkim_dns_records CNAMEs). Null: only the mail_from address identity."
  type        = string
  default     = null

  validation {
    condition     = var.mail_domain == null || can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?[.])+[a-z]{2,}$", var.mail_domain))
    error_message = "mail_domain must be a lowercase domain name such as mail.example.org."
  }
}

variable "mail_configuration_set_enabled" {
  description = "Create an SES configuration set <prefix>mail that records bounces, complaints and rejects (CloudWatch, namespace AWS/SES), and give every function MAIL_CONFIGURATION_SET. Off locally: moto 5.2.1 cannot apply the SESv2 configuration set resources."
  type        = bool
  default     = false
}

variable "mail_configuration_set_resources_enabled" {
  description = "Whether Terraform creates the configuration set that mail_configuration_set_enabled names. false only against moto, which cannot apply SESv2 configuration sets: the mailer's grant and MAIL_CONFIGURATION_SET still name <prefix>mail, so the plan holds the policies AWS gets."
  type        = bool
  default     = true
}

variable "operations_email" {
  description = "Where mail about uploads without an owner (an operator's aws s3 cp into uploads/) goes. Empty: such mail is not sent."
  type        = string
  default     = ""
}

variable "notification_emails" {
  description = "Addresses subscribed to the notifications topic (a one-line summary of each processed or rejected image)."
  type        = list(string)
  default     = []
}

################################################################################
# Auth
################################################################################

variable "user_pool_deletion_protection_enabled" {
  description = "Refuse to delete the Cognito user pool while set (make destroy turns it off before destroying). Off only for throwaway stacks."
  type        = bool
  default     = true
}

variable "moderators_group_name" {
  description = "Cognito group whose members are moderators; every function gets it as MODERATORS_GROUP."
  type        = string
  default     = "moderators"
}

################################################################################
# HTTP API
################################################################################

variable "http_api_enabled" {
  description = "Create the API Gateway HTTP API for the functions with trigger.http (there must be some)."
  type        = bool
  default     = true
}

variable "api_throttling_rate_limit" {
  description = "Steady-state request rate of the HTTP API's $default stage, in requests per second across all clients (see the http_api module)."
  type        = number
  default     = 50
}

variable "api_throttling_burst_limit" {
  description = "Burst limit of the HTTP API's $default stage, in requests (see the http_api module)."
  type        = number
  default     = 100
}

variable "upload_quotas" {
  description = <<-EOT
    Per-user upload limits the API enforces (QUOTA_* in its environment).
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
  description = <<-EOT
    Accept HEIC (HEVC-coded HEIF, an iPhone's photos): ingest accepts it and
    resize decodes it with libheif's WebAssembly build (HEIC_ENABLED in every
    function's environment). HEVC decoding may be covered by patent pools:
    false rejects HEIC as Image::UnsupportedFormat, as before HEIC support.
  EOT
  type        = bool
  default     = true
}

variable "image_limits" {
  description = <<-EOT
    Limits on an upload, for every function (MAX_UPLOAD_BYTES and MAX_INPUT_PIXELS
    in its environment). null keeps the pipeline's default from @pipeline/domain
    (packages/domain/src/limits.ts): 50 MiB and 50 megapixels.
    max_upload_bytes: largest upload, in bytes (ingest rejects it, the API refuses to sign it);
    max_input_pixels: largest width x height of one frame, in pixels (ingest and resize).
  EOT
  type = object({
    max_upload_bytes = optional(number)
    max_input_pixels = optional(number)
  })
  default = {}

  validation {
    condition     = alltrue([for v in [var.image_limits.max_upload_bytes, var.image_limits.max_input_pixels] : v >= 1 && floor(v) == v if v != null])
    error_message = "Every image limit is null or a whole number of at least 1."
  }
}

################################################################################
# Monitoring
################################################################################

variable "alarm_email" {
  description = "Address subscribed to the alarm topic (it must confirm the subscription AWS mails it). Null: alarms only change state on the dashboard."
  type        = string
  default     = null
}

variable "oldest_message_alarm_seconds" {
  description = "Alarm when a queue's oldest message has waited longer than this, in seconds."
  type        = number
  default     = 900
}

variable "bucket_size_alarm_bytes" {
  description = "Alarm when a bucket (uploads or renditions) holds more than this many bytes (CustomS3 BucketSizeBytes). Default 100 GiB."
  type        = number
  default     = 107374182400
}

################################################################################
# Rendition profile
################################################################################

variable "rendition_profile" {
  description = <<-EOT
    Which renditions every processed image gets (RENDITION_PROFILE in every
    function's environment). null keeps the default of @pipeline/domain
    (packages/domain/src/rendition-profile.ts): thumb 150, small 480, medium 1024
    and large 2048 px in JPEG and WebP, and a 320 px square cut around the subject.
    sizes: name (lower-case key segment), width (px, 16-8192; the side of a square),
    formats (jpeg, webp, avif), quality (1-100; default each encoder's own),
    crop ("none" or "square-attention").
    avif: quality (1-100), effort (0-9), min_saving_percent (0-90: an image keeps
    AVIF only when it is this much smaller than its WebP at comparable SSIM).
    After a change, `make rerender` (docs/operations.md) brings existing images to it.
  EOT
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

  validation {
    condition     = var.rendition_profile == null || try(length(var.rendition_profile.sizes) >= 1 && length(var.rendition_profile.sizes) <= 16, false)
    error_message = "rendition_profile.sizes lists 1 to 16 sizes."
  }
  validation {
    condition     = var.rendition_profile == null || try(length(distinct([for s in var.rendition_profile.sizes : s.name])) == length(var.rendition_profile.sizes) && alltrue([for s in var.rendition_profile.sizes : can(regex("^[a-z][a-z0-9-]{0,31}$", s.name))]), false)
    error_message = "Every rendition_profile size has its own name: lower-case letters, digits or \"-\", starting with a letter, at most 32."
  }
  validation {
    condition     = var.rendition_profile == null || try(alltrue([for s in var.rendition_profile.sizes : s.width >= 16 && s.width <= 8192 && floor(s.width) == s.width]), false)
    error_message = "Every rendition_profile width is a whole number of pixels from 16 to 8192."
  }
  validation {
    condition     = var.rendition_profile == null || try(alltrue([for s in var.rendition_profile.sizes : length(s.formats) >= 1 && length(distinct(s.formats)) == length(s.formats) && alltrue([for f in s.formats : contains(["jpeg", "webp", "avif"], f)])]), false)
    error_message = "Every rendition_profile size lists one or more of jpeg, webp, avif, each once."
  }
  validation {
    condition     = var.rendition_profile == null || try(alltrue([for s in var.rendition_profile.sizes : (s.quality == null ? true : s.quality >= 1 && s.quality <= 100 && floor(s.quality) == s.quality) && contains(["none", "square-attention"], s.crop)]), false)
    error_message = "A rendition_profile quality is a whole number from 1 to 100, and crop is \"none\" or \"square-attention\"."
  }
  validation {
    condition = var.rendition_profile == null ? true : var.rendition_profile.avif == null ? true : (
      (var.rendition_profile.avif.quality == null ? true : var.rendition_profile.avif.quality >= 1 && var.rendition_profile.avif.quality <= 100) &&
      (var.rendition_profile.avif.effort == null ? true : var.rendition_profile.avif.effort >= 0 && var.rendition_profile.avif.effort <= 9) &&
      (var.rendition_profile.avif.min_saving_percent == null ? true : var.rendition_profile.avif.min_saving_percent >= 0 && var.rendition_profile.avif.min_saving_percent <= 90)
    )
    error_message = "rendition_profile.avif: quality 1-100, effort 0-9, min_saving_percent 0-90."
  }
}
