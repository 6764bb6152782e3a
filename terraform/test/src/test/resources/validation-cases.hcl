# Values each validated variable of ../../../../variables.tf must accept and refuse, evaluated by
# src/test/go/validations with HCL and cty as Terraform evaluates them (ValidationsTest runs it). Every variable
# with a validation block has at least one of each, and every validation block refuses at least one value.
# Values may be built with Terraform's functions, e.g. join("", [for i in range(64) : "x"]) for 64 characters.

case "name_prefix" {
  accepted = ["glue-health-check", "ghc", "Team_Checks-2", join("", [for i in range(64) : "x"])]
  refused  = ["", "a", "ab", "1abc", "-abc", "_abc", join("", [for i in range(65) : "a"]), "has space", "dots.no", "ümlaut", "glue-health-check\n"]
}

case "tags" {
  accepted = [{}, { team = "data", "glue-health-check:owner" = "ci" }]
  refused  = [{ "aws:cloudformation" = "x" }, { "AWS:Foo" = "x" }]
}

case "iam_path" {
  accepted = ["/", "/ci/", "/a/b/"]
  refused  = ["ci", "/ci", "ci/", "//", "/a b/"]
}

case "permissions_boundary_arn" {
  accepted = [null, "arn:aws:iam::123456789012:policy/boundary", "arn:aws-us-gov:iam::123456789012:policy/org/boundary"]
  refused  = ["boundary", "arn:aws:iam::123456789012:role/x", "arn:aws:iam::12345:policy/x"]
}

case "scripts_bucket_name" {
  accepted = [null, "abc", "my.bucket-1", join("", [for i in range(63) : "a"])]
  refused  = ["ab", "Upper", "a_b", "-abc", "abc-", "a..b", "192.168.1.1", "xn--abc", "abc-s3alias", join("", [for i in range(64) : "a"])]
}

case "scripts_prefix" {
  accepted = ["glue-health-check/scripts", "s", "a/b/c", "v1.2/x_y"]
  refused  = ["", "/lead", "trail/", "a//b", "a/*", "a b", "a/../b", "./a", "it's", "a/${join("", [for i in range(511) : "b"])}"]
}

case "temp_prefix" {
  accepted = ["glue-health-check/temp", "s", "a/b/c", "v1.2/x_y"]
  refused  = ["", "/lead", "trail/", "a//b", "a/*", "a b", "a/../b", "./a", "it's", "a/${join("", [for i in range(511) : "b"])}"]
}

case "kms_key_arn" {
  accepted = [null, "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd"]
  refused  = ["alias/scripts", "arn:aws:kms:eu-west-1:123456789012:alias/scripts", "1234abcd"]
}

case "sns_kms_key_arn" {
  accepted = [null, "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd"]
  refused  = ["alias/scripts", "arn:aws:kms:eu-west-1:123456789012:alias/scripts", "1234abcd"]
}

case "scripts_expiration_days" {
  accepted = [1, 7, 365]
  refused  = [0, -1, 1.5]
}

case "temp_expiration_days" {
  accepted = [1, 7, 365]
  refused  = [0, -1, 1.5]
}

case "existing_script_locations" {
  accepted = [[], ["s3://bucket"], ["s3://bucket/", "s3://my.bucket/jobs/etl/"]]
  refused  = [["bucket/jobs/"], ["s3://bucket/jobs/*"], ["s3://Bad_Bucket/x/"], ["s3://"], ["s3://bucket/jobs/etl.py"], ["s3://my.bucket/jobs/etl"]]
}

case "glue_role_policy_arns" {
  accepted = [{}, { data = "arn:aws:iam::123456789012:policy/read-test-data", glue = "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole" }]
  refused  = [{ data = "read-test-data" }, { data = "arn:aws:iam::123456789012:role/r" }]
}

case "ci_policy_role_names" {
  accepted = [[], ["jenkins-agent"], ["a+=,.@_-"]]
  refused  = [["arn:aws:iam::123456789012:role/x"], [""], [join("", [for i in range(65) : "a"])], ["has space"]]
}

case "ci_policy_user_names" {
  accepted = [[], ["drone-ci"], ["a+=,.@_-"]]
  refused  = [["arn:aws:iam::123456789012:user/x"], [""], [join("", [for i in range(65) : "a"])], ["has space"]]
}

