package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.terraform.PolicyDocument.Condition;
import io.github.gluehealthcheck.terraform.PolicyDocument.Principal;
import io.github.gluehealthcheck.terraform.PolicyDocument.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The role health-check jobs run as: trusted by Glue only, reading its script, using its --TempDir. */
class GlueRoleTest {

    static Stream<Named<Deployment>> deployments() {
        return CiPolicyTest.deployments();
    }

    @Test
    void isTrustedByGlueOnly() {
        PolicyDocument trust = Deployment.inEuWest1().policy("glue_trust").orElseThrow();

        assertThat(trust.statements()).singleElement().satisfies(statement -> {
            assertThat(statement.actions()).containsExactly("sts:AssumeRole");
            assertThat(statement.principals()).containsExactly(new Principal("Service", List.of("glue.amazonaws.com")));
        });
        assertThat(source("aws_iam_role", "glue", "assume_role_policy")).isEqualTo("data.aws_iam_policy_document.glue_trust.json");
        assertThat(source("aws_iam_role_policy", "glue_runtime", "policy")).isEqualTo("data.aws_iam_policy_document.glue_runtime.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void readsStagedScriptsButCannotChangeThem(Deployment deployment) {
        String scripts = bucketArn(deployment) + "/" + deployment.variable("scripts_prefix") + "/*";

        for (Statement statement : runtime(deployment).allowStatements()) {
            if (statement.resources().contains(scripts)) {
                assertThat(statement.actions()).as(statement.sid()).containsExactly("s3:GetObject");
            }
        }
        assertThat(runtime(deployment).statement("ReadStagedScripts").orElseThrow().resources()).containsExactly(scripts);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void readsAndWritesItsTempDirAndListsOnlyThere(Deployment deployment) {
        String temp = (String) deployment.variable("temp_prefix");

        Statement objects = runtime(deployment).statement("UseTempDir").orElseThrow();
        assertThat(objects.resources()).containsExactly(bucketArn(deployment) + "/" + temp + "/*");
        assertThat(objects.actions()).contains("s3:GetObject", "s3:PutObject", "s3:DeleteObject");

        Statement list = runtime(deployment).statement("ListTempDir").orElseThrow();
        assertThat(list.actions()).containsExactly("s3:ListBucket");
        assertThat(list.resources()).containsExactly(bucketArn(deployment));
        assertThat(list.conditions()).containsExactly(
                new Condition("StringLike", "s3:prefix", List.of(temp, temp + "/", temp + "/*")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void touchesNoS3ObjectOutsideItsPrefixesAndTheExistingScripts(Deployment deployment) {
        List<String> allowed = Stream.concat(
                        Stream.of(bucketArn(deployment) + "/" + deployment.variable("scripts_prefix") + "/*",
                                bucketArn(deployment) + "/" + deployment.variable("temp_prefix") + "/*",
                                bucketArn(deployment)),
                        CiPolicyTest.resourcesOf(io.github.gluehealthcheck.engine.aws.AwsOperation.Resource.SCRIPT_OBJECT,
                                deployment).stream())
                .toList();

        for (Statement statement : runtime(deployment).allowStatements()) {
            if (statement.actions().stream().anyMatch(a -> a.startsWith("s3:"))) {
                assertThat(statement.resources()).as(statement.sid()).isSubsetOf(allowed);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void writesOnlyGlueLogsAndGlueMetrics(Deployment deployment) {
        Statement logs = runtime(deployment).statement("WriteGlueLogs").orElseThrow();
        assertThat(logs.resources()).containsExactly(deployment.arn("logs", "log-group:/aws-glue/*"));

        Statement metrics = runtime(deployment).statement("PutGlueMetrics").orElseThrow();
        assertThat(metrics.actions()).containsExactly("cloudwatch:PutMetricData");
        assertThat(metrics.conditions()).containsExactly(new Condition("StringEquals", "cloudwatch:namespace", List.of("Glue")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void noWildcardActionsAndTheWildcardResourceOnlyForMetrics(Deployment deployment) {
        for (Statement statement : runtime(deployment).statements()) {
            assertThat(statement.effect()).isEqualTo("Allow");
            assertThat(statement.actions()).allSatisfy(a -> assertThat(a).doesNotContain("*"));
            assertThat(statement.notActions()).isEmpty();
            if (statement.resources().contains("*")) {
                assertThat(statement.actions()).containsExactly("cloudwatch:PutMetricData");
                assertThat(statement.conditions()).isNotEmpty();
            }
            if (statement.actions().stream().anyMatch(a -> a.startsWith("kms:"))) {
                assertThat(statement.resources()).containsExactly(CiPolicyTest.KMS_KEY);
                assertThat(statement.conditions()).containsExactly(new Condition("StringEquals", "kms:ViaService",
                        List.of("s3." + deployment.region() + ".amazonaws.com")));
            }
        }
    }

    @Test
    void extraPoliciesForTheJobsDataAttachByStaticKey() {
        Deployment deployment = Deployment.inEuWest1().with("glue_role_policy_arns",
                Map.of("data", "arn:aws:iam::123456789012:policy/read-test-data",
                        "catalog", "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"));

        assertThat(deployment.instances("resource", "aws_iam_role_policy_attachment", "glue_extra")).isEqualTo(2);
        assertThat(source("aws_iam_role_policy_attachment", "glue_extra", "for_each")).isEqualTo("var.glue_role_policy_arns");
        assertThat(source("aws_iam_role_policy_attachment", "glue_extra", "role")).isEqualTo("aws_iam_role.glue.name");
    }

    @Test
    void refusesPrefixesInsideOneAnother() {
        var preconditions = TerraformConfig.blocks(
                Deployment.MODULE.resource("aws_iam_role_policy", "glue_runtime").blocks("lifecycle").get(0), "precondition");

        assertThat(holds(preconditions, Deployment.inEuWest1())).isTrue();
        assertThat(holds(preconditions, Deployment.inEuWest1().with("temp_prefix", "glue-health-check/scripts/tmp"))).isFalse();
        assertThat(holds(preconditions, Deployment.inEuWest1().with("scripts_prefix", "glue-health-check/temp/s"))).isFalse();
        assertThat(holds(preconditions, Deployment.inEuWest1().with("temp_prefix", "glue-health-check/scripts-tmp"))).isTrue();
        assertThat(holds(preconditions, Deployment.inEuWest1().with("create_scripts_bucket", false))).isFalse();
        assertThat(holds(preconditions, Deployment.inEuWest1().with("create_scripts_bucket", false)
                .with("scripts_bucket_name", "existing-bucket"))).isTrue();
    }

    // -----------------------------------------------------------------------------------------------------------

    private static boolean holds(List<org.openrewrite.hcl.tree.Hcl.Block> preconditions, Deployment deployment) {
        HclEvaluator evaluator = deployment.evaluator();
        return preconditions.stream().allMatch(p ->
                (Boolean) evaluator.eval(TerraformConfig.attribute(p, "condition").orElseThrow()));
    }

    private static PolicyDocument runtime(Deployment deployment) {
        return deployment.policy("glue_runtime").orElseThrow();
    }

    private static String bucketArn(Deployment deployment) {
        return "arn:" + deployment.partition() + ":s3:::" + deployment.local("scripts_bucket_name");
    }

    private static String source(String type, String name, String argument) {
        return TerraformConfig.source(Deployment.MODULE.resource(type, name).attribute(argument).orElseThrow());
    }
}
