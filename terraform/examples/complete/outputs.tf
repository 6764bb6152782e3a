output "glue_role_arn" {
  description = "Role the health-check jobs run as."
  value       = module.glue_health_check.glue_role_arn
}

output "scripts_location" {
  description = "Where the engine stages scripts."
  value       = module.glue_health_check.scripts_location
}

output "temp_dir" {
  description = "Glue's --TempDir for health-check runs."
  value       = module.glue_health_check.temp_dir
}

output "ci_role_arn" {
  description = "Annotate the pipeline pods' service account with this role (eks.amazonaws.com/role-arn)."
  value       = module.glue_health_check.ci_role_arn
}

output "ci_policy_json" {
  description = "What the CI role may do."
  value       = module.glue_health_check.ci_policy_json
}

output "sns_topic_arn" {
  description = "Topic of the notifications."
  value       = module.glue_health_check.sns_topic_arn
}

output "janitor_function_name" {
  description = "The scheduled janitor."
  value       = module.glue_health_check.janitor_function_name
}

output "jenkins_snippet" {
  description = "Paste into a Jenkinsfile."
  value       = module.glue_health_check.jenkins_snippet
}

output "drone_snippet" {
  description = "Paste into .drone.yml (a Kubernetes pipeline using one of ci_service_accounts)."
  value       = module.glue_health_check.drone_snippet
}