case "ci_role_trust" {
  accepted = [
    { type = "account" },
    { type = "account", principal_arns = ["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:role/ci/agent"], external_id = "glue-health-check:ci" },
    { type = "account", external_id = "ab" },
    { type = "account", external_id = join("", [for i in range(612) : "xx"]) },
    { type = "oidc", oidc_provider_arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123", oidc_subjects = ["system:serviceaccount:ci:drone"] },
    { type = "ec2" },
  ]
  refused = [
    { type = "github" },
    { type = "account", principal_arns = ["123456789012"] },
    { type = "account", external_id = "a" },
    { type = "account", external_id = "${join("", [for i in range(612) : "xx"])}x" },
    { type = "account", external_id = "has space" },
    { type = "oidc" },
    { type = "oidc", oidc_provider_arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123" },
    { type = "oidc", oidc_provider_arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123", oidc_subjects = ["a"], oidc_audiences = [] },
    { type = "oidc", oidc_provider_arn = "arn:aws:iam::123456789012:role/x", oidc_subjects = ["a"] },
    { type = "oidc", oidc_provider_arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123", oidc_subjects = ["*"] },
    { type = "oidc", oidc_provider_arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123", oidc_subjects = [" "] },
  ]
}

case "ci_role_max_session_duration" {
  accepted = [3600, 7200, 43200]
  refused  = [3599, 43201, 3600.5]
}

case "ci_role_repository" {
  accepted = [null, "data/etl", "team_a/repo.name", "x", "org/group/sub-project"]
  refused  = ["", "/lead", ".hidden", "trail/", "a//b", "a b", "a:b", join("", [for i in range(257) : "r"])]
}

case "notification_states" {
  accepted = [["FAILED"], ["SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED"]]
  refused  = [[], ["ERROR"], ["failed"]]
}

case "notification_email_addresses" {
  accepted = [[], ["a@example.com", "first.last+ci@sub.example.co"]]
  refused  = [["not-an-email"], ["a@b"], ["a b@example.com"]]
}

case "notification_https_endpoints" {
  accepted = [[], ["https://hooks.example.com/x?token=1"]]
  refused  = [["http://hooks.example.com"], ["https://"], ["https://a b"]]
}

case "janitor_package_path" {
  accepted = [null, "terraform/janitor-lambda/target/glue-health-check-janitor.jar", "janitor.zip"]
  refused  = ["janitor.tar.gz", "janitor.jar.bak", ""]
}

case "janitor_runtime" {
  accepted = ["java17", "java21", "java25"]
  refused  = ["java11", "java8.al2", "java16", "java99", "python3.12", "java", "Java17"]
}

case "janitor_architecture" {
  accepted = ["x86_64", "arm64"]
  refused  = ["arm", "amd64"]
}

case "janitor_memory_size" {
  accepted = [128, 512, 10240]
  refused  = [127, 10241, 256.5]
}

case "janitor_timeout" {
  accepted = [1, 300, 900]
  refused  = [0, 901, 1.5]
}

case "janitor_schedule_expression" {
  accepted = ["rate(1 hour)", "rate(30 minutes)", "rate(2 days)", "rate(1 minute)", "cron(0 * * * ? *)", "cron(0/15 8-18 ? * MON-FRI *)"]
  refused  = ["rate(1 hours)", "rate(2 hour)", "rate(0 minutes)", "rate(01 hours)", "rate(1 week)", "cron(0 * * * *)", "every hour", "rate(1 hour) "]
}

case "janitor_log_retention_days" {
  accepted = [1, 30, 3653]
  refused  = [0, 2, 31]
}

case "drone_image" {
  accepted = ["ghcr.io/glue-health-check/glue-health-check:0.1.0", "drone-glue-health-check", "registry.example.com:5000/team/image:1.2.3", "ghcr.io/x/y@sha256:${join("", [for i in range(4) : "0123456789abcdef"])}"]
  refused  = ["", "Upper/Case", "image:tag with space", "image:", "-image", "ghcr.io/x/y@sha256:abc"]
}

case "base_job_names" {
  accepted = [[], ["orders-summary-nightly"], ["Orders Summary (v2)", join("", [for i in range(255) : "j"])]]
  refused  = [[""], ["orders-*"], ["orders?"], ["two\nlines"], [join("", [for i in range(256) : "j"])]]
}

case "base_job_role_arns" {
  accepted = [[], ["arn:aws:iam::123456789012:role/orders-glue"], ["arn:aws-cn:iam::123456789012:role/data/etl+glue"]]
  refused  = [["orders-glue"], ["arn:aws:iam::123456789012:user/ci"], ["arn:aws:iam::12345:role/x"], ["arn:aws:iam::123456789012:role/"]]
}
