output "glue_role_arn" {
  description = "Role the health-check jobs run as."
  value       = module.glue_health_check.glue_role_arn
}

output "scripts_location" {
  description = "Where the engine stages scripts."
  value       = module.glue_health_check.scripts_location
}

output "ci_policy_arn" {
  description = "Attach this policy to the identity your CI uses."
  value       = module.glue_health_check.ci_policy_arn
}

output "jenkins_snippet" {
  description = "Paste into a Jenkinsfile."
  value       = module.glue_health_check.jenkins_snippet
}

output "drone_snippet" {
  description = "Paste into .drone.yml."
  value       = module.glue_health_check.drone_snippet
}
