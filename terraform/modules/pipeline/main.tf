################################################################################
# Pipeline
################################################################################

# Everything about a function comes from its function.json; nothing here names
# a particular function.
locals {
  manifests = {
    for f in fileset(var.functions_dir, "*/function.json") :
    dirname(f) => jsondecode(file("${var.functions_dir}/${f}"))
  }

  queue_functions = {
    for name, m in local.manifests : name => m.trigger.queue
    if try(m.trigger.queue, null) != null
  }

  schedule_functions = {
    for name, m in local.manifests : name => m.trigger.schedule
    if try(m.trigger.schedule, null) != null
  }

  http_functions = {
    for name, m in local.manifests : name => m.trigger.http
    if try(m.trigger.http, null) != null
  }

  # What every function gets besides the common variables: harmless to the
  # queue functions, and the mailer can use the web and rendition URLs.
  stack_environment = merge({
    RENDITIONS_BASE_URL = coalesce(
      var.renditions_base_url,
      var.s3_endpoint_url != null ? "${trimsuffix(var.s3_endpoint_url, "/")}/${module.storage.renditions_bucket_id}" : null,
      "https://${module.storage.renditions_bucket_regional_domain_name}",
    )
    USER_POOL_ID        = module.auth.user_pool_id
    USER_POOL_CLIENT_ID = module.auth.client_id
    WEB_APP_URL         = var.web_app_url
    MODERATORS_GROUP    = module.auth.moderators_group_name
    # Mail and notifications (the mailer), idempotency records, pipeline metrics.
    MAIL_FROM                    = aws_ses_email_identity.sender.email
    OPERATIONS_EMAIL             = var.operations_email
    NOTIFICATIONS_TOPIC_ARN      = module.messaging.notifications_topic_arn
    IDEMPOTENCY_TABLE            = module.table.idempotency_table_name
    COUNTERS_TABLE               = module.table.counters_table_name
    NEAR_DUPLICATES_TABLE        = module.table.near_duplicates_table_name
    POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
    # The renditions CDN, for purging deleted and rejected images ("" without one).
    RENDITIONS_DISTRIBUTION_ID  = var.renditions_distribution_id == null ? "" : var.renditions_distribution_id
    RENDITIONS_DISTRIBUTION_ARN = local.renditions_distribution_arn == null ? "" : local.renditions_distribution_arn
    # Whether ingest accepts HEIC and resize decodes it (packages/imaging/src/heic/heic-enabled.ts).
    HEIC_ENABLED = tostring(var.heic_enabled)
    }, local.mail_configuration_set != "" ? {
    # The mailer sends through it when set, so SES records bounces and complaints.
    MAIL_CONFIGURATION_SET = local.mail_configuration_set
  } : {}, local.image_limits_environment, local.rendition_profile_environment)

  # Only the limits set in var.image_limits: the functions default the others
  # from @pipeline/domain, so no default number is written twice.
  image_limits_environment = {
    for name, value in {
      MAX_UPLOAD_BYTES = var.image_limits.max_upload_bytes
      MAX_INPUT_PIXELS = var.image_limits.max_input_pixels
    } : name => tostring(value) if value != null
  }

  # Where bucket-metrics puts NumberOfObjects and BucketSizeBytes (its manifest's METRICS_NAMESPACE).
  bucket_metrics_namespace = "CustomS3"

  # Namespaces the metrics:put permission word allows.
  metrics_namespaces = [local.bucket_metrics_namespace, var.metrics_namespace]

  # The functions allowed to send mail (permission word mail:send): each gets
  # a MailRejected alarm, found from the manifests like everything else.
  mail_senders = [for name, m in local.manifests : name if contains(try(m.permissions, []), "mail:send")]
}

data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  # Built from the id rather than read from the distribution: CloudFront ARNs
  # carry no region, in this exact form (what IAM and the recorded calls name).
  renditions_distribution_arn = var.renditions_distribution_id == null ? null : "arn:${data.aws_partition.current.partition}:cloudfront::${data.aws_caller_identity.current.account_id}:distribution/${var.renditions_distribution_id}"
}

################################################################################
# Mail
################################################################################

# The verified sender of owner emails (SES sandbox: recipients must be verified too).
resource "aws_ses_email_identity" "sender" {
  email = var.mail_from
}

