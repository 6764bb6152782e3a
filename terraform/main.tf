# Shared lookups and names. Each concern lives in its own file:
#   storage.tf        scripts bucket, its policy, encryption and lifecycle
#   iam.tf            the role Glue health-check jobs run as, the CI policy and the optional CI role
#   notifications.tf  EventBridge "Glue Job State Change" -> SNS, no code
#   janitor.tf        scheduled Java Lambda that deletes expired health-check jobs

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region

  # IAM role, Lambda function and EventBridge rule names stop at 64 characters; the longest suffix below is 10.
  resource_prefix = substr(var.name_prefix, 0, 48)

  glue_role_name        = "${local.resource_prefix}-glue-role"
  ci_name               = "${local.resource_prefix}-ci"
  janitor_name          = "${local.resource_prefix}-janitor"
  notification_rule     = "${local.resource_prefix}-job-state"
  notification_topic    = "${local.resource_prefix}-notifications"
  janitor_alarm_name    = "${local.resource_prefix}-janitor-errors"
  janitor_log_group     = "/aws/lambda/${local.janitor_name}"
  janitor_log_group_arn = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${local.janitor_log_group}"

  # Bucket names are lower case without underscores, 63 characters at most, and global: account and region
  # make the default unique. 34 + 1 + 12 + 1 + the longest region name (14) = 62.
  default_bucket_name = "${trimsuffix(substr(replace(lower(var.name_prefix), "_", "-"), 0, 34), "-")}-${local.account_id}-${local.region}"
  # Never null: with create_scripts_bucket = false and no name, the placeholder keeps every string built from it
  # valid until the precondition on aws_iam_role_policy.glue_runtime stops the plan with its own message (a null
  # here fails first, with "Invalid template interpolation value").
  scripts_bucket_name = var.create_scripts_bucket ? coalesce(var.scripts_bucket_name, local.default_bucket_name) : coalesce(var.scripts_bucket_name, "scripts-bucket-name-not-set")
  scripts_bucket_arn  = "arn:${local.partition}:s3:::${local.scripts_bucket_name}"

  # Every object the engine stages, and only those: the trailing slash keeps "scripts-old/" out.
  scripts_objects_arn = "${local.scripts_bucket_arn}/${var.scripts_prefix}/*"
  temp_objects_arn    = "${local.scripts_bucket_arn}/${var.temp_prefix}/*"

  # Scripts teams already keep in S3 (s3://bucket/prefix): the CI reads them (HeadObject) and Glue runs them.
  existing_script_object_arns = [
    for location in var.existing_script_locations :
    "arn:${local.partition}:s3:::${trimsuffix(trimprefix(location, "s3://"), "/")}/*"
  ]

  # The engine names every job "<name_prefix>-...", so this is the whole of what CI and the janitor may touch.
  health_check_job_arn = "arn:${local.partition}:glue:${local.region}:${local.account_id}:job/${var.name_prefix}-*"

  # Glue writes job logs to /aws-glue/jobs/*, /aws-glue/python-jobs/* and friends; `*` also covers ":log-stream:".
  glue_log_groups_arn = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws-glue/*"

  s3_via_service = "s3.${local.region}.amazonaws.com"

  tags = var.tags
}

# What the outputs show, and the CI snippets built from it (outputs.tf).
locals {
  scripts_location = "s3://${local.scripts_bucket_name}/${var.scripts_prefix}"
  temp_dir         = "s3://${local.scripts_bucket_name}/${var.temp_prefix}/"
  ci_role_arn      = var.create_ci_role ? aws_iam_role.ci[0].arn : null

  # Where a pipeline's AWS credentials come from: "keys" (a user with the CI policy), or the CI role's trust type.
  ci_credentials = var.create_ci_role ? var.ci_role_trust.type : "keys"
  ci_uses_keys   = contains(["keys", "account"], local.ci_credentials)

  # glueHealthCheck runs on the Jenkins controller, not on an agent: without withAWS around it, the identity it
  # finds is the controller's own, which the plugin lets steps use only after an administrator's opt-in.
  jenkins_credentials_comment = {
    keys    = ["// AWS credentials: withAWS with the Jenkins AWS credential glue-health-check-ci (keys of a user with the CI policy)."]
    account = ["// AWS credentials: withAWS assumes the CI role with the Jenkins AWS credential glue-health-check-ci (keys of a user allowed to assume it)."]
    oidc    = ["// AWS credentials: the step runs on the Jenkins controller, not an agent: the controller pod's service account, annotated eks.amazonaws.com/role-arn: ${coalesce(local.ci_role_arn, "-")}; the plugin uses it only if an administrator allows steps the controller's own AWS identity."]
    ec2     = ["// AWS credentials: the step runs on the Jenkins controller, not an agent: the controller's EC2 instance profile ${local.ci_name}; the plugin uses it only if an administrator allows steps the controller's own AWS identity."]
  }

  # withAWS (Pipeline: AWS Steps) takes the role by name and account and the external id; the step itself takes
  # no credentials.
  jenkins_with_aws = {
    keys = ["credentials: 'glue-health-check-ci'"]
    account = concat(
      ["credentials: 'glue-health-check-ci'", "role: '${trimprefix(var.iam_path, "/")}${local.ci_name}'", "roleAccount: '${local.account_id}'"],
      var.ci_role_trust.external_id != null ? ["externalId: '${var.ci_role_trust.external_id}'"] : [],
    )
    oidc = []
    ec2  = []
  }

  jenkins_arguments = [
    "script: 'path/to/job.py'",
    "role: '${aws_iam_role.glue.arn}'",
    "scriptsBucket: '${local.scripts_location}'",
    "tempDir: '${local.temp_dir}'",
    "region: '${local.region}'",
    "namePrefix: '${var.name_prefix}'",
  ]

  jenkins_step = concat(
    ["glueHealthCheck("],
    [for index, argument in local.jenkins_arguments : "  ${argument}${index < length(local.jenkins_arguments) - 1 ? "," : ""}"],
    [")"],
  )

  jenkins_snippet = join("\n", concat(
    local.jenkins_credentials_comment[local.ci_credentials],
    length(local.jenkins_with_aws[local.ci_credentials]) == 0 ? local.jenkins_step : concat(
      ["withAWS(${join(", ", local.jenkins_with_aws[local.ci_credentials])}) {"],
      [for line in local.jenkins_step : "  ${line}"],
      ["}"],
    ),
  ))

  drone_step = concat(
    [
      "- name: glue-health-check",
      "  image: ${var.drone_image}",
      "  settings:",
      "    script: path/to/job.py",
      "    role: '${aws_iam_role.glue.arn}'",
      "    scripts_bucket: '${local.scripts_location}'",
      "    temp_dir: '${local.temp_dir}'",
      "    region: '${local.region}'",
      "    name_prefix: '${var.name_prefix}'",
    ],
    local.ci_uses_keys ? [
      "    access_key:",
      "      from_secret: aws_access_key_id",
      "    secret_key:",
      "      from_secret: aws_secret_access_key",
    ] : [],
    local.ci_credentials == "account" ? ["    assume_role: '${local.ci_role_arn}'"] : [],
    local.ci_credentials == "account" && var.ci_role_trust.external_id != null ? ["    external_id: '${var.ci_role_trust.external_id}'"] : [],
    local.ci_credentials == "oidc" ? ["  # AWS credentials: the step pod's service account, annotated eks.amazonaws.com/role-arn: ${coalesce(local.ci_role_arn, "-")}"] : [],
    local.ci_credentials == "ec2" ? ["  # AWS credentials: the runner's EC2 instance profile ${local.ci_name}"] : [],
  )
}
