package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.aws.AwsOperation;
import io.github.gluehealthcheck.engine.sweep.Sweeper;
import io.github.gluehealthcheck.terraform.PolicyDocument.Statement;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The scheduled janitor: the sweeper's calls and nothing more, deployed as the handler contract says. */
class JanitorTest {

    private static Deployment janitor() {
        return Deployment.inEuWest1().with("enable_janitor", true)
                .with("janitor_package_path", "janitor-lambda/target/glue-health-check-janitor.jar");
    }

    @Test
    void isOffByDefault() {
        Deployment defaults = Deployment.inEuWest1();

        for (String[] resource : janitorResources()) {
            assertThat(defaults.instances("resource", resource[0], resource[1])).as(String.join(".", resource)).isZero();
            assertThat(janitor().instances("resource", resource[0], resource[1])).as(String.join(".", resource)).isOne();
        }
    }

    @Test
    void mayOnlyListJobsAndStopAndDeleteHealthCheckJobsAndWriteItsOwnLog() {
        Deployment deployment = janitor();
        String jobs = deployment.arn("glue", "job/glue-health-check-*");
        String ownLog = deployment.arn("logs", "log-group:/aws/lambda/glue-health-check-janitor:*");

        Map<String, List<String>> grants = grants(deployment.policy("janitor").orElseThrow());

        assertThat(grants).containsOnly(
                Map.entry("glue:ListJobs", List.of("*")),
                Map.entry("glue:GetTags", List.of(jobs)),
                Map.entry("glue:GetJobRuns", List.of(jobs)),
                Map.entry("glue:GetJobRun", List.of(jobs)),
                Map.entry("glue:BatchStopJobRun", List.of(jobs)),
                Map.entry("glue:DeleteJob", List.of(jobs)),
                Map.entry("logs:CreateLogStream", List.of(ownLog)),
                Map.entry("logs:PutLogEvents", List.of(ownLog)));
    }

    /**
     * The janitor runs the sweeper over every repository and leaves staged scripts to the bucket's lifecycle rule
     * (JanitorHandler's scope); its preflight, GetCallerIdentity, needs no permission.
     */
    private static final Sweeper.Scope JANITOR_SCOPE = new Sweeper.Scope("glue-health-check", null, false, false);

    @Test
    void itsAwsGrantsAreExactlyTheOperationsTheSweeperDeclares() {
        Set<String> declared = Sweeper.operations(JANITOR_SCOPE).stream()
                .flatMap(op -> op.iamActions().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> granted = janitor().policy("janitor").orElseThrow().allowStatements().stream()
                .flatMap(s -> s.actions().stream())
                .filter(a -> !a.startsWith("logs:")) // its own log, written by the Lambda runtime, not the sweeper
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(granted).as("granted to the janitor's role, against Sweeper.operations")
                .containsExactlyElementsOf(declared).contains("glue:GetJobRun");
    }

    @Test
    void itsGlueGrantsAreEngineOperationsOnTheSameScope() {
        Deployment deployment = janitor();

        for (Statement statement : deployment.policy("janitor").orElseThrow().allowStatements()) {
            for (String action : statement.actions()) {
                if (!action.startsWith("glue:")) {
                    continue;
                }
                AwsOperation operation = Arrays.stream(AwsOperation.values())
                        .filter(op -> op.iamActions().contains(action))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("the janitor's " + action + " is no engine operation"));
                assertThat(statement.resources()).as(action)
                        .containsExactlyElementsOf(CiPolicyTest.resourcesOf(operation.resource(), deployment));
                assertThat(statement.conditions()).isEmpty();
            }
        }
    }

    @Test
    void usesNoWildcardActionAndCannotCreateRunOrPassRoles() {
        List<String> actions = janitor().policy("janitor").orElseThrow().statements().stream()
                .flatMap(s -> s.actions().stream())
                .collect(Collectors.toList());

        assertThat(actions).noneMatch(a -> a.contains("*"))
                .doesNotContain("glue:CreateJob", "glue:StartJobRun", "iam:PassRole")
                .noneMatch(a -> a.startsWith("s3:"));
    }

    @Test
    void theRoleTrustsOnlyLambda() {
        Statement trust = janitor().policy("janitor_trust").orElseThrow().statements().get(0);

        assertThat(trust.actions()).containsExactly("sts:AssumeRole");
        assertThat(trust.principals()).containsExactly(
                new PolicyDocument.Principal("Service", List.of("lambda.amazonaws.com")));
        assertThat(TerraformConfig.source(Deployment.MODULE.resource("aws_iam_role_policy", "janitor")
                .attribute("policy").orElseThrow())).isEqualTo("data.aws_iam_policy_document.janitor.json");
    }

