locals {
  scripts_location = "s3://${local.scripts_bucket_name}/${var.scripts_prefix}"
  temp_dir         = "s3://${local.scripts_bucket_name}/${var.temp_prefix}/"
  ci_role_arn      = var.create_ci_role ? aws_iam_role.ci[0].arn : null

  # Where a pipeline's AWS credentials come from: "keys" (a user with the CI policy), or the CI role's trust type.
  ci_credentials = var.create_ci_role ? var.ci_role_trust.type : "keys"
  ci_uses_keys   = contains(["keys", "account"], local.ci_credentials)

  jenkins_credentials_comment = {
    keys    = ["// AWS credentials: the default chain, e.g. an AWS credentials binding around this step (user with the CI policy)."]
    account = ["// AWS credentials: the default chain, e.g. an AWS credentials binding around this step; the step then assumes the CI role."]
    oidc    = ["// AWS credentials: the agent pod's service account, annotated eks.amazonaws.com/role-arn: ${coalesce(local.ci_role_arn, "-")}"]
    ec2     = ["// AWS credentials: the agent's EC2 instance profile ${local.ci_name}"]
  }

  jenkins_arguments = concat(
    [
      "  script: 'path/to/job.py'",
      "  role: '${aws_iam_role.glue.arn}'",
      "  scriptsBucket: '${local.scripts_location}'",
      "  tempDir: '${local.temp_dir}'",
      "  region: '${local.region}'",
      "  namePrefix: '${var.name_prefix}'",
    ],
    local.ci_credentials == "account" ? ["  assumeRole: '${local.ci_role_arn}'"] : [],
    local.ci_credentials == "account" && var.ci_role_trust.external_id != null ? ["  externalId: '${var.ci_role_trust.external_id}'"] : [],
  )

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

output "name_prefix" {
  description = "Prefix of every health-check job name; pass it to the engine as name_prefix."
  value       = var.name_prefix
}

output "glue_role_arn" {
  description = "ARN of the role Glue health-check jobs run as (the engine's role setting)."
  value       = aws_iam_role.glue.arn
}

output "glue_role_name" {
  description = "Name of the role Glue health-check jobs run as."
  value       = aws_iam_role.glue.name
}

output "scripts_bucket_name" {
  description = "Name of the scripts bucket."
  value       = var.create_scripts_bucket ? aws_s3_bucket.scripts[0].id : local.scripts_bucket_name
}

output "scripts_bucket_arn" {
  description = "ARN of the scripts bucket."
  value       = var.create_scripts_bucket ? aws_s3_bucket.scripts[0].arn : local.scripts_bucket_arn
}

output "scripts_prefix" {
  description = "Key prefix under which the engine stages job scripts."
  value       = var.scripts_prefix
}

output "scripts_location" {
  description = "s3://<bucket>/<scripts_prefix>: the engine's scripts_bucket setting."
  value       = local.scripts_location
}

output "temp_dir" {
  description = "s3://<bucket>/<temp_prefix>/: the engine's temp_dir setting (Glue's --TempDir)."
  value       = local.temp_dir
}

output "ci_policy_arn" {
  description = "ARN of the CI policy; attach it to whatever identity runs health checks."
  value       = aws_iam_policy.ci.arn
}

output "ci_policy_json" {
  description = "The CI policy document, for review."
  value       = data.aws_iam_policy_document.ci.json
}

output "ci_role_arn" {
  description = "ARN of the CI role, or null when create_ci_role is false."
  value       = local.ci_role_arn
}

output "ci_instance_profile_name" {
  description = "Name of the CI role's instance profile for EC2 agents, or null unless ci_role_trust.type is \"ec2\"."
  value       = one(aws_iam_instance_profile.ci[*].name)
}

output "sns_topic_arn" {
  description = "ARN of the notification topic, or null when enable_notifications is false."
  value       = one(aws_sns_topic.notifications[*].arn)
}

output "janitor_function_name" {
  description = "Name of the janitor Lambda, or null when enable_janitor is false."
  value       = one(aws_lambda_function.janitor[*].function_name)
}

output "janitor_function_arn" {
  description = "ARN of the janitor Lambda, or null when enable_janitor is false."
  value       = one(aws_lambda_function.janitor[*].arn)
}

output "jenkins_snippet" {
  description = "A glueHealthCheck(...) step for a Jenkinsfile with this module's settings; replace the script path."
  value       = join("\n", concat(local.jenkins_credentials_comment[local.ci_credentials], ["glueHealthCheck("], [join(",\n", local.jenkins_arguments)], [")"]))
}

output "drone_snippet" {
  description = "A .drone.yml step with this module's settings; replace the script path. Keys come from the secrets aws_access_key_id and aws_secret_access_key unless the CI role is trusted by OIDC or EC2."
  value       = join("\n", local.drone_step)
}