# Optional: the sender's domain as an identity with Easy DKIM, so mail is
# signed and (once the CNAMEs are published) the domain's addresses need no
# one-by-one verification.
# https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-dkim-easy.html
resource "aws_sesv2_email_identity" "domain" {
  count = var.mail_domain != null ? 1 : 0

  email_identity = var.mail_domain
}

# A configuration set whose event destination records bounces, complaints and
# rejects as CloudWatch metrics (namespace AWS/SES, dimension
# ses:configuration-set); the mailer sends through it (MAIL_CONFIGURATION_SET).
# Bounce and complaint rates decide whether SES keeps the account sending.
# https://docs.aws.amazon.com/ses/latest/dg/monitor-using-event-publishing.html
# moto 5.2.1 cannot apply either resource (its GetConfigurationSet answer does
# not parse, and it has no event destination API), so envs/local leaves this
# off and the security suite's moto copy of envs/aws names it without creating it.
locals {
  # Named, not read from the resource: against moto the set is not created
  # (mail_configuration_set_resources_enabled), yet the mailer's grant and
  # environment must be what AWS gets, for the IAM evaluation to see them.
  mail_configuration_set = var.mail_configuration_set_enabled ? try(aws_sesv2_configuration_set.mail[0].configuration_set_name, "${var.name_prefix}mail") : ""
}

resource "aws_sesv2_configuration_set" "mail" {
  count = var.mail_configuration_set_enabled && var.mail_configuration_set_resources_enabled ? 1 : 0

  configuration_set_name = "${var.name_prefix}mail"
}

resource "aws_sesv2_configuration_set_event_destination" "mail" {
  count = length(aws_sesv2_configuration_set.mail)

  configuration_set_name = aws_sesv2_configuration_set.mail[0].configuration_set_name
  event_destination_name = "bounces-and-complaints"

  event_destination {
    enabled              = true
    matching_event_types = ["BOUNCE", "COMPLAINT", "REJECT"]

    cloud_watch_destination {
      dimension_configuration {
        dimension_name          = "ses:configuration-set"
        dimension_value_source  = "MESSAGE_TAG"
        default_dimension_value = "${var.name_prefix}mail"
      }
    }
  }
}

################################################################################
# Storage
################################################################################

module "storage" {
  source = "../storage"

  uploads_bucket_name    = "${var.name_prefix}uploads${var.bucket_suffix}"
  renditions_bucket_name = "${var.name_prefix}renditions${var.bucket_suffix}"
  force_destroy          = var.force_destroy
  versioning_enabled     = var.versioning_enabled
  cors_allowed_origins   = var.cors_allowed_origins

  secure_transport_only                  = var.secure_transport_only
  external_policy_buckets                = var.renditions_bucket_policy_external ? ["renditions"] : []
  lifecycle_rules_enabled                = var.lifecycle_rules_enabled
  abort_incomplete_multipart_upload_days = var.abort_incomplete_multipart_upload_days
  noncurrent_version_expiration_days     = var.noncurrent_version_expiration_days
}

################################################################################
# Messaging
################################################################################

module "messaging" {
  source = "../messaging"

  name_prefix                         = var.name_prefix
  redrive_allow_policy_enabled        = var.redrive_allow_policy_enabled
  destination_validation_wait_seconds = var.destination_validation_wait_seconds
  notification_emails                 = var.notification_emails

  uploads_bucket = {
    id  = module.storage.uploads_bucket_id
    arn = module.storage.uploads_bucket_arn
  }

  queues = {
    for name, q in local.queue_functions : name => {
      batch_size                 = try(q.batchSize, null)
      max_receive_count          = try(q.maxReceiveCount, null)
      visibility_timeout_seconds = 6 * local.manifests[name].timeoutSeconds
      filter_policy              = jsonencode(q.filterPolicy)
      filter_policy_scope        = try(q.filterPolicyScope, null)
    }
  }
}

################################################################################
# Table
################################################################################

module "table" {
  source = "../table"

  name                           = "${var.name_prefix}images"
  point_in_time_recovery_enabled = var.point_in_time_recovery_enabled
  deletion_protection_enabled    = var.deletion_protection_enabled
}

################################################################################
# Auth
################################################################################

module "auth" {
  source = "../auth"

  name                        = "${var.name_prefix}users"
  deletion_protection_enabled = var.user_pool_deletion_protection_enabled
  moderators_group_name       = var.moderators_group_name
}

################################################################################
# Functions
################################################################################

module "function" {
  source   = "../function"
  for_each = local.manifests

