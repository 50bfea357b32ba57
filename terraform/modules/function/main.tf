################################################################################
# Function
################################################################################

locals {
  queue_trigger    = try(var.manifest.trigger.queue, null)
  schedule_trigger = try(var.manifest.trigger.schedule, null)
  schedule         = local.schedule_trigger == null ? null : coalesce(var.schedule_expression, local.schedule_trigger.expression)
  # As a list, so the rule (count 0 or 1) indexes a value validate knows is a string.
  schedules = compact([local.schedule])

  # function.json reservedConcurrency is the function's concurrency ceiling.
  # Reserving it is optional (reserved_concurrency_enabled): Lambda refuses a
  # reservation that leaves the account fewer than 100 unreserved executions,
  # which a new account (limit 10) always would.
  # https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
  reserved_concurrency = var.reserved_concurrency_enabled ? var.manifest.reservedConcurrency : null

  # The queue poller's ceiling applies whether or not the reservation does: it
  # needs no account quota, and it keeps a burst from fanning out past what
  # SES and DynamoDB take. SQS mappings accept 2-1000 (the manifest
  # validation refuses less), and a manifest without a number gets 2.
  # https://docs.aws.amazon.com/lambda/latest/api/API_ScalingConfig.html
  maximum_concurrency = max(2, coalesce(var.manifest.reservedConcurrency, 2))

  environment = merge(
    {
      UPLOADS_BUCKET          = var.resources.uploads_bucket_name
      RENDITIONS_BUCKET       = var.resources.renditions_bucket_name
      IMAGES_TABLE            = var.resources.images_table_name
      EVENTS_TOPIC_ARN        = var.resources.events_topic_arn
      POWERTOOLS_SERVICE_NAME = var.name
      POWERTOOLS_LOG_LEVEL    = var.log_level
    },
    var.environment,
    var.manifest.environment,
  )
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_in_days
}

resource "aws_lambda_function" "this" {
  function_name    = var.name
  description      = var.manifest.description
  role             = aws_iam_role.this.arn
  runtime          = "nodejs22.x"
  handler          = "index.handler"
  architectures    = ["arm64"]
  filename         = var.zip_path
  source_code_hash = filebase64sha256(var.zip_path)
  memory_size      = var.manifest.memoryMb
  timeout          = var.manifest.timeoutSeconds

  # A ceiling per function (function.json reservedConcurrency), so a burst of
  # uploads cannot starve the account or overrun SES and DynamoDB.
  reserved_concurrent_executions = coalesce(local.reserved_concurrency, -1)

  environment {
    variables = local.environment
  }

  lifecycle {
    precondition {
      condition     = length(setintersection(keys(var.environment), keys(var.manifest.environment))) == 0
      error_message = "The manifest's environment must not set a variable Terraform already sets through var.environment (${join(", ", keys(var.environment))})."
    }
  }

  # The log group (with its retention) must exist before Lambda creates one.
  # The role policy is not waited for here (it needs the queue, which takes
  # longest to create); nothing invokes the function before the event source
  # mapping, which does wait for it.
  depends_on = [aws_cloudwatch_log_group.this]
}

################################################################################
# IAM
################################################################################

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# IAM is global to the account while functions are regional: the region in
# the role name lets the same stack deploy to two regions of one account.
# IAM role names are at most 64 characters; a longer function name is cut and
# keeps a hash of the whole so two cut names still differ.
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
data "aws_region" "current" {}
data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

locals {
  role_suffix = "-${data.aws_region.current.name}"
  role_name = (
    length(var.name) + length(local.role_suffix) <= 64
    ? "${var.name}${local.role_suffix}"
    : "${substr(var.name, 0, 64 - length(local.role_suffix) - 9)}-${substr(sha1(var.name), 0, 8)}${local.role_suffix}"
  )
}

