package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.aws.AwsOperation;
import io.github.gluehealthcheck.terraform.PolicyDocument.Condition;
import io.github.gluehealthcheck.terraform.PolicyDocument.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CI policy against the engine's declared AWS operations ({@link AwsOperation}): every operation the
 * engine calls is allowed, on exactly the resources its scope names, and nothing else is. A new engine call
 * without a grant, or a grant the engine does not need, fails the build.
 */
class CiPolicyTest {

    static final String KMS_KEY = "arn:aws-us-gov:kms:us-gov-west-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /** Default settings, and settings that change every statement the policy can have, in another partition. */
    static Stream<Named<Deployment>> deployments() {
        return Stream.of(
                Named.of("defaults", Deployment.inEuWest1()),
                Named.of("own prefix, existing bucket, KMS key, existing scripts, GovCloud", Deployment.inGovCloud()
                        .with("name_prefix", "Team_checks-2")
                        .with("create_scripts_bucket", false)
                        .with("scripts_bucket_name", "shared-ci-bucket")
                        .with("scripts_prefix", "ci/glue/scripts")
                        .with("temp_prefix", "ci/glue/temp")
                        .with("kms_key_arn", KMS_KEY)
                        .with("existing_script_locations", List.of("s3://legacy-scripts/jobs/", "s3://team-bucket"))),
                Named.of("deployed jobs to copy (base_job)", Deployment.inEuWest1()
                        .with("base_job_names", List.of("orders-nightly", "billing export"))
                        .with("base_job_role_arns", List.of("arn:aws:iam::123456789012:role/orders-glue"))));
    }

