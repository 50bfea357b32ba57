################################################################################
# Alarm topic
################################################################################

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name

  # Every alarm both raises and clears through the topic, so a mailbox shows
  # when a problem started and when it went away.
  alarm_actions = [aws_sns_topic.this.arn]
}

# Encrypted with the pipeline's customer-managed key: CloudWatch cannot publish
# to a topic encrypted with the AWS-managed SNS key.
resource "aws_sns_topic" "this" {
  name              = "${var.name_prefix}alarms"
  kms_master_key_id = var.kms_key_arn
}

# Only this stack's alarms (named <prefix>*) in this account may publish:
# the confused-deputy guard AWS recommends for service principals.
data "aws_iam_policy_document" "topic" {
  statement {
    sid       = "CloudWatchPublishesAlarms"
    actions   = ["SNS:Publish"]
    resources = [aws_sns_topic.this.arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${data.aws_partition.current.partition}:cloudwatch:${local.region}:${local.account_id}:alarm:${var.name_prefix}*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_sns_topic_policy" "this" {
  arn    = aws_sns_topic.this.arn
  policy = data.aws_iam_policy_document.topic.json
}

resource "aws_sns_topic_subscription" "email" {
  count = var.alarm_email != null ? 1 : 0

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

################################################################################
# Queue alarms
################################################################################

# A dead letter is a message the function gave up on: one is already worth a look.
# No data means SQS has nothing to report for an idle queue, which is healthy.
resource "aws_cloudwatch_metric_alarm" "dead_letters" {
  for_each = var.queues

  alarm_name        = "${var.name_prefix}${each.key}-dead-letters"
  alarm_description = "${each.value.dlq_name} holds messages the ${each.key} function failed on after every retry. Fix the cause, then move them back: make redrive QUEUE=${each.key} locally, or start a DLQ redrive (SQS console, aws sqs start-message-move-task)."

  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = each.value.dlq_name }
  statistic           = "Maximum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
}

# Messages waiting longer than a handler ever should: the function is stuck,
# throttled or too slow for the load.
resource "aws_cloudwatch_metric_alarm" "oldest_message" {
  for_each = var.queues

  alarm_name        = "${var.name_prefix}${each.key}-oldest-message"
  alarm_description = "The oldest message in ${each.value.name} has waited more than ${var.oldest_message_alarm_seconds} s: the ${each.key} function is falling behind or not consuming."

  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = each.value.name }
  statistic           = "Maximum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.oldest_message_alarm_seconds
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
}

################################################################################
# Function alarms
################################################################################

# Handlers record permanent failures and acknowledge them, so an invocation
# error is always unexpected (a crash, a timeout, a transient failure).
resource "aws_cloudwatch_metric_alarm" "errors" {
  for_each = var.functions

  alarm_name        = "${var.name_prefix}${each.key}-errors"
  alarm_description = "${each.value.function_name} failed at least once in ${var.alarm_period_seconds} s (Lambda Errors): see its log group /aws/lambda/${each.value.function_name}."

  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = each.value.function_name }
  statistic           = "Sum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
}

################################################################################
# Mail alarms
################################################################################

# The mailer counts each mail SES refused (MailRejected, Powertools EMF, unit
# Count, dimension service = its function name): in the SES sandbox an
# unverified recipient, a sender identity not yet confirmed, a sending quota
# reached. One is already worth a look; no data means nothing was refused.
# https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data
resource "aws_cloudwatch_metric_alarm" "mail_rejected" {
  for_each = var.mail_senders

  alarm_name        = "${var.name_prefix}${each.key}-mail-rejected"
  alarm_description = "SES refused at least one mail from ${each.value.function_name} in ${var.alarm_period_seconds} s (${var.metrics_namespace} MailRejected): see its log group /aws/lambda/${each.value.function_name}; in the SES sandbox every recipient must be a verified identity."

  namespace           = var.metrics_namespace
  metric_name         = "MailRejected"
  dimensions          = { service = each.value.function_name }
  statistic           = "Sum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
}

################################################################################
# Bucket alarms
################################################################################

# BucketSizeBytes arrives only when bucket-metrics runs: a period without a
# data point says nothing about the size, so it keeps the alarm's state.
# (A bucket-metrics that stops running raises its own errors alarm.)
resource "aws_cloudwatch_metric_alarm" "bucket_size" {
  for_each = var.buckets

  alarm_name        = "${var.name_prefix}${each.key}-bucket-size"
  alarm_description = "${each.value} holds more than ${var.bucket_size_alarm_bytes} bytes (${var.bucket_metrics_namespace} BucketSizeBytes, put by bucket-metrics)."

  namespace           = var.bucket_metrics_namespace
  metric_name         = "BucketSizeBytes"
  dimensions          = { BucketName = each.value }
  statistic           = "Maximum"
  period              = var.bucket_size_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.bucket_size_alarm_bytes
  treat_missing_data  = "ignore"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
}

