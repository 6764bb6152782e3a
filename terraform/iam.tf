# Two identities: the role Glue health-check jobs run as, and the CI policy that lets a pipeline create, run,
# watch and delete those jobs and nothing else. The CI policy is checked by the build against the engine's
# declared AWS operations (shared/.../AwsOperation.java), statement by statement.
#
# Whoever holds the CI policy can run any script staged under scripts_prefix as the Glue role (that is the
# product), so grant the Glue role only the data health checks need (glue_role_policy_arns).

# ---------------------------------------------------------------------------------------------------------------------
# The role Glue health-check jobs run as
# ---------------------------------------------------------------------------------------------------------------------

# Not narrowed with aws:SourceAccount / aws:SourceArn: the Glue guide documents no such keys for job roles, and a
# condition on a key the service does not send would deny every run.
data "aws_iam_policy_document" "glue_trust" {
  statement {
    sid     = "GlueAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["glue.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "glue" {
  name                 = local.glue_role_name
  path                 = var.iam_path
  description          = "Role of the temporary Glue jobs that glue-health-check creates for pull requests."
  assume_role_policy   = data.aws_iam_policy_document.glue_trust.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = local.tags
}

# What every health-check job needs whatever it does: its script, its --TempDir, its logs and metrics. This is
# the job-runtime part of the AWSGlueServiceRole managed policy, cut down to the health-check prefixes.
data "aws_iam_policy_document" "glue_runtime" {
  statement {
    sid       = "ReadStagedScripts"
    actions   = ["s3:GetObject"]
    resources = [local.scripts_objects_arn]
  }

  dynamic "statement" {
    for_each = length(local.existing_script_object_arns) > 0 ? [1] : []

    content {
      sid       = "ReadExistingScripts"
      actions   = ["s3:GetObject"]
      resources = local.existing_script_object_arns
    }
  }

  statement {
    sid       = "UseTempDir"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = [local.temp_objects_arn]
  }

  statement {
    sid       = "ListTempDir"
    actions   = ["s3:ListBucket"]
    resources = [local.scripts_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [var.temp_prefix, "${var.temp_prefix}/", "${var.temp_prefix}/*"]
    }
  }

  statement {
    sid       = "WriteGlueLogs"
    actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [local.glue_log_groups_arn]
  }

  statement {
    # PutMetricData has no resource to scope; the namespace condition keeps it to Glue's own metrics.
    sid       = "PutGlueMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["Glue"]
    }
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]

    content {
      sid       = "UseScriptsBucketKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = [local.s3_via_service]
      }
    }
  }
}

resource "aws_iam_role_policy" "glue_runtime" {
  name   = "health-check-runtime"
  role   = aws_iam_role.glue.id
  policy = data.aws_iam_policy_document.glue_runtime.json

  lifecycle {
    precondition {
      condition     = var.create_scripts_bucket || var.scripts_bucket_name != null
      error_message = "Set scripts_bucket_name to the existing bucket when create_scripts_bucket is false."
    }

    precondition {
      # A job may write anywhere under temp_prefix; if scripts lived there, one check could rewrite another's script.
      condition     = !startswith("${var.temp_prefix}/", "${var.scripts_prefix}/") && !startswith("${var.scripts_prefix}/", "${var.temp_prefix}/")
      error_message = "scripts_prefix and temp_prefix must not contain one another."
    }
  }
}

resource "aws_iam_role_policy_attachment" "glue_extra" {
  for_each = var.glue_role_policy_arns

  role       = aws_iam_role.glue.name
  policy_arn = each.value
}

# ---------------------------------------------------------------------------------------------------------------------
# The CI policy: exactly the engine's operations, each on the narrowest resource it can be scoped to
# ---------------------------------------------------------------------------------------------------------------------

locals {
  # With ci_scope_by_repository, a principal's own glue-health-check:repo tag (an IAM policy variable, resolved by
  # IAM at request time) names the one repository it may act for; the engine tags every job with the same key
  # and stages under <scripts_prefix>/<repository>/ (ScriptStager.stagingKey).
  repository_tag        = "glue-health-check:repo"
  principal_repository  = "$${aws:PrincipalTag/${local.repository_tag}}"
  ci_staged_scripts_arn = var.ci_scope_by_repository ? "${local.scripts_bucket_arn}/${var.scripts_prefix}/${local.principal_repository}/*" : local.scripts_objects_arn
  # reuse_passed: <scripts_prefix>/<repository>/passes/<fingerprint>.json (PassRecords.location).
  ci_pass_records_arn = "${local.scripts_bucket_arn}/${var.scripts_prefix}/${var.ci_scope_by_repository ? local.principal_repository : "*"}/passes/*"

  # Condition keys per action, from the Service Authorization Reference for AWS Glue
  # (docs.aws.amazon.com/service-authorization/latest/reference/list_awsglue.html): CreateJob and TagResource take
  # aws:RequestTag/${TagKey}; the job resource type takes aws:ResourceTag/${TagKey}, so every action on an
  # existing job can be held to its owner tag. ListJobs takes neither.
  ci_job_actions_on_owned_jobs = ["glue:GetTags", "glue:StartJobRun", "glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun", "glue:DeleteJob"]
}

