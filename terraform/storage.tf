# The scripts bucket: the engine stages each workspace script under scripts_prefix for the length of one check,
# and Glue uses temp_prefix as --TempDir. Everything here is created only with create_scripts_bucket; an
# existing bucket is left exactly as its owner configured it (a lifecycle or policy resource would replace theirs).
#
# Versioning stays off on purpose: a staged script is a throwaway copy of a file in git that the engine deletes
# after its check. With versioning each delete would only add a delete marker, the bytes would stay billable, and
# nothing here ever needs restoring.

resource "aws_s3_bucket" "scripts" {
  count = var.create_scripts_bucket ? 1 : 0

  bucket        = local.scripts_bucket_name
  force_destroy = var.force_destroy
  tags          = local.tags
}

resource "aws_s3_bucket_ownership_controls" "scripts" {
  count = var.create_scripts_bucket ? 1 : 0

  bucket = aws_s3_bucket.scripts[0].id

  rule {
    # ACLs off: the bucket owner owns every object, access is decided by policies alone.
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "scripts" {
  count = var.create_scripts_bucket ? 1 : 0

  bucket                  = aws_s3_bucket.scripts[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "scripts" {
  count = var.create_scripts_bucket ? 1 : 0

  bucket = aws_s3_bucket.scripts[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    # One data key per bucket instead of one KMS call per object; ignored for SSE-S3.
    bucket_key_enabled = var.kms_key_arn != null
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "scripts" {
  count = var.create_scripts_bucket ? 1 : 0

  bucket = aws_s3_bucket.scripts[0].id

  # Scripts of CI steps that were killed before their cleanup (Drone cancels with SIGKILL).
  rule {
    id     = "expire-staged-scripts"
    status = "Enabled"

    filter {
      prefix = "${var.scripts_prefix}/"
    }

    expiration {
      days = var.scripts_expiration_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  # Whatever health-check runs wrote to --TempDir.
  rule {
    id     = "expire-temp"
    status = "Enabled"

    filter {
      prefix = "${var.temp_prefix}/"
    }

    expiration {
      days = var.temp_expiration_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

data "aws_iam_policy_document" "scripts_bucket" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      local.scripts_bucket_arn,
      "${local.scripts_bucket_arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  statement {
    sid     = "DenyTlsOlderThan12"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      local.scripts_bucket_arn,
      "${local.scripts_bucket_arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "NumericLessThan"
      variable = "s3:TlsVersion"
      values   = ["1.2"]
    }
  }
}

resource "aws_s3_bucket_policy" "scripts" {
  count = var.create_scripts_bucket ? 1 : 0

  bucket = aws_s3_bucket.scripts[0].id
  policy = data.aws_iam_policy_document.scripts_bucket.json

  # S3 rejects concurrent changes to a bucket's public access block and policy.
  depends_on = [aws_s3_bucket_public_access_block.scripts]
}
