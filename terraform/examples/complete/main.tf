# Every feature: KMS-encrypted bucket, extra data access for the jobs, a CI role for Drone/Jenkins pods on EKS
# (IRSA), notifications and the janitor. Build the janitor first:
#
#   ./mvnw -B -pl terraform/janitor-lambda -am package
#   terraform init && terraform apply -var eks_cluster_name=ci -var test_data_bucket=my-test-data

provider "aws" {
  region = var.region
}

data "aws_partition" "current" {}

locals {
  janitor_package_path = coalesce(var.janitor_package_path, "${path.module}/../../janitor-lambda/target/glue-health-check-janitor.jar")
}

resource "aws_kms_key" "scripts" {
  description             = "glue-health-check scripts bucket"
  enable_key_rotation     = true
  deletion_window_in_days = 7
}

# The data a health check reads: a small sample, read-only.
data "aws_iam_policy_document" "test_data" {
  statement {
    sid       = "ReadSamples"
    actions   = ["s3:GetObject"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::${var.test_data_bucket}/samples/*"]
  }

  statement {
    sid       = "ListSamples"
    actions   = ["s3:ListBucket"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::${var.test_data_bucket}"]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["samples/*"]
    }
  }
}

resource "aws_iam_policy" "test_data" {
  name   = "${var.name_prefix}-test-data"
  policy = data.aws_iam_policy_document.test_data.json
}

data "aws_eks_cluster" "ci" {
  name = var.eks_cluster_name
}

data "aws_iam_openid_connect_provider" "ci" {
  url = data.aws_eks_cluster.ci.identity[0].oidc[0].issuer
}

module "glue_health_check" {
  source = "../.."

  name_prefix = var.name_prefix
  tags = {
    team    = "data-platform"
    purpose = "ci-health-checks"
  }

  kms_key_arn               = aws_kms_key.scripts.arn
  scripts_expiration_days   = 3
  temp_expiration_days      = 3
  existing_script_locations = var.existing_script_locations

  glue_role_policy_arns = {
    test_data = aws_iam_policy.test_data.arn
  }

  create_ci_role = true
  ci_role_trust = {
    type              = "oidc"
    oidc_provider_arn = data.aws_iam_openid_connect_provider.ci.arn
    oidc_subjects     = [for account in var.ci_service_accounts : "system:serviceaccount:${account}"]
  }

  enable_notifications         = true
  notification_states          = ["FAILED", "TIMEOUT", "STOPPED"]
  notification_email_addresses = var.notification_email_addresses

  enable_janitor              = true
  janitor_package_path        = local.janitor_package_path
  janitor_schedule_expression = "rate(30 minutes)"
  janitor_architecture        = "arm64"
}