# GetCallerIdentity, the engine's preflight, needs no permission ("No permissions are required to perform this
# operation": STS API reference, GetCallerIdentity), so it has no statement.
data "aws_iam_policy_document" "ci" {
  statement {
    # ListJobs takes no resource; the engine filters the listing by name prefix and marker tag itself.
    sid       = "ListJobs"
    actions   = ["glue:ListJobs"]
    resources = ["*"]
  }

  statement {
    sid       = var.ci_scope_by_repository ? "CreateOwnHealthCheckJobs" : "CreateHealthCheckJobs"
    actions   = ["glue:CreateJob"]
    resources = [local.health_check_job_arn]

    dynamic "condition" {
      # A new job must name the principal's repository as its owner.
      for_each = var.ci_scope_by_repository ? [1] : []

      content {
        test     = "StringEquals"
        variable = "aws:RequestTag/${local.repository_tag}"
        values   = [local.principal_repository]
      }
    }
  }

  statement {
    # TagResource is checked when CreateJob carries tags (the engine tags every job with its marker, owner and
    # expiry) and when keep_job moves a kept job's expiry (a request without the owner tag).
    sid       = var.ci_scope_by_repository ? "TagOwnHealthCheckJobs" : "TagHealthCheckJobs"
    actions   = ["glue:TagResource"]
    resources = [local.health_check_job_arn]

    dynamic "condition" {
      # No other owner may be written...
      for_each = var.ci_scope_by_repository ? [1] : []

      content {
        test     = "StringEqualsIfExists"
        variable = "aws:RequestTag/${local.repository_tag}"
        values   = [local.principal_repository]
      }
    }

    dynamic "condition" {
      # ...nor another repository's job retagged to take it over. A job being created has no tags yet.
      for_each = var.ci_scope_by_repository ? [1] : []

      content {
        test     = "StringEqualsIfExists"
        variable = "aws:ResourceTag/${local.repository_tag}"
        values   = [local.principal_repository]
      }
    }
  }

  statement {
    sid       = var.ci_scope_by_repository ? "ManageOwnHealthCheckJobs" : "ManageHealthCheckJobs"
    actions   = local.ci_job_actions_on_owned_jobs
    resources = [local.health_check_job_arn]

    dynamic "condition" {
      for_each = var.ci_scope_by_repository ? [1] : []

      content {
        test     = "StringEquals"
        variable = "aws:ResourceTag/${local.repository_tag}"
        values   = [local.principal_repository]
      }
    }
  }

  dynamic "statement" {
    # base_job: the deployed jobs a check may copy are only read.
    for_each = length(var.base_job_names) > 0 ? [1] : []

    content {
      sid       = "ReadBaseJobs"
      actions   = ["glue:GetJob"]
      resources = [for name in var.base_job_names : "arn:${local.partition}:glue:${local.region}:${local.account_id}:job/${name}"]
    }
  }

  statement {
    # A copy of a deployed job (base_job) runs as that job's role.
    sid       = "PassGlueRoleToGlue"
    actions   = ["iam:PassRole"]
    resources = concat([aws_iam_role.glue.arn], var.base_job_role_arns)

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["glue.amazonaws.com"]
    }
  }

  statement {
    sid       = "StageScripts"
    actions   = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"]
    resources = [local.ci_staged_scripts_arn]
  }

  statement {
    # reuse_passed: one small record per passed check, read before a check and written after a pass. Only CI
    # principals may write here (the Glue role reads scripts only), so a record is a pass the engine saw; with
    # ci_scope_by_repository, only for the principal's own repository. Records expire with the staged scripts
    # (scripts_expiration_days), which also bounds how long a pass can be reused.
    sid       = "RecordPasses"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = [local.ci_pass_records_arn]
  }

  dynamic "statement" {
    for_each = length(local.existing_script_object_arns) > 0 ? [1] : []

    content {
      sid       = "ReadExistingScripts"
      actions   = ["s3:GetObject"]
      resources = local.existing_script_object_arns
    }
  }

  statement {
    sid       = "ReadGlueLogs"
    actions   = ["logs:FilterLogEvents"]
    resources = [local.glue_log_groups_arn]
  }

  dynamic "statement" {
    # Uploading to and reading from an SSE-KMS bucket; usable through S3 only.
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]

    content {
      sid       = "UseScriptsBucketKey"
      actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = [local.s3_via_service]
      }
    }
  }
}

resource "aws_iam_policy" "ci" {
  name        = local.ci_name
  path        = var.iam_path
  description = "Lets CI run glue-health-check: create, run, watch and delete Glue jobs named ${var.name_prefix}-* and stage their scripts."
  policy      = data.aws_iam_policy_document.ci.json
  tags        = local.tags
}

resource "aws_iam_role_policy_attachment" "ci" {
  for_each = toset(var.ci_policy_role_names)

  role       = each.value
  policy_arn = aws_iam_policy.ci.arn
}

