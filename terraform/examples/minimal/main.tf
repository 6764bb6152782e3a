# Everything the health checks need with the defaults: a scripts bucket, the Glue job role and the CI policy.
# Region and credentials come from the environment (AWS_REGION, AWS_PROFILE, ...). Attach the CI policy to the
# identity your CI uses (ci_policy_user_names / ci_policy_role_names), then paste the snippets from the outputs:
#
#   terraform output -raw jenkins_snippet
#   terraform output -raw drone_snippet

provider "aws" {}

module "glue_health_check" {
  source = "../.."
}