resource "aws_iam_role" "this" {
  name               = local.role_name
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

locals {
  # Uploads objects only under the prefix the pipeline writes and reacts to
  # (S3 notifications are filtered on it too): nothing else in the bucket is
  # any function's business. Renditions live at their bucket's root
  # (<imageId>/<version>/...), a bucket that holds nothing else.
  uploads_objects    = "${var.resources.uploads_bucket_arn}/${var.uploads_prefix}*"
  renditions_objects = "${var.resources.renditions_bucket_arn}/*"
  ses_arn_prefix     = "arn:${data.aws_partition.current.partition}:ses:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}"

  # The permission vocabulary of docs/internals.md: each word grants these
  # actions on exactly this resource and nothing else.
  permission_statements = {
    "uploads:read"   = [{ sid = "UploadsRead", actions = ["s3:GetObject"], resources = [local.uploads_objects] }]
    "uploads:write"  = [{ sid = "UploadsWrite", actions = ["s3:PutObject"], resources = [local.uploads_objects] }]
    "uploads:delete" = [{ sid = "UploadsDelete", actions = ["s3:DeleteObject"], resources = [local.uploads_objects] }]
    # Without ListBucket, S3 answers a read of a missing key with 403 instead of 404.
    "uploads:list"      = [{ sid = "UploadsList", actions = ["s3:ListBucket"], resources = [var.resources.uploads_bucket_arn] }]
    "renditions:read"   = [{ sid = "RenditionsRead", actions = ["s3:GetObject"], resources = [local.renditions_objects] }]
    "renditions:write"  = [{ sid = "RenditionsWrite", actions = ["s3:PutObject"], resources = [local.renditions_objects] }]
    "renditions:delete" = [{ sid = "RenditionsDelete", actions = ["s3:DeleteObject"], resources = [local.renditions_objects] }]
    "renditions:list"   = [{ sid = "RenditionsList", actions = ["s3:ListBucket"], resources = [var.resources.renditions_bucket_arn] }]
    # Removing a rendition does not take it out of the CDN's edge caches, so whoever removes
    # renditions for good (delete, a moderator's rejection) invalidates them. Nothing without a distribution.
    "cdn:invalidate" = var.resources.renditions_distribution_arn == null ? [] : [{
      sid       = "CdnInvalidate"
      actions   = ["cloudfront:CreateInvalidation"]
      resources = [var.resources.renditions_distribution_arn]
    }]
    # Records are read by key; lists go through the indexes (byOwner, byStatusShard)
    # and only the API lists. GetItem cannot target an index and nothing
    # queries the base table, so each word names only what it is used on (the
    # IAM evaluation in tests/security proves every grant is used).
    "images:read" = [{ sid = "ImagesRead", actions = ["dynamodb:GetItem"], resources = [var.resources.images_table_arn] }]
    "images:list" = [{ sid = "ImagesList", actions = ["dynamodb:Query"], resources = ["${var.resources.images_table_arn}/index/*"] }]
    # Only ingest creates a record (a conditional PutItem); every other change
    # is a conditional UpdateItem, and nothing deletes a record (DELETED is a status).
    "images:create" = [{ sid = "ImagesCreate", actions = ["dynamodb:PutItem"], resources = [var.resources.images_table_arn] }]
    "images:write"  = [{ sid = "ImagesWrite", actions = ["dynamodb:UpdateItem"], resources = [var.resources.images_table_arn] }]
    "events:publish" = [
      { sid = "EventsPublish", actions = ["sns:Publish"], resources = [var.resources.events_topic_arn] },
      { sid = "EventsEncrypt", actions = ["kms:GenerateDataKey", "kms:Decrypt"], resources = [var.resources.events_kms_key_arn] },
    ]
    # The notifications topic shares the events topic's key.
    "notifications:publish" = [
      { sid = "NotificationsPublish", actions = ["sns:Publish"], resources = [var.resources.notifications_topic_arn] },
      { sid = "NotificationsEncrypt", actions = ["kms:GenerateDataKey", "kms:Decrypt"], resources = [var.resources.events_kms_key_arn] },
    ]
    "users:read" = [{
      sid = "UsersRead"
      # The mailer finds the owner by sub with ListUsers (AdminGetUser takes a username).
      actions   = ["cognito-idp:ListUsers"]
      resources = [var.resources.user_pool_arn]
    }]
    # SES authorises a send against every identity it involves: the sender's
    # and, in the sandbox, each recipient's (all of them verified identities of
    # this account), so a grant on the sender identity alone is AccessDenied
    # for any recipient. identity/* covers them; the ses:FromAddress condition
    # keeps the sender pinned to mail_from.
    # A send through a configuration set is also authorised against the set.
    # SES v2 SendEmail is the ses:SendEmail action for raw content too (v2 has
    # no SendRawEmail operation), so that is the only action granted.
    # https://docs.aws.amazon.com/ses/latest/dg/control-user-access.html
    # https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleemailservicev2.html
    "mail:send" = [{
      sid     = "MailSend"
      actions = ["ses:SendEmail"]
      resources = compact([
        "${local.ses_arn_prefix}:identity/*",
        var.resources.mail_configuration_set_name == "" ? "" : "${local.ses_arn_prefix}:configuration-set/${var.resources.mail_configuration_set_name}",
      ])
      conditions = [{
        test     = "StringEquals"
        variable = "ses:FromAddress"
        values   = [var.resources.mail_from_address]
      }]
    }]
    # The bucket counters: bucket-counters reads an image's ledger (GetItem) and updates it with
    # its counter shard in one TransactWriteItems, whose items IAM authorises as UpdateItem;
    # bucket-metrics reads the counters partition (Query), reads every ledger in its daily
    # reconcile (Scan, the one function that scans) and stores the reconcile (UpdateItem).
    # counters:check (ConditionCheckItem) conditions a write on the shards' change stamps; no
    # function uses it since the reconcile judges image by image. Nothing deletes.
    # https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html
    "counters:read"  = [{ sid = "CountersRead", actions = ["dynamodb:GetItem"], resources = [var.resources.counters_table_arn] }]
    "counters:write" = [{ sid = "CountersWrite", actions = ["dynamodb:UpdateItem"], resources = [var.resources.counters_table_arn] }]
    "counters:list"  = [{ sid = "CountersList", actions = ["dynamodb:Query"], resources = [var.resources.counters_table_arn] }]
    "counters:check" = [{ sid = "CountersCheck", actions = ["dynamodb:ConditionCheckItem"], resources = [var.resources.counters_table_arn] }]
    "counters:scan"  = [{ sid = "CountersScan", actions = ["dynamodb:Scan"], resources = [var.resources.counters_table_arn] }]
    # The near-duplicate index: resize puts an image's band items and deletes those of the hashes
    # it replaced, delete removes a deleted image's, the API queries the bands of the image it shows.
    "nearDuplicates:write"  = [{ sid = "NearDuplicatesWrite", actions = ["dynamodb:PutItem", "dynamodb:DeleteItem"], resources = [var.resources.near_duplicates_table_arn] }]
    "nearDuplicates:delete" = [{ sid = "NearDuplicatesDelete", actions = ["dynamodb:DeleteItem"], resources = [var.resources.near_duplicates_table_arn] }]
    "nearDuplicates:query"  = [{ sid = "NearDuplicatesQuery", actions = ["dynamodb:Query"], resources = [var.resources.near_duplicates_table_arn] }]
    "idempotency:write" = [{
      sid       = "IdempotencyWrite"
      actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"]
      resources = [var.resources.idempotency_table_arn]
    }]
  }

  # PutMetricData has no resource to name: "*" is the only resource it takes,
  # so the namespace condition is what confines it.
  metrics_statements = contains(var.manifest.permissions, "metrics:put") ? [true] : []

  granted_statements = flatten([for p in distinct(var.manifest.permissions) : local.permission_statements[p] if p != "metrics:put"])
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "OwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  dynamic "statement" {
    for_each = var.queue != null ? [true] : []

    content {
      sid       = "OwnQueue"
      actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"]
      resources = [var.queue.arn]
    }
  }

  dynamic "statement" {
    for_each = local.granted_statements

    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources

      dynamic "condition" {
        for_each = try(statement.value.conditions, [])

        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }

  dynamic "statement" {
    for_each = local.metrics_statements

    content {
      sid       = "MetricsPut"
      actions   = ["cloudwatch:PutMetricData"]
      resources = ["*"]

      condition {
        test     = "StringEquals"
        variable = "cloudwatch:namespace"
        values   = var.resources.metrics_namespaces
      }
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = var.name
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json

  # Checked here rather than on the function: referring to the queue there
  # would hold the function back until the queue exists.
  lifecycle {
    precondition {
      condition     = (local.queue_trigger != null) == (var.queue != null)
      error_message = "queue must be set exactly when the manifest has trigger.queue."
    }
  }
}

################################################################################
# Queue trigger
################################################################################

resource "aws_lambda_event_source_mapping" "this" {
  count = var.queue != null ? 1 : 0

  event_source_arn        = var.queue.arn
  function_name           = aws_lambda_function.this.arn
  batch_size              = local.queue_trigger.batchSize
  function_response_types = ["ReportBatchItemFailures"]
  enabled                 = var.event_source_mapping_enabled

  # Always set, reservation or not: the poller never runs more batches than
  # the function's ceiling, so a throttled batch (which goes back to the queue
  # and counts as a receive) is the exception rather than the rule.
  # https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
  scaling_config {
    maximum_concurrency = local.maximum_concurrency
  }

  # Lambda checks the role can read the queue when the mapping is created.
  depends_on = [aws_iam_role_policy.this]
}

################################################################################
# Schedule trigger
################################################################################

resource "aws_cloudwatch_event_rule" "schedule" {
  count = local.schedule != null ? 1 : 0

  name                = var.name
  description         = "Runs ${var.name} on its schedule (function.json trigger.schedule)."
  schedule_expression = local.schedules[count.index]
  state               = var.schedule_enabled ? "ENABLED" : "DISABLED"
}

resource "aws_cloudwatch_event_target" "schedule" {
  count = local.schedule != null ? 1 : 0

  rule = aws_cloudwatch_event_rule.schedule[0].name
  arn  = aws_lambda_function.this.arn
}

resource "aws_lambda_permission" "schedule" {
  count = local.schedule != null ? 1 : 0

  statement_id  = "AllowEventBridgeSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.schedule[0].arn
}

# trigger.schedule.extra: more rules for the same function, each sending its
# own input instead of the ScheduledEvent (bucket-metrics' daily reconcile).
# https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
locals {
  extra_schedules = local.schedule_trigger == null ? {} : {
    for s in try(local.schedule_trigger.extra, []) : s.name => s
  }
}

resource "aws_cloudwatch_event_rule" "extra" {
  for_each = local.extra_schedules

  name                = "${var.name}-${each.key}"
  description         = "Runs ${var.name} (${each.key}) on its schedule (function.json trigger.schedule.extra)."
  schedule_expression = each.value.expression
  state               = var.schedule_enabled ? "ENABLED" : "DISABLED"
}

resource "aws_cloudwatch_event_target" "extra" {
  for_each = local.extra_schedules

  rule  = aws_cloudwatch_event_rule.extra[each.key].name
  arn   = aws_lambda_function.this.arn
  input = jsonencode(each.value.input)
}

resource "aws_lambda_permission" "extra" {
  for_each = local.extra_schedules

  statement_id  = "AllowEventBridgeSchedule-${each.key}"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.extra[each.key].arn
}
