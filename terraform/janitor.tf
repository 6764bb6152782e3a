# The original solution's cleanup Lambda: the engine's own sweeper, packaged as a Java Lambda by the Maven reactor
# (terraform/janitor-lambda), run on a schedule. It deletes health-check jobs whose expiry tag has passed and
# that carry the marker tag glue-health-check:managed-by = glue-health-check, stopping their runs first. Teams
# without Lambda run the same sweep from CI instead (`mode: sweep`). Staged scripts need no janitor: the
# bucket's lifecycle rule expires them.

resource "aws_cloudwatch_log_group" "janitor" {
  count = var.enable_janitor ? 1 : 0

  # Lambda's default log group name, so no logging_config (and no newer provider) is needed.
  name              = local.janitor_log_group
  retention_in_days = var.janitor_log_retention_days
  tags              = local.tags
}

data "aws_iam_policy_document" "janitor_trust" {
  statement {
    sid     = "LambdaAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# The sweeper's calls and nothing more: no CreateJob, no StartJobRun, no PassRole, no S3. The build checks these
# statements against the operations the engine's Sweeper declares (Sweeper.operations), both ways. GetJobRun is
# how it waits for a stopped run to end before deleting the job.
data "aws_iam_policy_document" "janitor" {
  statement {
    sid       = "ListJobs"
    actions   = ["glue:ListJobs"]
    resources = ["*"]
  }

  statement {
    sid = "SweepExpiredHealthCheckJobs"
    actions = [
      "glue:GetTags",
      "glue:GetJobRuns",
      "glue:GetJobRun",
      "glue:BatchStopJobRun",
      "glue:DeleteJob",
    ]
    resources = [local.health_check_job_arn]
  }

  statement {
    # The log group is created above, so the function only writes streams into it.
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.janitor_log_group_arn}:*"]
  }
}

resource "aws_iam_role" "janitor" {
  count = var.enable_janitor ? 1 : 0

  name                 = local.janitor_name
  path                 = var.iam_path
  description          = "Role of the glue-health-check janitor Lambda."
  assume_role_policy   = data.aws_iam_policy_document.janitor_trust.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = local.tags
}

resource "aws_iam_role_policy" "janitor" {
  count = var.enable_janitor ? 1 : 0

  name   = "sweep-expired-health-check-jobs"
  role   = aws_iam_role.janitor[0].id
  policy = data.aws_iam_policy_document.janitor.json
}

resource "aws_lambda_function" "janitor" {
  count = var.enable_janitor ? 1 : 0

  function_name    = local.janitor_name
  description      = "Deletes expired glue-health-check jobs (${var.name_prefix}-*) that killed CI steps left behind."
  role             = aws_iam_role.janitor[0].arn
  handler          = "io.github.gluehealthcheck.janitor.JanitorHandler::handleRequest"
  runtime          = var.janitor_runtime
  architectures    = [var.janitor_architecture]
  filename         = var.janitor_package_path
  source_code_hash = filebase64sha256(var.janitor_package_path)
  memory_size      = var.janitor_memory_size
  timeout          = var.janitor_timeout

  environment {
    variables = {
      GLUE_HEALTH_CHECK_NAME_PREFIX = var.name_prefix
      GLUE_HEALTH_CHECK_DRY_RUN     = tostring(var.janitor_dry_run)
    }
  }

  tags = local.tags

  # The log group must exist first, or Lambda creates it on the first run, without retention, and apply
  # then fails on the name clash; the role must be able to write logs before the first run.
  depends_on = [aws_cloudwatch_log_group.janitor, aws_iam_role_policy.janitor]

  lifecycle {
    # Checked before the arguments above are evaluated, so filebase64sha256() never sees a null path.
    precondition {
      condition     = var.janitor_package_path != null
      error_message = "enable_janitor needs janitor_package_path: build it with ./mvnw -pl terraform/janitor-lambda -am package and pass terraform/janitor-lambda/target/glue-health-check-janitor.jar."
    }
  }
}

resource "aws_cloudwatch_event_rule" "janitor_schedule" {
  count = var.enable_janitor ? 1 : 0

  name                = local.janitor_name
  description         = "Runs the glue-health-check janitor."
  schedule_expression = var.janitor_schedule_expression
  tags                = local.tags
}

resource "aws_cloudwatch_event_target" "janitor_schedule" {
  count = var.enable_janitor ? 1 : 0

  rule      = aws_cloudwatch_event_rule.janitor_schedule[0].name
  target_id = "janitor"
  arn       = aws_lambda_function.janitor[0].arn
}

resource "aws_lambda_permission" "janitor_schedule" {
  count = var.enable_janitor ? 1 : 0

  statement_id  = "AllowEventBridgeSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.janitor[0].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.janitor_schedule[0].arn
}

# A janitor that keeps failing leaves orphaned jobs behind silently; with notifications on, say so.
resource "aws_cloudwatch_metric_alarm" "janitor_errors" {
  count = var.enable_janitor && var.enable_notifications ? 1 : 0

  alarm_name          = local.janitor_alarm_name
  alarm_description   = "The glue-health-check janitor failed; expired health-check jobs may be piling up."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.janitor[0].function_name }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.notifications[0].arn]
  tags                = local.tags
}
