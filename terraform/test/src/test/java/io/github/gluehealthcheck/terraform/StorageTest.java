package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.terraform.PolicyDocument.Condition;
import io.github.gluehealthcheck.terraform.PolicyDocument.Statement;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openrewrite.hcl.tree.Hcl;

/** The scripts bucket: private, TLS only, encrypted, and cleaning up after killed CI steps by itself. */
class StorageTest {

    @Test
    void theDefaultBucketIsNamedAfterPrefixAccountAndRegion() {
        assertThat(Deployment.inEuWest1().resourceArgument("aws_s3_bucket", "scripts", "bucket"))
                .isEqualTo("glue-health-check-123456789012-eu-west-1");
        assertThat(Deployment.inEuWest1().with("scripts_bucket_name", "my-scripts")
                .resourceArgument("aws_s3_bucket", "scripts", "bucket")).isEqualTo("my-scripts");
    }

    @Test
    void anExistingBucketWithoutANameStopsAtItsPreconditionNotAtATemplateOfNull() {
        Deployment deployment = Deployment.inEuWest1().with("create_scripts_bucket", false);

        // Everything built from the bucket name still evaluates (a null in a template would stop the plan first,
        // with "Invalid template interpolation value"), so the precondition below is what the user sees.
        assertThat(deployment.output("scripts_location")).isNotNull();
        assertThat(deployment.policy("ci")).isPresent();
        assertThat(deployment.policy("glue_runtime")).isPresent();
        var precondition = TerraformConfig.blocks(Deployment.MODULE.resource("aws_iam_role_policy", "glue_runtime")
                .blocks("lifecycle").get(0), "precondition").get(0);
        assertThat(deployment.evaluator().eval(TerraformConfig.attribute(precondition, "condition").orElseThrow()))
                .isEqualTo(false);
        assertThat(deployment.evaluator().eval(TerraformConfig.attribute(precondition, "error_message").orElseThrow()))
                .isEqualTo("Set scripts_bucket_name to the existing bucket when create_scripts_bucket is false.");
    }

