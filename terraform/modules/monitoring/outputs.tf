################################################################################
# Alarm topic
################################################################################

output "alarm_topic_arn" {
  description = "ARN of the topic every alarm publishes to, when it fires and when it clears."
  value       = aws_sns_topic.this.arn
}

output "alarm_topic_name" {
  description = "Name of the alarm topic."
  value       = aws_sns_topic.this.name
}

################################################################################
# Alarms
################################################################################

output "alarm_names" {
  description = "Alarm names by kind (dead_letters, oldest_message, errors, bucket_size), each a map from queue, function or bucket key to the alarm's name."
  value = {
    dead_letters   = { for k, a in aws_cloudwatch_metric_alarm.dead_letters : k => a.alarm_name }
    oldest_message = { for k, a in aws_cloudwatch_metric_alarm.oldest_message : k => a.alarm_name }
    errors         = { for k, a in aws_cloudwatch_metric_alarm.errors : k => a.alarm_name }
    bucket_size    = { for k, a in aws_cloudwatch_metric_alarm.bucket_size : k => a.alarm_name }
  }
}

################################################################################
# Dashboard
################################################################################

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "dashboard_url" {
  description = "Console URL of the dashboard."
  value       = "https://${local.region}.console.aws.amazon.com/cloudwatch/home?region=${local.region}#dashboards/dashboard/${aws_cloudwatch_dashboard.this.dashboard_name}"
}
