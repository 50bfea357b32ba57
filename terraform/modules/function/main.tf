################################################################################
# Function
################################################################################

locals {
  queue_trigger    = try(var.manifest.trigger.queue, null)
  schedule_trigger = try(var.manifest.trigger.schedule, null)
  schedule         = local.schedule_trigger == null ? null : coalesce(var.schedule_expression, local.schedule_trigger.expression)
  # As a list, so the rule (count 0 or 1) indexes a value validate knows is a string.
  schedules = compact([local.schedule])

  # The function's concurrency ceiling, null when none applies.
  reserved_concurrency = var.reserved_concurrency_enabled ? var.manifest.reservedConcurrency : null

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

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

locals {
  # Uploads objects only under the prefix the pipeline writes and reacts to
  # (S3 notifications are filtered on it too): nothing else in the bucket is
  # any function's business. Renditions live at their bucket's root
  # (<imageId>/<version>/...), a bucket that holds nothing else.
  uploads_objects    = "${var.resources.uploads_bucket_arn}/${var.uploads_prefix}*"
  renditions_objects = "${var.resources.renditions_bucket_arn}/*"

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
    "images:read" = [{
      sid       = "ImagesRead"
      actions   = ["dynamodb:GetItem", "dynamodb:Query"]
      resources = [var.resources.images_table_arn, "${var.resources.images_table_arn}/index/*"]
    }]
    "images:write" = [{
      sid       = "ImagesWrite"
      actions   = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"]
      resources = [var.resources.images_table_arn]
    }]
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
      sid       = "UsersRead"
      actions   = ["cognito-idp:AdminGetUser", "cognito-idp:ListUsers"]
      resources = [var.resources.user_pool_arn]
    }]
    "mail:send" = [{
      sid       = "MailSend"
      actions   = ["ses:SendEmail", "ses:SendRawEmail"]
      resources = [var.resources.mail_identity_arn]
    }]
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

  # The poller never runs more batches than the function may run at once:
  # a throttled batch would go back to the queue, count as a receive and,
  # after maxReceiveCount of them, be dead-lettered without ever failing.
  dynamic "scaling_config" {
    for_each = local.reserved_concurrency != null ? [local.reserved_concurrency] : []

    content {
      maximum_concurrency = scaling_config.value
    }
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