    @Test
    void theDefaultBucketNameIsAValidBucketNameForAnyValidPrefix() {
        String longest = "Team_" + "x".repeat(59);
        for (String prefix : List.of("abc", "glue-health-check", longest, "A_B_C", "x".repeat(33) + "-y")) {
            String bucket = (String) Deployment.in("aws", "ap-southeast-5", "123456789012").with("name_prefix", prefix)
                    .local("default_bucket_name");

            assertThat(bucket).as(prefix).hasSizeLessThanOrEqualTo(63)
                    .matches("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
                    .doesNotContain("..").endsWith("-123456789012-ap-southeast-5");
            assertThat(Variables.failedValidations(Deployment.MODULE, "scripts_bucket_name", bucket)).as(bucket).isEmpty();
        }
    }

    @Test
    void aCreatedBucketIsPrivateOwnerEnforcedAndNotDestroyedWithObjectsByDefault() {
        Deployment deployment = Deployment.inEuWest1();

        for (String setting : List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")) {
            assertThat(deployment.resourceArgument("aws_s3_bucket_public_access_block", "scripts", setting)).as(setting).isEqualTo(true);
        }
        assertThat(deployment.nestedArgument("aws_s3_bucket_ownership_controls", "scripts", "rule", "object_ownership"))
                .isEqualTo("BucketOwnerEnforced");
        assertThat(deployment.resourceArgument("aws_s3_bucket", "scripts", "force_destroy")).isEqualTo(false);
    }

    @Test
    void theBucketPolicyOnlyDeniesPlainHttpAndOldTls() {
        Deployment deployment = Deployment.inGovCloud();
        String bucket = "arn:aws-us-gov:s3:::glue-health-check-210987654321-us-gov-west-1";

        List<Statement> statements = deployment.policy("scripts_bucket").orElseThrow().statements();

        assertThat(statements).allSatisfy(statement -> {
            assertThat(statement.effect()).isEqualTo("Deny");
            assertThat(statement.resources()).containsExactly(bucket, bucket + "/*");
        });
        assertThat(statements.stream().flatMap(s -> s.conditions().stream()).collect(Collectors.toList())).containsExactly(
                new Condition("Bool", "aws:SecureTransport", List.of("false")),
                new Condition("NumericLessThan", "s3:TlsVersion", List.of("1.2")));
        assertThat(TerraformConfig.source(Deployment.MODULE.resource("aws_s3_bucket_policy", "scripts").attribute("policy")
                .orElseThrow())).isEqualTo("data.aws_iam_policy_document.scripts_bucket.json");
    }

    @Test
    void encryptsWithS3ManagedKeysOrTheGivenKmsKeyWithABucketKey() {
        assertThat(encryption(Deployment.inEuWest1())).containsEntry("sse_algorithm", "AES256")
                .containsEntry("kms_master_key_id", null);

        Deployment kms = Deployment.inGovCloud().with("kms_key_arn", CiPolicyTest.KMS_KEY);
        assertThat(encryption(kms)).containsEntry("sse_algorithm", "aws:kms")
                .containsEntry("kms_master_key_id", CiPolicyTest.KMS_KEY);
        assertThat(kms.nestedArgument("aws_s3_bucket_server_side_encryption_configuration", "scripts", "rule",
                "bucket_key_enabled")).isEqualTo(true);
    }

    @Test
    void lifecycleExpiresStagedScriptsAndTempObjectsUnderTheirPrefixesOnly() {
        Deployment deployment = Deployment.inEuWest1().with("scripts_prefix", "ci/scripts").with("scripts_expiration_days", 3);
        Hcl.Block lifecycle = Deployment.MODULE.resource("aws_s3_bucket_lifecycle_configuration", "scripts").block();
        HclEvaluator evaluator = deployment.evaluator();

        Map<Object, Object> expiryByPrefix = TerraformConfig.blocks(lifecycle, "rule").stream().collect(Collectors.toMap(
                rule -> argument(evaluator, TerraformConfig.blocks(rule, "filter").get(0), "prefix"),
                rule -> argument(evaluator, TerraformConfig.blocks(rule, "expiration").get(0), "days")));

        assertThat(expiryByPrefix).containsOnly(
                Map.entry("ci/scripts/", new BigDecimal(3)),
                Map.entry("glue-health-check/temp/", new BigDecimal(7)));
        assertThat(TerraformConfig.blocks(lifecycle, "rule")).allSatisfy(rule ->
                assertThat(argument(evaluator, rule, "status")).isEqualTo("Enabled"));
    }

    @Test
    void anExistingBucketIsLeftAloneAndOnlyNamedInGrants() {
        Deployment existing = Deployment.inEuWest1().with("create_scripts_bucket", false)
                .with("scripts_bucket_name", "team-bucket");

        for (TerraformConfig.TopBlock resource : Deployment.MODULE.resources()) {
            if (resource.file().getFileName().toString().equals("storage.tf")) {
                assertThat(existing.instances("resource", resource.labels().get(0), resource.labels().get(1)))
                        .as(resource.address()).isZero();
            }
        }
        assertThat(existing.output("scripts_location")).isEqualTo("s3://team-bucket/glue-health-check/scripts");
        assertThat(existing.output("scripts_bucket_arn")).isEqualTo("arn:aws:s3:::team-bucket");
    }

    // -----------------------------------------------------------------------------------------------------------

    private static Map<String, Object> encryption(Deployment deployment) {
        Hcl.Block rule = Deployment.MODULE.resource("aws_s3_bucket_server_side_encryption_configuration", "scripts")
                .blocks("rule").get(0);
        Hcl.Block defaults = TerraformConfig.blocks(rule, "apply_server_side_encryption_by_default").get(0);
        HclEvaluator evaluator = deployment.evaluator();
        Map<String, Object> values = new java.util.HashMap<>();
        TerraformConfig.attributes(defaults).forEach((name, expression) -> values.put(name, evaluator.eval(expression)));
        return values;
    }

    private static Object argument(HclEvaluator evaluator, Hcl.Block block, String name) {
        return evaluator.eval(TerraformConfig.attribute(block, name).orElseThrow());
    }
}
