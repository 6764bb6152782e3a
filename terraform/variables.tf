# Conditions on a variable that may be null use `x == null ? true : ...`: before Terraform 1.12, `||` and `&&`
# evaluate both sides, so `x == null || length(x) > 0` fails on null instead of passing.

# ---------------------------------------------------------------------------------------------------------------------
# General
# ---------------------------------------------------------------------------------------------------------------------

variable "name_prefix" {
  description = "Prefix of every health-check job name (the engine's name_prefix setting) and of the names of the resources this module creates. CI may only touch Glue jobs whose names start with it, so at least 3 characters: a shorter one would also match unrelated jobs."
  type        = string
  default     = "glue-health-check"
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_-]{2,63}$", var.name_prefix))
    error_message = "name_prefix must start with a letter and hold 3 to 64 letters, digits, '-' or '_'."
  }
}

variable "tags" {
  description = "Tags applied to every resource this module creates."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for key in keys(var.tags) : !startswith(lower(key), "aws:")])
    error_message = "Tag keys starting with 'aws:' are reserved by AWS."
  }
}

variable "iam_path" {
  description = "Path of the IAM roles, policy and instance profile this module creates."
  type        = string
  default     = "/"
  nullable    = false

  validation {
    condition     = can(regex("^/([A-Za-z0-9+=,.@_-]+/)*$", var.iam_path)) && length(var.iam_path) <= 512
    error_message = "iam_path must start and end with '/', e.g. \"/\" or \"/ci/\"."
  }
}

variable "permissions_boundary_arn" {
  description = "ARN of a permissions boundary policy set on every IAM role this module creates, or null for none."
  type        = string
  default     = null

  validation {
    condition     = var.permissions_boundary_arn == null ? true : can(regex("^arn:aws[a-zA-Z-]*:iam::([0-9]{12}|aws):policy/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]+$", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be an IAM policy ARN, e.g. arn:aws:iam::123456789012:policy/boundary."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Storage
# ---------------------------------------------------------------------------------------------------------------------

variable "create_scripts_bucket" {
  description = "Create the scripts bucket. Set false to use the existing bucket named by scripts_bucket_name; the module then changes nothing on that bucket (policy, encryption, lifecycle stay yours)."
  type        = bool
  default     = true
  nullable    = false
}

variable "scripts_bucket_name" {
  description = "Name of the scripts bucket to create, or of the existing bucket when create_scripts_bucket is false. Null creates \"<name_prefix>-<account id>-<region>\"."
  type        = string
  default     = null

  validation {
    condition     = var.scripts_bucket_name == null ? true : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.scripts_bucket_name))
    error_message = "scripts_bucket_name must be 3 to 63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit."
  }

  validation {
    condition     = var.scripts_bucket_name == null ? true : !strcontains(var.scripts_bucket_name, "..") && !can(regex("^[0-9]+[.][0-9]+[.][0-9]+[.][0-9]+$", var.scripts_bucket_name)) && !startswith(var.scripts_bucket_name, "xn--") && !endswith(var.scripts_bucket_name, "-s3alias")
    error_message = "scripts_bucket_name must not contain '..', look like an IP address, start with 'xn--' or end with '-s3alias'."
  }
}

variable "scripts_prefix" {
  description = "Key prefix (no leading or trailing '/') under which the engine stages job scripts; the engine's scripts_bucket setting is s3://<bucket>/<scripts_prefix>."
  type        = string
  default     = "glue-health-check/scripts"
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", var.scripts_prefix)) && length(var.scripts_prefix) <= 512
    error_message = "scripts_prefix must be '/'-separated segments of letters, digits, '_', '.' or '-', without leading or trailing '/', at most 512 characters."
  }

  validation {
    condition     = !anytrue([for segment in split("/", var.scripts_prefix) : segment == "." || segment == ".."])
    error_message = "scripts_prefix must not contain '.' or '..' segments."
  }
}

variable "temp_prefix" {
  description = "Key prefix (no leading or trailing '/') for Glue's --TempDir; the engine's temp_dir setting is s3://<bucket>/<temp_prefix>/."
  type        = string
  default     = "glue-health-check/temp"
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", var.temp_prefix)) && length(var.temp_prefix) <= 512
    error_message = "temp_prefix must be '/'-separated segments of letters, digits, '_', '.' or '-', without leading or trailing '/', at most 512 characters."
  }

  validation {
    condition     = !anytrue([for segment in split("/", var.temp_prefix) : segment == "." || segment == ".."])
    error_message = "temp_prefix must not contain '.' or '..' segments."
  }
}