    @Test
    void theEngineDeclaresItsOperationsAndOnlyGetCallerIdentityNeedsNoPermission() {
        assertThat(AwsOperation.values()).isNotEmpty();
        assertThat(Arrays.stream(AwsOperation.values()).filter(op -> op.iamActions().isEmpty()))
                .containsExactly(AwsOperation.STS_GET_CALLER_IDENTITY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void everyResourceScopeTheEngineKnowsHasAGrantRule(Deployment deployment) {
        for (AwsOperation.Resource scope : AwsOperation.Resource.values()) {
            if (scope == AwsOperation.Resource.DEPLOYED_JOB
                    && HclEvaluator.list(deployment.variable("base_job_names")).isEmpty()) {
                continue; // opt-in: no deployed job is readable until the user lists one
            }
            assertThat(resourcesOf(scope, deployment)).as("%s", scope).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void everyOperationTheEngineCallsIsAllowedOnTheResourcesItActsOn(Deployment deployment) {
        PolicyDocument policy = ciPolicy(deployment);
        List<String> missing = new ArrayList<>();

        for (AwsOperation operation : AwsOperation.values()) {
            Set<String> needed = resourcesOf(operation.resource(), deployment);
            for (String action : operation.iamActions()) {
                Set<String> granted = policy.allowStatements().stream()
                        .filter(s -> s.actions().contains(action))
                        .filter(s -> grantsUnconditionally(s) || isPassRoleToGlue(s))
                        .flatMap(s -> s.resources().stream())
                        .collect(Collectors.toSet());
                if (!granted.containsAll(needed)) {
                    missing.add(operation + " needs " + action + " on " + needed + ", granted on " + granted);
                }
            }
        }

        assertThat(missing).as("engine operations the CI policy does not allow").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void everyGrantIsAnEngineOperationOnTheResourcesItsScopeNames(Deployment deployment) {
        List<String> excess = new ArrayList<>();

        for (Statement statement : ciPolicy(deployment).allowStatements()) {
            for (String action : statement.actions()) {
                List<AwsOperation> callers = Arrays.stream(AwsOperation.values())
                        .filter(op -> op.iamActions().contains(action))
                        .collect(Collectors.toList());
                if (callers.isEmpty()) {
                    if (!isScriptsKeyGrant(statement, deployment)) {
                        excess.add(statement.sid() + " grants " + action + ", which no engine operation needs");
                    }
                    continue;
                }
                Set<String> allowed = callers.stream()
                        .flatMap(op -> resourcesOf(op.resource(), deployment).stream())
                        .collect(Collectors.toSet());
                for (String resource : statement.resources()) {
                    if (!allowed.contains(resource)) {
                        excess.add(statement.sid() + " grants " + action + " on " + resource + "; the engine's scope is "
                                + allowed);
                    }
                }
            }
        }

        assertThat(excess).as("grants beyond the engine's operations").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void noWildcardActionsAndNoNegations(Deployment deployment) {
        for (Statement statement : ciPolicy(deployment).statements()) {
            assertThat(statement.actions()).as(statement.sid()).allSatisfy(action ->
                    assertThat(action).doesNotContain("*").doesNotContain("?").contains(":"));
            assertThat(statement.notActions()).as(statement.sid()).isEmpty();
            assertThat(statement.notResources()).as(statement.sid()).isEmpty();
            assertThat(statement.principals()).as("an identity policy names no principals").isEmpty();
            assertThat(statement.effect()).isEqualTo("Allow");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void glueJobActionsOnlyOnHealthCheckJobsAndListJobsAloneOnEverything(Deployment deployment) {
        String jobs = deployment.arn("glue", "job/" + deployment.variable("name_prefix") + "-*");

        for (Statement statement : ciPolicy(deployment).allowStatements()) {
            for (String action : statement.actions()) {
                if (action.equals("glue:ListJobs")) {
                    assertThat(statement.actions()).as("ListJobs takes no resource: alone on *").containsExactly(action);
                    assertThat(statement.resources()).containsExactly("*");
                } else if (action.equals("glue:GetJob")) {
                    // base_job: only read, only the deployed jobs the user listed.
                    assertThat(statement.actions()).as("GetJob alone on the listed deployed jobs").containsExactly(action);
                    assertThat(statement.resources()).containsExactlyInAnyOrderElementsOf(
                            resourcesOf(AwsOperation.Resource.DEPLOYED_JOB, deployment));
                } else if (action.startsWith("glue:")) {
                    assertThat(statement.resources()).as(action).containsExactly(jobs);
                }
            }
        }
        assertThat(jobs).endsWith(":job/" + deployment.variable("name_prefix") + "-*");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void passRoleOnlyForTheGlueRoleAndOnlyToGlue(Deployment deployment) {
        List<Statement> passRole = ciPolicy(deployment).allowStatements().stream()
                .filter(s -> s.actions().contains("iam:PassRole"))
                .collect(Collectors.toList());

        assertThat(passRole).hasSize(1);
        Statement statement = passRole.get(0);
        assertThat(statement.actions()).containsExactly("iam:PassRole");
        assertThat(statement.resources()).containsExactlyInAnyOrderElementsOf(
                resourcesOf(AwsOperation.Resource.GLUE_ROLE, deployment));
        assertThat(statement.resources()).contains("${aws_iam_role.glue.arn}");
        assertThat(statement.conditions()).containsExactly(
                new Condition("StringEquals", "iam:PassedToService", List.of("glue.amazonaws.com")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void s3ObjectActionsOnlyUnderTheScriptsPrefixOrExistingScripts(Deployment deployment) {
        Set<String> scriptObjects = resourcesOf(AwsOperation.Resource.SCRIPT_OBJECT, deployment);
        String stagedScripts = resourcesOf(AwsOperation.Resource.SCRIPTS_PREFIX, deployment).iterator().next();
        String passRecords = resourcesOf(AwsOperation.Resource.PASS_RECORDS, deployment).iterator().next();

        for (Statement statement : ciPolicy(deployment).allowStatements()) {
            for (String action : statement.actions()) {
                if (!action.startsWith("s3:")) {
                    continue;
                }
                assertThat(action).as("object actions only").isIn("s3:GetObject", "s3:PutObject", "s3:DeleteObject");
                if (statement.resources().equals(List.of(passRecords))) {
                    // reuse_passed reads and writes its records, nothing else, and deletes none.
                    assertThat(statement.actions()).containsExactlyInAnyOrder("s3:GetObject", "s3:PutObject");
                    continue;
                }
                assertThat(statement.resources()).as(action).allSatisfy(resource ->
                        assertThat(resource).isIn(action.equals("s3:GetObject") ? scriptObjects : Set.of(stagedScripts)));
            }
        }
        assertThat(stagedScripts).endsWith("/" + deployment.variable("scripts_prefix") + "/*");
        assertThat(passRecords).startsWith(stagedScripts.substring(0, stagedScripts.length() - 1)).endsWith("/passes/*");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void logsReadsOnlyOnGlueLogGroups(Deployment deployment) {
        for (Statement statement : ciPolicy(deployment).allowStatements()) {
            if (statement.actions().stream().anyMatch(a -> a.startsWith("logs:"))) {
                assertThat(statement.actions()).containsExactly("logs:FilterLogEvents");
                assertThat(statement.resources()).containsExactly(deployment.arn("logs", "log-group:/aws-glue/*"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void onlyOperationsWithoutAResourceUseTheWildcardResource(Deployment deployment) {
        Set<String> resourceless = Arrays.stream(AwsOperation.values())
                .filter(op -> op.resource() == AwsOperation.Resource.ANY)
                .flatMap(op -> op.iamActions().stream())
                .collect(Collectors.toSet());

        for (Statement statement : ciPolicy(deployment).allowStatements()) {
            if (statement.resources().stream().anyMatch(r -> r.contains("*") && !r.startsWith("arn:"))) {
                assertThat(statement.resources()).containsExactly("*");
                assertThat(resourceless).as(statement.sid()).containsAll(statement.actions());
            }
        }
    }

    @Test
    void theScriptsBucketKeyIsUsableOnlyWhenGivenAndOnlyThroughS3() {
        assertThat(ciPolicy(Deployment.inEuWest1()).statements())
                .noneMatch(s -> s.actions().stream().anyMatch(a -> a.startsWith("kms:")));

        Deployment withKey = Deployment.inGovCloud().with("kms_key_arn", KMS_KEY);
        List<Statement> kms = ciPolicy(withKey).statements().stream()
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("kms:")))
                .collect(Collectors.toList());
        assertThat(kms).singleElement().satisfies(statement -> assertThat(isScriptsKeyGrant(statement, withKey)).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void theCiPolicyGrantsExactlyTheEnginesActions(Deployment deployment) {
        boolean baseJobs = !HclEvaluator.list(deployment.variable("base_job_names")).isEmpty();
        Set<String> engine = Arrays.stream(AwsOperation.values())
                // GetJob (base_job) is granted only on deployed jobs the user lists.
                .filter(op -> baseJobs || op.resource() != AwsOperation.Resource.DEPLOYED_JOB)
                .flatMap(op -> op.iamActions().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> granted = ciPolicy(deployment).allowStatements().stream()
                .flatMap(s -> s.actions().stream())
                .filter(a -> !a.startsWith("kms:"))
                .collect(Collectors.toCollection(LinkedHashSet::new));

        assertThat(granted).containsExactlyInAnyOrderElementsOf(engine);
    }

    @Test
    void theCiPolicyResourceUsesThisDocumentAndIsAttachedToWhatTheVariablesName() {
        TerraformConfig module = Deployment.MODULE;

        assertThat(TerraformConfig.source(module.resource("aws_iam_policy", "ci").attribute("policy").orElseThrow()))
                .isEqualTo("data.aws_iam_policy_document.ci.json");
        assertThat(Deployment.inEuWest1().with("ci_policy_role_names", List.of("jenkins-agent"))
                .instances("resource", "aws_iam_role_policy_attachment", "ci")).isEqualTo(1);
        assertThat(Deployment.inEuWest1().with("ci_policy_user_names", List.of("drone", "drone"))
                .instances("resource", "aws_iam_user_policy_attachment", "ci")).isEqualTo(1);
        for (String[] attachment : new String[][] {
            {"aws_iam_role_policy_attachment", "ci"}, {"aws_iam_user_policy_attachment", "ci"},
            {"aws_iam_role_policy_attachment", "ci_role"}}) {
            assertThat(TerraformConfig.source(module.resource(attachment[0], attachment[1]).attribute("policy_arn").orElseThrow()))
                    .as(String.join(".", attachment))
                    .isEqualTo("aws_iam_policy.ci.arn");
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    static PolicyDocument ciPolicy(Deployment deployment) {
        return deployment.policy("ci").orElseThrow();
    }

    /**
     * The resources each scope of {@link AwsOperation.Resource} stands for in a deployment. A scope added to the
     * engine fails here until someone decides how the CI policy grants it.
     */
    static Set<String> resourcesOf(AwsOperation.Resource scope, Deployment deployment) {
        String bucketArn = "arn:" + deployment.partition() + ":s3:::" + deployment.local("scripts_bucket_name");
        String stagedScripts = bucketArn + "/" + deployment.variable("scripts_prefix") + "/*";
        switch (scope) {
            case ANY:
                return Set.of("*");
            case HEALTH_CHECK_JOB:
                return Set.of(deployment.arn("glue", "job/" + deployment.variable("name_prefix") + "-*"));
            case GLUE_ROLE: {
                Set<String> roles = new LinkedHashSet<>();
                roles.add("${aws_iam_role.glue.arn}");
                HclEvaluator.list(deployment.variable("base_job_role_arns")).forEach(r -> roles.add(r.toString()));
                return roles;
            }
            case DEPLOYED_JOB: {
                Set<String> jobs = new LinkedHashSet<>();
                HclEvaluator.list(deployment.variable("base_job_names"))
                        .forEach(name -> jobs.add(deployment.arn("glue", "job/" + name)));
                return jobs;
            }
            case SCRIPTS_PREFIX:
                return Set.of(stagedScripts);
            case PASS_RECORDS:
                // PassRecords.location: <scripts_prefix>/<repository>/passes/<fingerprint>.json, any repository.
                return Set.of(bucketArn + "/" + deployment.variable("scripts_prefix") + "/*/passes/*");
            case SCRIPT_OBJECT: {
                Set<String> objects = new LinkedHashSet<>();
                objects.add(stagedScripts);
                for (Object location : HclEvaluator.list(deployment.variable("existing_script_locations"))) {
                    String path = location.toString().substring("s3://".length()).replaceAll("/$", "");
                    objects.add("arn:" + deployment.partition() + ":s3:::" + path + "/*");
                }
                return objects;
            }
            case GLUE_LOG_GROUPS:
                return Set.of(deployment.arn("logs", "log-group:/aws-glue/*"));
            default:
                throw new AssertionError("AwsOperation.Resource." + scope + " is new: decide how the CI policy "
                        + "(terraform/iam.tf) scopes it, then add it here");
        }
    }

    private static boolean grantsUnconditionally(Statement statement) {
        return statement.conditions().isEmpty();
    }

    private static boolean isPassRoleToGlue(Statement statement) {
        return statement.actions().equals(List.of("iam:PassRole")) && statement.conditions().equals(List.of(
                new Condition("StringEquals", "iam:PassedToService", List.of("glue.amazonaws.com"))));
    }

    /** SSE-KMS needs these two alongside S3 object access; not an engine call, so checked on its own. */
    static boolean isScriptsKeyGrant(Statement statement, Deployment deployment) {
        Object key = deployment.variable("kms_key_arn");
        return key != null
                && Set.copyOf(statement.actions()).equals(Set.of("kms:GenerateDataKey", "kms:Decrypt"))
                && statement.resources().equals(List.of(key))
                && statement.conditions().equals(List.of(new Condition("StringEquals", "kms:ViaService",
                        List.of("s3." + deployment.region() + ".amazonaws.com"))));
    }
}
