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

output "ci_assume_role_policy_arn" {
  description = "ARN of a policy allowing sts:AssumeRole on the CI role, for the same-account user or role whose keys CI holds (a trust naming the account root needs it); null unless create_ci_role with ci_role_trust.type \"account\"."
  value       = one(aws_iam_policy.ci_assume[*].arn)
}

output "ci_assume_role_policy_json" {
  description = "The policy document of ci_assume_role_policy_arn, for review or to put in a policy of your own; null unless create_ci_role with ci_role_trust.type \"account\"."
  value       = one(data.aws_iam_policy_document.ci_assume[*].json)
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
  description = "A glueHealthCheck(...) step for a Jenkinsfile with this module's settings, inside withAWS where CI uses keys; replace the script path."
  value       = local.jenkins_snippet
}

output "drone_snippet" {
  description = "A .drone.yml step with this module's settings; replace the script path. Keys come from the secrets aws_access_key_id and aws_secret_access_key unless the CI role is trusted by OIDC or EC2."
  value       = join("\n", local.drone_step)
}