################################################################################
# Dashboard
################################################################################

locals {
  alarm_arns = concat(
    [for a in aws_cloudwatch_metric_alarm.dead_letters : a.arn],
    [for a in aws_cloudwatch_metric_alarm.oldest_message : a.arn],
    [for a in aws_cloudwatch_metric_alarm.errors : a.arn],
    [for a in aws_cloudwatch_metric_alarm.mail_rejected : a.arn],
    [for a in aws_cloudwatch_metric_alarm.bucket_size : a.arn],
  )

  # One graph per concern, one line per queue, function or bucket: built from
  # the maps, so a new function shows up with no edit here.
  graphs = [
    {
      title   = "Queue depth (messages visible)"
      stat    = "Maximum"
      metrics = [for k, q in var.queues : ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q.name, { label = k }]]
    },
    {
      title       = "Age of the oldest message (s)"
      stat        = "Maximum"
      metrics     = [for k, q in var.queues : ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", q.name, { label = k }]]
      annotations = { horizontal = [{ label = "alarm", value = var.oldest_message_alarm_seconds }] }
    },
    {
      title   = "Dead letters (messages visible in each DLQ)"
      stat    = "Maximum"
      metrics = [for k, q in var.queues : ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q.dlq_name, { label = k }]]
    },
    {
      title   = "Invocations"
      stat    = "Sum"
      metrics = [for k, f in var.functions : ["AWS/Lambda", "Invocations", "FunctionName", f.function_name, { label = k }]]
    },
    {
      title   = "Errors"
      stat    = "Sum"
      metrics = [for k, f in var.functions : ["AWS/Lambda", "Errors", "FunctionName", f.function_name, { label = k }]]
    },
    {
      title   = "Throttles"
      stat    = "Sum"
      metrics = [for k, f in var.functions : ["AWS/Lambda", "Throttles", "FunctionName", f.function_name, { label = k }]]
    },
    {
      title   = "Duration (ms, p95)"
      stat    = "p95"
      metrics = [for k, f in var.functions : ["AWS/Lambda", "Duration", "FunctionName", f.function_name, { label = k }]]
    },
    {
      title   = "Objects per bucket"
      stat    = "Maximum"
      period  = var.bucket_size_period_seconds
      metrics = [for k, b in var.buckets : [var.bucket_metrics_namespace, "NumberOfObjects", "BucketName", b, { label = k }]]
    },
    {
      title       = "Bytes per bucket"
      stat        = "Maximum"
      period      = var.bucket_size_period_seconds
      metrics     = [for k, b in var.buckets : [var.bucket_metrics_namespace, "BucketSizeBytes", "BucketName", b, { label = k }]]
      annotations = { horizontal = [{ label = "alarm", value = var.bucket_size_alarm_bytes }] }
    },
    # Powertools puts every metric with the dimension service = the function
    # name; a function that never puts one simply draws no line.
    {
      title   = "Images processed"
      stat    = "Sum"
      metrics = [for k, f in var.functions : [var.metrics_namespace, "ImagesProcessed", "service", f.function_name, { label = k }]]
    },
    {
      title   = "Images rejected"
      stat    = "Sum"
      metrics = [for k, f in var.functions : [var.metrics_namespace, "ImagesRejected", "service", f.function_name, { label = k }]]
    },
    {
      title   = "Mail refused by SES"
      stat    = "Sum"
      metrics = [for k, f in var.mail_senders : [var.metrics_namespace, "MailRejected", "service", f.function_name, { label = k }]]
    },
    {
      title   = "Processing time (ms, p95)"
      stat    = "p95"
      metrics = [for k, f in var.functions : [var.metrics_namespace, "ProcessingMilliseconds", "service", f.function_name, { label = k }]]
    },
  ]

  # CloudWatch refuses a graph without metrics (a stack with no buckets, say).
  drawn_graphs = [for g in local.graphs : g if length(g.metrics) > 0]

  alarm_widget_height = 3
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.dashboard_name

  dashboard_body = jsonencode({
    widgets = concat(
      # Every alarm's state at a glance, then the graphs two to a row.
      length(local.alarm_arns) == 0 ? [] : [{
        type   = "alarm"
        x      = 0
        y      = 0
        width  = 24
        height = local.alarm_widget_height
        # An alarm widget shows at most 100 alarms.
        properties = { title = "Alarms", alarms = slice(local.alarm_arns, 0, min(100, length(local.alarm_arns))), sortBy = "stateUpdatedTimestamp" }
      }],
      [for i, g in local.drawn_graphs : {
        type   = "metric"
        x      = (i % 2) * 12
        y      = local.alarm_widget_height + floor(i / 2) * 6
        width  = 12
        height = 6
        properties = merge(
          { region = local.region, view = "timeSeries", stacked = false, period = var.alarm_period_seconds, yAxis = { left = { min = 0 } } },
          g,
        )
      }],
    )
  })
}