variable "kms_key_arn" {
  description = "ARN of a KMS key for the scripts bucket (SSE-KMS with an S3 bucket key), or null for S3-managed keys (SSE-S3). The Glue role and the CI policy get use of the key through S3 only."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null ? true : can(regex("^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }
}

variable "scripts_expiration_days" {
  description = "Days after which a staged script left behind under scripts_prefix (a CI step killed before its cleanup) is deleted by the bucket's lifecycle rule."
  type        = number
  default     = 7
  nullable    = false

  validation {
    condition     = var.scripts_expiration_days > 0 && floor(var.scripts_expiration_days) == var.scripts_expiration_days
    error_message = "scripts_expiration_days must be a whole number of days greater than 0."
  }
}

variable "temp_expiration_days" {
  description = "Days after which objects that health-check runs wrote under temp_prefix are deleted by the bucket's lifecycle rule."
  type        = number
  default     = 7
  nullable    = false

  validation {
    condition     = var.temp_expiration_days > 0 && floor(var.temp_expiration_days) == var.temp_expiration_days
    error_message = "temp_expiration_days must be a whole number of days greater than 0."
  }
}

variable "force_destroy" {
  description = "Let terraform destroy delete the scripts bucket even when it still holds objects."
  type        = bool
  default     = false
  nullable    = false
}

variable "base_job_names" {
  description = "Names of deployed Glue jobs that checks may copy with base_job: CI may read their definitions (glue:GetJob), never change them."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for name in var.base_job_names : can(regex("^[^*?\\r\\n]{1,255}$", name))])
    error_message = "Each base_job_names entry must be a Glue job name (1-255 characters, no wildcards)."
  }
}

variable "base_job_role_arns" {
  description = "ARNs of the roles the base_job_names jobs run as: a copy runs as its deployed job's role, so CI may pass these to Glue (iam:PassRole)."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for arn in var.base_job_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]+$", arn))])
    error_message = "Each base_job_role_arns entry must be an IAM role ARN such as arn:aws:iam::123456789012:role/orders-glue."
  }
}

variable "existing_script_locations" {
  description = "S3 locations (s3://bucket, or a prefix ending in '/' such as s3://bucket/jobs/) of job scripts that teams already keep in S3 and check in place: CI may read the objects under them (HeadObject) and the Glue role may run them."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    # A prefix must end in '/': an object path such as s3://bucket/jobs/etl.py would become the grant
    # .../jobs/etl.py/*, which matches nothing.
    condition     = alltrue([for location in var.existing_script_locations : can(regex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/([A-Za-z0-9!_.()-]+/)*)?$", location))])
    error_message = "Each existing_script_locations entry must be s3://bucket or a prefix ending in '/', e.g. s3://bucket/jobs/, without wildcards (not a script's own path)."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# IAM
# ---------------------------------------------------------------------------------------------------------------------

variable "glue_role_policy_arns" {
  description = "Extra managed policies for the Glue role, by a static key, e.g. { data = \"arn:aws:iam::123456789012:policy/read-test-data\" }: the data the health-check jobs read and write."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for arn in values(var.glue_role_policy_arns) : can(regex("^arn:aws[a-zA-Z-]*:iam::([0-9]{12}|aws):policy/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]+$", arn))])
    error_message = "Each glue_role_policy_arns value must be an IAM policy ARN, e.g. arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole."
  }
}

