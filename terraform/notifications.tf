# The original solution's monitor Lambda + SNS, done natively: EventBridge matches "Glue Job State Change" events
# of health-check jobs and an input transformer turns each into a readable message for an SNS topic. The CI
# verdict never depends on this (EventBridge delivers these events best effort); it is for people watching.

locals {
  # Each line is one line of the message; <name> placeholders are filled from notification_input_paths.
  notification_lines = [
    "Glue health check <job> ended <state>.",
    "Run: <run>",
    "When: <time> (account <account>, region <region>)",
    "Glue says: <message>",
  ]

  notification_input_paths = {
    job     = "$.detail.jobName"
    run     = "$.detail.jobRunId"
    state   = "$.detail.state"
    message = "$.detail.message"
    time    = "$.time"
    account = "$.account"
    region  = "$.region"
  }

  # A template in double quotes makes EventBridge send plain text. Not built with jsonencode(), which writes
  # '<' and '>' as \u003c and \u003e and so would hide the placeholders from EventBridge.
  notification_input_template = "\"${join("\\n", local.notification_lines)}\""
}

resource "aws_sns_topic" "notifications" {
  count = var.enable_notifications ? 1 : 0

  name              = local.notification_topic
  kms_master_key_id = var.sns_kms_key_arn
  tags              = local.tags
}

resource "aws_cloudwatch_event_rule" "job_state" {
  count = var.enable_notifications ? 1 : 0

  name        = local.notification_rule
  description = "Final states of Glue health-check jobs (${var.name_prefix}-*)."
  event_pattern = jsonencode({
    source        = ["aws.glue"]
    "detail-type" = ["Glue Job State Change"]
    detail = {
      jobName = [{ prefix = "${var.name_prefix}-" }]
      state   = var.notification_states
    }
  })
  tags = local.tags
}

resource "aws_cloudwatch_event_target" "job_state" {
  count = var.enable_notifications ? 1 : 0

  rule      = aws_cloudwatch_event_rule.job_state[0].name
  target_id = "sns"
  arn       = aws_sns_topic.notifications[0].arn

  input_transformer {
    input_paths    = local.notification_input_paths
    input_template = local.notification_input_template
  }
}

data "aws_iam_policy_document" "notifications_topic" {
  count = var.enable_notifications ? 1 : 0

  statement {
    sid       = "EventBridgePublishesJobStates"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.notifications[0].arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.job_state[0].arn]
    }
  }

  # The janitor's error alarm (janitor.tf) reports to the same topic.
  dynamic "statement" {
    for_each = var.enable_janitor ? [1] : []

    content {
      sid       = "CloudWatchPublishesJanitorAlarm"
      actions   = ["sns:Publish"]
      resources = [aws_sns_topic.notifications[0].arn]

      principals {
        type        = "Service"
        identifiers = ["cloudwatch.amazonaws.com"]
      }

      condition {
        test     = "ArnEquals"
        variable = "aws:SourceArn"
        values   = ["arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}:alarm:${local.janitor_alarm_name}"]
      }
    }
  }
}

resource "aws_sns_topic_policy" "notifications" {
  count = var.enable_notifications ? 1 : 0

  arn    = aws_sns_topic.notifications[0].arn
  policy = data.aws_iam_policy_document.notifications_topic[0].json
}

resource "aws_sns_topic_subscription" "email" {
  for_each = var.enable_notifications ? toset(var.notification_email_addresses) : toset([])

  topic_arn = aws_sns_topic.notifications[0].arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_sns_topic_subscription" "https" {
  for_each = var.enable_notifications ? toset(var.notification_https_endpoints) : toset([])

  topic_arn = aws_sns_topic.notifications[0].arn
  protocol  = "https"
  endpoint  = each.value
}

check "notification_subscribers_need_notifications" {
  assert {
    condition     = var.enable_notifications || length(var.notification_email_addresses) + length(var.notification_https_endpoints) == 0
    error_message = "notification_email_addresses / notification_https_endpoints are set but enable_notifications is false: nobody will be notified."
  }
}