resource "aws_iam_user_policy_attachment" "ci" {
  for_each = toset(var.ci_policy_user_names)

  user       = each.value
  policy_arn = aws_iam_policy.ci.arn
}

# ---------------------------------------------------------------------------------------------------------------------
# Optional CI role
# ---------------------------------------------------------------------------------------------------------------------

locals {
  # "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE": the prefix of the provider's condition keys (":sub", ":aud").
  ci_oidc_issuer = var.ci_role_trust.oidc_provider_arn == null ? null : element(split(":oidc-provider/", var.ci_role_trust.oidc_provider_arn), 1)

  ci_trusted_principal_arns = length(var.ci_role_trust.principal_arns) > 0 ? var.ci_role_trust.principal_arns : ["arn:${local.partition}:iam::${local.account_id}:root"]
}

data "aws_iam_policy_document" "ci_trust" {
  count = var.create_ci_role ? 1 : 0

  # "account": principals of this or another account assume the role, e.g. with the engine's assume_role setting.
  dynamic "statement" {
    for_each = var.ci_role_trust.type == "account" ? [1] : []

    content {
      sid     = "TrustedPrincipals"
      actions = ["sts:AssumeRole"]

      principals {
        type        = "AWS"
        identifiers = local.ci_trusted_principal_arns
      }

      dynamic "condition" {
        for_each = var.ci_role_trust.external_id == null ? [] : [var.ci_role_trust.external_id]

        content {
          test     = "StringEquals"
          variable = "sts:ExternalId"
          values   = [condition.value]
        }
      }
    }
  }

  # "oidc": Drone or Jenkins agents on Kubernetes (IRSA) exchange their service-account token for the role.
  dynamic "statement" {
    for_each = var.ci_role_trust.type == "oidc" ? [1] : []

    content {
      sid     = "TrustedWorkloads"
      actions = ["sts:AssumeRoleWithWebIdentity"]

      principals {
        type        = "Federated"
        identifiers = [var.ci_role_trust.oidc_provider_arn]
      }

      condition {
        test     = "StringEquals"
        variable = "${local.ci_oidc_issuer}:aud"
        values   = var.ci_role_trust.oidc_audiences
      }

      condition {
        test     = "StringLike"
        variable = "${local.ci_oidc_issuer}:sub"
        values   = var.ci_role_trust.oidc_subjects
      }
    }
  }

  # "ec2": CI agents on EC2 instances that carry the instance profile below.
  dynamic "statement" {
    for_each = var.ci_role_trust.type == "ec2" ? [1] : []

    content {
      sid     = "TrustedInstances"
      actions = ["sts:AssumeRole"]

      principals {
        type        = "Service"
        identifiers = ["ec2.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role" "ci" {
  count = var.create_ci_role ? 1 : 0

  name                 = local.ci_name
  path                 = var.iam_path
  description          = "Role CI assumes to run glue-health-check."
  assume_role_policy   = data.aws_iam_policy_document.ci_trust[0].json
  max_session_duration = var.ci_role_max_session_duration
  permissions_boundary = var.permissions_boundary_arn
  tags                 = merge(local.tags, var.ci_role_repository == null ? {} : zipmap([local.repository_tag], [var.ci_role_repository]))

  lifecycle {
    precondition {
      # Without the tag, ci_scope_by_repository would leave the role allowed nothing.
      condition     = !var.ci_scope_by_repository || var.ci_role_repository != null
      error_message = "ci_scope_by_repository needs ci_role_repository: the repository whose checks the CI role runs."
    }
  }
}

resource "aws_iam_role_policy_attachment" "ci_role" {
  count = var.create_ci_role ? 1 : 0

  role       = aws_iam_role.ci[0].name
  policy_arn = aws_iam_policy.ci.arn
}

resource "aws_iam_instance_profile" "ci" {
  count = var.create_ci_role && var.ci_role_trust.type == "ec2" ? 1 : 0

  name = local.ci_name
  path = var.iam_path
  role = aws_iam_role.ci[0].name
  tags = local.tags
}

# Same-account "account" trust: a trust policy that names the account root (the default) delegates to the
# account's own policies, so a user or role of the account may assume the CI role only when its identity policy
# also allows sts:AssumeRole on it (IAM User Guide, policy evaluation within a single account). Attach this policy
# (output ci_assume_role_policy_arn) to the user or role whose keys CI holds.
data "aws_iam_policy_document" "ci_assume" {
  count = var.create_ci_role && var.ci_role_trust.type == "account" ? 1 : 0

  statement {
    sid       = "AssumeCiRole"
    actions   = ["sts:AssumeRole"]
    resources = [aws_iam_role.ci[0].arn]
  }
}

resource "aws_iam_policy" "ci_assume" {
  count = var.create_ci_role && var.ci_role_trust.type == "account" ? 1 : 0

  name        = "${local.ci_name}-assume"
  path        = var.iam_path
  description = "Lets its holder assume the glue-health-check CI role ${local.ci_name}."
  policy      = data.aws_iam_policy_document.ci_assume[0].json
  tags        = local.tags
}
