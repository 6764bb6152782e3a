variable "region" {
  description = "Region of the health-check jobs."
  type        = string
  default     = "eu-west-1"
}

variable "name_prefix" {
  description = "Prefix of every health-check job name."
  type        = string
  default     = "glue-health-check"
}

variable "eks_cluster_name" {
  description = "EKS cluster whose Drone runner (or Jenkins agents) run the health-check steps."
  type        = string
}

variable "ci_service_accounts" {
  description = "Kubernetes service accounts (namespace:name) of the pipeline pods that may assume the CI role."
  type        = list(string)
  default     = ["drone:glue-health-check"]
}

variable "test_data_bucket" {
  description = "Bucket holding the sample data the health-check jobs read."
  type        = string
}

variable "existing_script_locations" {
  description = "S3 locations of job scripts that are checked in place."
  type        = list(string)
  default     = []
}

variable "notification_email_addresses" {
  description = "Who hears about failed health checks and a failing janitor."
  type        = list(string)
  default     = []
}

variable "janitor_package_path" {
  description = "The janitor jar; null uses the one the Maven reactor builds in this repository."
  type        = string
  default     = null
}