variable "ci_policy_role_names" {
  description = "Names of existing IAM roles (e.g. a Jenkins agent's instance role) the CI policy is attached to."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for name in var.ci_policy_role_names : can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", name))])
    error_message = "Each ci_policy_role_names entry must be an IAM role name (not an ARN): 1 to 64 of letters, digits and +=,.@_-."
  }
}

variable "ci_policy_user_names" {
  description = "Names of existing IAM users (e.g. the user whose access keys a Drone secret holds) the CI policy is attached to."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for name in var.ci_policy_user_names : can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", name))])
    error_message = "Each ci_policy_user_names entry must be an IAM user name (not an ARN): 1 to 64 of letters, digits and +=,.@_-."
  }
}

variable "create_ci_role" {
  description = "Create a CI role with the CI policy attached, trusted as ci_role_trust says."
  type        = bool
  default     = false
  nullable    = false
}

variable "ci_role_trust" {
  description = "Who may assume the CI role: type \"account\" (principal_arns, default this account's root, optional external_id), \"oidc\" (oidc_provider_arn of e.g. an EKS cluster, oidc_subjects such as system:serviceaccount:ci:drone, oidc_audiences) or \"ec2\" (an instance profile is created)."
  type = object({
    type              = string
    principal_arns    = optional(list(string), [])
    external_id       = optional(string)
    oidc_provider_arn = optional(string)
    oidc_subjects     = optional(list(string), [])
    oidc_audiences    = optional(list(string), ["sts.amazonaws.com"])
  })
  default  = { type = "account" }
  nullable = false

  validation {
    condition     = contains(["account", "oidc", "ec2"], var.ci_role_trust.type)
    error_message = "ci_role_trust.type must be \"account\", \"oidc\" or \"ec2\"."
  }

  validation {
    condition     = alltrue([for arn in var.ci_role_trust.principal_arns : can(regex("^arn:aws[a-zA-Z-]*:iam::[0-9]{12}:(root|(role|user)/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]+)$", arn))])
    error_message = "ci_role_trust.principal_arns must be IAM ARNs of an account root, a role or a user."
  }

  validation {
    # The length is checked apart: Go's regexp, which Terraform's regex() uses, refuses repeat counts over 1000.
    condition     = var.ci_role_trust.external_id == null ? true : can(regex("^[A-Za-z0-9_+=,.@:/-]+$", var.ci_role_trust.external_id)) && length(var.ci_role_trust.external_id) >= 2 && length(var.ci_role_trust.external_id) <= 1224
    error_message = "ci_role_trust.external_id must be 2 to 1224 of letters, digits and _+=,.@:/-."
  }

  validation {
    condition     = var.ci_role_trust.type != "oidc" || (var.ci_role_trust.oidc_provider_arn != null && length(var.ci_role_trust.oidc_subjects) > 0 && length(var.ci_role_trust.oidc_audiences) > 0)
    error_message = "ci_role_trust of type \"oidc\" needs oidc_provider_arn, at least one oidc_subjects entry and at least one oidc_audiences entry."
  }

  validation {
    condition     = var.ci_role_trust.oidc_provider_arn == null ? true : can(regex("^arn:aws[a-zA-Z-]*:iam::[0-9]{12}:oidc-provider/[A-Za-z0-9.-]+(/[A-Za-z0-9._~-]+)*$", var.ci_role_trust.oidc_provider_arn))
    error_message = "ci_role_trust.oidc_provider_arn must be an IAM OIDC provider ARN, e.g. arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE."
  }

  validation {
    condition     = alltrue([for subject in var.ci_role_trust.oidc_subjects : length(trimspace(subject)) > 0 && subject != "*"])
    error_message = "ci_role_trust.oidc_subjects entries must be non-empty and not a bare '*' (that would trust every workload of the provider)."
  }
}