    @Test
    void theFunctionFollowsTheHandlerContract() {
        Deployment deployment = janitor();

        assertThat(deployment.resourceArgument("aws_lambda_function", "janitor", "handler"))
                .isEqualTo("io.github.gluehealthcheck.janitor.JanitorHandler::handleRequest");
        assertThat(deployment.resourceArgument("aws_lambda_function", "janitor", "runtime")).isEqualTo("java17");
        assertThat(deployment.resourceArgument("aws_lambda_function", "janitor", "filename"))
                .isEqualTo("janitor-lambda/target/glue-health-check-janitor.jar");
        assertThat(deployment.nestedArgument("aws_lambda_function", "janitor", "environment", "variables"))
                .isEqualTo(Map.of("GLUE_HEALTH_CHECK_NAME_PREFIX", "glue-health-check",
                        "GLUE_HEALTH_CHECK_DRY_RUN", "false"));
        assertThat(janitor().with("name_prefix", "ghc").with("janitor_dry_run", true)
                .nestedArgument("aws_lambda_function", "janitor", "environment", "variables"))
                .isEqualTo(Map.of("GLUE_HEALTH_CHECK_NAME_PREFIX", "ghc", "GLUE_HEALTH_CHECK_DRY_RUN", "true"));
    }

    @Test
    void aPackageIsRequiredWhenTheJanitorIsOn() {
        TerraformConfig.TopBlock function = Deployment.MODULE.resource("aws_lambda_function", "janitor");
        var precondition = TerraformConfig.blocks(function.blocks("lifecycle").get(0), "precondition").get(0);
        var condition = TerraformConfig.attribute(precondition, "condition").orElseThrow();

        assertThat(Deployment.inEuWest1().with("enable_janitor", true).evaluator().eval(condition)).isEqualTo(false);
        assertThat(janitor().evaluator().eval(condition)).isEqualTo(true);
    }

    @Test
    void runsHourlyByDefaultOnAnEventBridgeSchedule() {
        Deployment deployment = janitor();

        assertThat(deployment.resourceArgument("aws_cloudwatch_event_rule", "janitor_schedule", "schedule_expression"))
                .isEqualTo("rate(1 hour)");
        assertThat(source("aws_cloudwatch_event_target", "janitor_schedule", "arn"))
                .isEqualTo("aws_lambda_function.janitor[0].arn");
        assertThat(deployment.resourceArgument("aws_lambda_permission", "janitor_schedule", "principal"))
                .isEqualTo("events.amazonaws.com");
        assertThat(source("aws_lambda_permission", "janitor_schedule", "source_arn"))
                .isEqualTo("aws_cloudwatch_event_rule.janitor_schedule[0].arn");
    }

    @Test
    void logsToTheFunctionsOwnGroupWhichTheModuleCreatesWithRetention() {
        Deployment deployment = janitor();
        String function = (String) deployment.resourceArgument("aws_lambda_function", "janitor", "function_name");

        assertThat(deployment.resourceArgument("aws_cloudwatch_log_group", "janitor", "name"))
                .isEqualTo("/aws/lambda/" + function);
        assertThat(deployment.resourceArgument("aws_cloudwatch_log_group", "janitor", "retention_in_days"))
                .isEqualTo(new java.math.BigDecimal(30));
    }

    @Test
    void theCompleteExamplePointsAtTheJarTheMavenReactorBuilds() {
        Path example = HclSources.MODULE_DIR.resolve("examples/complete");
        TerraformConfig config = TerraformConfig.load(example);
        HclEvaluator evaluator = new HclEvaluator(config,
                Variables.values(config, Map.of("eks_cluster_name", "ci", "test_data_bucket", "data")),
                Map.of("path.module", example.toString()));

        Path jar = Path.of((String) evaluator.local("janitor_package_path")).normalize();

        assertThat(jar).isEqualTo(HclSources.MODULE_DIR.resolve("janitor-lambda/target/glue-health-check-janitor.jar"));
    }

    @Test
    void anAlarmReportsAFailingJanitorWhenNotificationsAreOn() {
        assertThat(janitor().instances("resource", "aws_cloudwatch_metric_alarm", "janitor_errors")).isZero();
        Deployment both = janitor().with("enable_notifications", true);

        assertThat(both.instances("resource", "aws_cloudwatch_metric_alarm", "janitor_errors")).isOne();
        assertThat(source("aws_cloudwatch_metric_alarm", "janitor_errors", "alarm_actions"))
                .isEqualTo("[aws_sns_topic.notifications[0].arn]");
        assertThat(both.resourceArgument("aws_cloudwatch_metric_alarm", "janitor_errors", "metric_name")).isEqualTo("Errors");
    }

    // -----------------------------------------------------------------------------------------------------------

    private static List<String[]> janitorResources() {
        return Deployment.MODULE.resources().stream()
                .filter(r -> r.file().getFileName().toString().equals("janitor.tf"))
                .filter(r -> !r.address().equals("aws_cloudwatch_metric_alarm.janitor_errors"))
                .map(r -> r.labels().toArray(new String[0]))
                .collect(Collectors.toList());
    }

    private static Map<String, List<String>> grants(PolicyDocument policy) {
        Map<String, List<String>> grants = new java.util.LinkedHashMap<>();
        for (Statement statement : policy.allowStatements()) {
            for (String action : statement.actions()) {
                assertThat(grants).as("%s granted twice", action).doesNotContainKey(action);
                grants.put(action, statement.resources());
            }
        }
        return grants;
    }

    private static String source(String type, String name, String argument) {
        return TerraformConfig.source(Deployment.MODULE.resource(type, name).attribute(argument).orElseThrow());
    }
}
