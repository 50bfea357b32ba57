################################################################################
# Topic
################################################################################

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  topic_name = "${var.name_prefix}image-events"
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  # The services that use the topics' key, and the sources each may act for
  # (null: aws:SourceAccount alone).
  key_services = {
    # S3 event notifications from the uploads bucket to the events topic.
    "s3.amazonaws.com" = { sid = "S3EncryptsUploadEvents", source_arns = [var.uploads_bucket.arn] }
    # CloudWatch alarms of this stack (the monitoring module names them
    # <prefix>*) publishing to the alarm topic, which uses this key.
    "cloudwatch.amazonaws.com" = {
      sid         = "CloudWatchEncryptsAlarms"
      source_arns = ["arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}:alarm:${var.name_prefix}*"]
    }
    # SNS itself, for topics of this account only.
    "sns.amazonaws.com" = { sid = "SnsUsesTopicKey", source_arns = null }
  }
}

# S3 cannot publish to a topic encrypted with the AWS-managed SNS key, so the
# topic gets a customer-managed key whose policy lets S3 and SNS use it.
data "aws_iam_policy_document" "key" {
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${local.account_id}:root"]
    }
  }

  # Each service principal only for this account's own sources (the
  # confused-deputy guard): AWS's example key policy for services publishing
  # to an encrypted topic conditions on aws:SourceArn, and S3 and CloudWatch
  # set both aws:SourceArn and aws:SourceAccount on what they do for a bucket
  # or an alarm.
  # https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
  # https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
  dynamic "statement" {
    for_each = local.key_services

    content {
      sid       = statement.value.sid
      actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = [statement.key]
      }

      dynamic "condition" {
        for_each = statement.value.source_arns == null ? [] : [statement.value.source_arns]

        content {
          test     = "ArnLike"
          variable = "aws:SourceArn"
          values   = condition.value
        }
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [local.account_id]
      }
    }
  }
}

resource "aws_kms_key" "this" {
  description             = "Encrypts the ${local.topic_name} SNS topic"
  deletion_window_in_days = var.kms_deletion_window_in_days
  enable_key_rotation     = true
  policy                  = data.aws_iam_policy_document.key.json
}

resource "aws_kms_alias" "this" {
  name          = "alias/${local.topic_name}"
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_sns_topic" "this" {
  name              = local.topic_name
  kms_master_key_id = aws_kms_key.this.arn
}

data "aws_iam_policy_document" "topic" {
  statement {
    sid       = "UploadsBucketPublishes"
    actions   = ["SNS:Publish"]
    resources = [aws_sns_topic.this.arn]

    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [var.uploads_bucket.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

################################################################################
# Notifications topic
################################################################################

# One-line summaries for people (processed and rejected images), published by
# the mailer. Operators subscribe an address with var.notification_emails.
resource "aws_sns_topic" "notifications" {
  name              = "${var.name_prefix}image-notifications"
  kms_master_key_id = aws_kms_key.this.arn
}

resource "aws_sns_topic_subscription" "notification_email" {
  for_each = toset(var.notification_emails)

  topic_arn = aws_sns_topic.notifications.arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_sns_topic_policy" "this" {
  arn    = aws_sns_topic.this.arn
  policy = data.aws_iam_policy_document.topic.json
}

################################################################################
# S3 event notifications
################################################################################

# S3 validates the destination (topic policy and, for an encrypted topic, the
# key policy) when the configuration is written, and answers InvalidArgument
# "Unable to validate the following destination configurations" while a
# just-written policy has not reached it yet. The provider retries that call
# only on NoSuchBucket (internal/service/s3/bucket_notification.go,
# RetryWhenAWSErrCodeEquals(..., errCodeNoSuchBucket)), so the first apply
# fails once and succeeds on the next. (S3 checks the destination by sending
# it a test notification when the configuration is written:
# https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html)
# A wait with Terraform built-ins is the only fix inside one apply that needs
# no other provider (no hashicorp/time): it runs when the policies are created
# or change, never on a plan with nothing to do, and not at all on moto
# (destination_validation_wait_seconds = 0).
resource "terraform_data" "destination_policies_settle" {
  count = var.destination_validation_wait_seconds > 0 ? 1 : 0

  triggers_replace = [aws_sns_topic_policy.this.policy, aws_kms_key.this.policy]

  provisioner "local-exec" {
    command = "sleep ${var.destination_validation_wait_seconds}"
  }
}

# Subscriptions go first too, so no event is published to a topic nobody
# listens to yet.
resource "aws_s3_bucket_notification" "this" {
  bucket = var.uploads_bucket.id

  topic {
    topic_arn     = aws_sns_topic.this.arn
    events        = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
    filter_prefix = var.notification_filter_prefix
  }

  depends_on = [aws_sns_topic_policy.this, aws_kms_key.this, terraform_data.destination_policies_settle, aws_sns_topic_subscription.this]
}

################################################################################
# Queues
################################################################################

resource "aws_sqs_queue" "dlq" {
  for_each = var.queues

  name                      = "${var.name_prefix}${each.key}-dlq"
  message_retention_seconds = var.dlq_message_retention_seconds
  sqs_managed_sse_enabled   = true
}

# The queue policy is inline (its own ARN is built from the name): a separate
# aws_sqs_queue_policy adds another ~25 s attribute-propagation wait per apply.
data "aws_iam_policy_document" "queue" {
  for_each = var.queues

  statement {
    sid       = "TopicDelivers"
    actions   = ["sqs:SendMessage"]
    resources = ["arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.name}:${local.account_id}:${var.name_prefix}${each.key}"]

    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_sns_topic.this.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_sqs_queue" "this" {
  for_each = var.queues

  name                       = "${var.name_prefix}${each.key}"
  visibility_timeout_seconds = each.value.visibility_timeout_seconds
  message_retention_seconds  = each.value.message_retention_seconds
  sqs_managed_sse_enabled    = true
  policy                     = data.aws_iam_policy_document.queue[each.key].json

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq[each.key].arn
    maxReceiveCount     = each.value.max_receive_count
  })
}

# A separate resource: the DLQ names its source queue, which names the DLQ.
resource "aws_sqs_queue_redrive_allow_policy" "this" {
  for_each = var.redrive_allow_policy_enabled ? var.queues : {}

  queue_url = aws_sqs_queue.dlq[each.key].id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.this[each.key].arn]
  })
}

# Raw delivery: the SQS body is exactly what was published (for S3, the event
# JSON { "Records": [...] }), so filter policies and handlers see the same body.
resource "aws_sns_topic_subscription" "this" {
  for_each = var.queues

  topic_arn            = aws_sns_topic.this.arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.this[each.key].arn
  raw_message_delivery = true
  filter_policy        = each.value.filter_policy
  filter_policy_scope  = each.value.filter_policy_scope
}