variable "ci_role_max_session_duration" {
  description = "Longest session, in seconds, of the CI role (3600 to 43200). A health check usually takes minutes; the engine's deadline is timeout + 10 minutes."
  type        = number
  default     = 3600
  nullable    = false

  validation {
    condition     = var.ci_role_max_session_duration >= 3600 && var.ci_role_max_session_duration <= 43200 && floor(var.ci_role_max_session_duration) == var.ci_role_max_session_duration
    error_message = "ci_role_max_session_duration must be a whole number of seconds from 3600 to 43200."
  }
}

variable "ci_scope_by_repository" {
  description = "Tie each CI principal to one repository, named by the principal's IAM tag glue-health-check:repo (a role or user tag, or a session tag), e.g. data/etl: the CI policy then lets it create only jobs it tags with that repository, run, stop, read and delete only jobs tagged so, and stage scripts only under <scripts_prefix>/<repository>/. A principal without the tag may do nothing. Leave false when one identity serves every repository (it could not be told apart anyway)."
  type        = bool
  default     = false
  nullable    = false
}

variable "ci_role_repository" {
  description = "The repository the CI role serves, as the CI names it (e.g. data/etl): set as the role's glue-health-check:repo tag, which ci_scope_by_repository checks. Null tags nothing."
  type        = string
  default     = null

  validation {
    # Characters that the engine keeps as they are both in job tags and in staging keys, so the tag, the job's
    # glue-health-check:repo tag and the <scripts_prefix>/<repository>/ prefix are the same text.
    condition     = var.ci_role_repository == null ? true : can(regex("^[A-Za-z0-9_=+@-][A-Za-z0-9._=+@-]*(/[A-Za-z0-9._=+@-]+)*$", var.ci_role_repository)) && length(var.ci_role_repository) <= 256
    error_message = "ci_role_repository must be a repository name such as data/etl: '/'-separated letters, digits and ._=+@-, not starting with '.' or '/', at most 256 characters."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Notifications
# ---------------------------------------------------------------------------------------------------------------------

variable "enable_notifications" {
  description = "Create an EventBridge rule on \"Glue Job State Change\" events of health-check jobs that sends a readable message to an SNS topic."
  type        = bool
  default     = false
  nullable    = false
}

variable "notification_states" {
  description = "Final job-run states that notify. EventBridge only reports SUCCEEDED, FAILED, TIMEOUT and STOPPED; the engine stops runs of cancelled builds, so STOPPED is mostly noise."
  type        = list(string)
  default     = ["FAILED", "TIMEOUT"]
  nullable    = false

  validation {
    condition     = length(var.notification_states) > 0 && alltrue([for state in var.notification_states : contains(["SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED"], state)])
    error_message = "notification_states must list one or more of SUCCEEDED, FAILED, TIMEOUT, STOPPED."
  }
}

variable "notification_email_addresses" {
  description = "Email addresses subscribed to the notification topic; each must confirm the subscription from the mail AWS sends."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for address in var.notification_email_addresses : can(regex("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}$", address))])
    error_message = "Each notification_email_addresses entry must be an email address."
  }
}

variable "notification_https_endpoints" {
  description = "HTTPS URLs subscribed to the notification topic; each must confirm the subscription (SNS posts a SubscriptionConfirmation first). The URLs are kept in Terraform state."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for url in var.notification_https_endpoints : can(regex("^https://[^ ]+$", url))])
    error_message = "Each notification_https_endpoints entry must be an https:// URL."
  }
}