  name     = "${var.name_prefix}${each.key}"
  manifest = each.value
  zip_path = "${var.functions_dir}/${each.key}/dist/${each.key}.zip"

  # HTTP functions also get the per-user upload quotas (read per invocation, so a
  # local gateway can override them for a test).
  environment = contains(keys(local.http_functions), each.key) ? merge(local.stack_environment, {
    QUOTA_MAX_IMAGES         = tostring(var.upload_quotas.max_images)
    QUOTA_MAX_BYTES          = tostring(var.upload_quotas.max_bytes)
    QUOTA_UPLOADS_PER_MINUTE = tostring(var.upload_quotas.uploads_per_minute)
  }) : local.stack_environment

  resources = {
    uploads_bucket_name    = module.storage.uploads_bucket_id
    uploads_bucket_arn     = module.storage.uploads_bucket_arn
    renditions_bucket_name = module.storage.renditions_bucket_id
    renditions_bucket_arn  = module.storage.renditions_bucket_arn
    images_table_name      = module.table.name
    images_table_arn       = module.table.arn
    events_topic_arn       = module.messaging.topic_arn
    events_kms_key_arn     = module.messaging.kms_key_arn

    notifications_topic_arn     = module.messaging.notifications_topic_arn
    user_pool_arn               = module.auth.user_pool_arn
    mail_from_address           = aws_ses_email_identity.sender.email
    mail_configuration_set_name = local.mail_configuration_set
    idempotency_table_arn       = module.table.idempotency_table_arn
    counters_table_arn          = module.table.counters_table_arn
    near_duplicates_table_arn   = module.table.near_duplicates_table_arn
    metrics_namespaces          = local.metrics_namespaces
    renditions_distribution_arn = local.renditions_distribution_arn
  }

  schedule_expression          = lookup(var.schedule_expressions, each.key, null)
  schedule_enabled             = var.schedules_enabled
  reserved_concurrency_enabled = var.reserved_concurrency_enabled

  queue = contains(keys(local.queue_functions), each.key) ? { arn = module.messaging.queues[each.key].arn } : null

  log_level                    = var.log_level
  log_retention_in_days        = var.log_retention_in_days
  event_source_mapping_enabled = var.event_source_mapping_enabled
}

################################################################################
# HTTP API
################################################################################

module "http_api" {
  source = "../http_api"
  count  = var.http_api_enabled && length(local.http_functions) > 0 ? 1 : 0

  name               = "${var.name_prefix}api"
  cors_allow_origins = var.cors_allowed_origins
  jwt_issuer         = module.auth.issuer_url
  jwt_audience       = [module.auth.client_id]

  functions = {
    for name, h in local.http_functions : name => {
      function_name = module.function[name].function_name
      invoke_arn    = module.function[name].invoke_arn
      routes        = h.routes
      authorizer    = try(h.authorizer, "cognito")
    }
  }

  log_retention_in_days  = var.log_retention_in_days
  throttling_rate_limit  = var.api_throttling_rate_limit
  throttling_burst_limit = var.api_throttling_burst_limit
}

################################################################################
# Monitoring
################################################################################

# Alarms and the dashboard come from the same maps as the queues and functions,
# so a new function.json gets its alarms and graphs with no edit.
module "monitoring" {
  source = "../monitoring"

  name_prefix = var.name_prefix
  # Dashboards are global to the account (one list for every region): the
  # region keeps two regional deployments apart.
  # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudwatch-dashboard.html
  dashboard_name = "${var.name_prefix}dashboard-${data.aws_region.current.name}"
  kms_key_arn    = module.messaging.kms_key_arn
  alarm_email    = var.alarm_email

  queues = {
    for name, q in module.messaging.queues : name => { name = q.name, dlq_name = q.dlq_name }
  }
  functions = {
    for name, f in module.function : name => { function_name = f.function_name }
  }
  mail_senders = {
    for name in local.mail_senders : name => { function_name = module.function[name].function_name }
  }
  buckets = {
    uploads    = module.storage.uploads_bucket_id
    renditions = module.storage.renditions_bucket_id
  }

  metrics_namespace            = var.metrics_namespace
  bucket_metrics_namespace     = local.bucket_metrics_namespace
  oldest_message_alarm_seconds = var.oldest_message_alarm_seconds
  bucket_size_alarm_bytes      = var.bucket_size_alarm_bytes
}
