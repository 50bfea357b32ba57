################################################################################
# Function
################################################################################

locals {
  queue_trigger = try(var.manifest.trigger.queue, null)

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
  uploads_objects    = "${var.resources.uploads_bucket_arn}/*"
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
  }

  granted_statements = flatten([for p in distinct(var.manifest.permissions) : local.permission_statements[p]])
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

  # Lambda checks the role can read the queue when the mapping is created.
  depends_on = [aws_iam_role_policy.this]
}