variable "sns_kms_key_arn" {
  description = "ARN of a customer managed KMS key to encrypt the notification topic, or null for none. Its key policy must let events.amazonaws.com and cloudwatch.amazonaws.com use it (kms:GenerateDataKey*, kms:Decrypt); the AWS managed aws/sns key cannot."
  type        = string
  default     = null

  validation {
    condition     = var.sns_kms_key_arn == null ? true : can(regex("^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.sns_kms_key_arn))
    error_message = "sns_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Janitor
# ---------------------------------------------------------------------------------------------------------------------

variable "enable_janitor" {
  description = "Deploy the janitor: a scheduled Java Lambda that runs the engine's sweeper and deletes expired health-check jobs left behind by killed CI steps."
  type        = bool
  default     = false
  nullable    = false
}

variable "janitor_package_path" {
  description = "Path of the janitor's deployable jar or zip, built by the Maven reactor at terraform/janitor-lambda/target/glue-health-check-janitor.jar. Required when enable_janitor is true."
  type        = string
  default     = null

  validation {
    condition     = var.janitor_package_path == null ? true : can(regex("[.](jar|zip)$", var.janitor_package_path))
    error_message = "janitor_package_path must name a .jar or .zip file."
  }
}

variable "janitor_runtime" {
  description = "Lambda runtime of the janitor: java17, java21 or java25 (the Java runtimes Lambda offers that run Java 17 class files)."
  type        = string
  default     = "java17"
  nullable    = false

  validation {
    # Lambda's runtime identifiers (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html); java25 since
    # November 2025. Older ones (java8.al2, java11) cannot load the Java 17 class files of the package.
    condition     = contains(["java17", "java21", "java25"], var.janitor_runtime)
    error_message = "janitor_runtime must be java17, java21 or java25."
  }
}

variable "janitor_architecture" {
  description = "Instruction set of the janitor Lambda: x86_64 or arm64 (the package is pure Java)."
  type        = string
  default     = "x86_64"
  nullable    = false

  validation {
    condition     = contains(["x86_64", "arm64"], var.janitor_architecture)
    error_message = "janitor_architecture must be \"x86_64\" or \"arm64\"."
  }
}

variable "janitor_memory_size" {
  description = "Memory of the janitor Lambda in MB (128 to 10240); CPU grows with it, which shortens the JVM's start."
  type        = number
  default     = 512
  nullable    = false

  validation {
    condition     = var.janitor_memory_size >= 128 && var.janitor_memory_size <= 10240 && floor(var.janitor_memory_size) == var.janitor_memory_size
    error_message = "janitor_memory_size must be a whole number of MB from 128 to 10240."
  }
}

variable "janitor_timeout" {
  description = "Timeout of one janitor run in seconds (1 to 900); stopping a run and waiting for it to end before deleting its job can take minutes."
  type        = number
  default     = 300
  nullable    = false

  validation {
    condition     = var.janitor_timeout >= 1 && var.janitor_timeout <= 900 && floor(var.janitor_timeout) == var.janitor_timeout
    error_message = "janitor_timeout must be a whole number of seconds from 1 to 900."
  }
}

variable "janitor_schedule_expression" {
  description = "EventBridge schedule of the janitor: rate(1 hour), rate(30 minutes), cron(0 * * * ? *), ..."
  type        = string
  default     = "rate(1 hour)"
  nullable    = false

  validation {
    condition     = can(regex("^(rate[(](1 (minute|hour|day)|([2-9]|[1-9][0-9]+) (minutes|hours|days))[)]|cron[(][^ ()]+( [^ ()]+){5}[)])$", var.janitor_schedule_expression))
    error_message = "janitor_schedule_expression must be rate(1 <unit>), rate(<n> <units>) with unit minute, hour or day, or a six-field cron(...)."
  }
}

variable "janitor_dry_run" {
  description = "Run the janitor in dry-run mode: it logs which expired jobs it would delete and deletes nothing."
  type        = bool
  default     = false
  nullable    = false
}

variable "janitor_log_retention_days" {
  description = "Days CloudWatch Logs keeps the janitor's log (one of the values CloudWatch Logs accepts, e.g. 7, 30, 90, 365)."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.janitor_log_retention_days)
    error_message = "janitor_log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# CI snippets
# ---------------------------------------------------------------------------------------------------------------------

variable "drone_image" {
  description = "Image of the Drone plugin named in the drone_snippet output."
  type        = string
  default     = "ghcr.io/glue-health-check/glue-health-check:0.1.0"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9._:/-]*[a-z0-9])?(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$", var.drone_image))
    error_message = "drone_image must be an image reference such as registry/owner/name:tag or name@sha256:<digest>."
  }
}
