package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Executor;
import hudson.model.Result;
import io.github.gluehealthcheck.engine.local.LocalAwsEndpoint;
import io.github.gluehealthcheck.engine.local.LocalEndpointOptions;
import io.github.gluehealthcheck.engine.local.RunScript;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The step in real Pipelines on a real (test) Jenkins, against the local AWS endpoint: console, result, badge,
 * summary, page, build result, abort, several jobs, bad settings, secrets, Snippet Generator form. Runs only with
 * {@code -Pjenkins}, where the Jenkins test harness can be downloaded.
 */
@WithJenkins
class GlueHealthCheckPipelineTest {
    static LocalAwsEndpoint endpoint;

    @BeforeAll
    static void startEndpoint() throws Exception {
        // Glue minutes stay minutes: a run's timeout (10 by default) must not end the longer scripted runs.
        endpoint = LocalAwsEndpoint.start(LocalEndpointOptions.builder().startingDelay(Duration.ofMillis(50)).build());
    }

    @AfterAll
    static void stopEndpoint() {
        endpoint.close();
    }

    @BeforeEach
    void reset() {
        endpoint.runScripts().clear();
        endpoint.faults().clear();
        endpoint.requests().clear();
    }

    static String pipeline(String body) {
        return Pipelines.pipeline(body);
    }

    static String step(String more) {
        return Pipelines.step(endpoint.uri(), more);
    }

    /** Every job of the endpoint passes; the settings a step needs to check against it. */
    static String passingJobsSettings() {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(200)).thenSucceed());
        return "role: '" + Pipelines.ROLE + "', scriptsBucket: 's3://ci-glue-scripts/checks', endpoint: '"
                + endpoint.uri() + "'";
    }

    static WorkflowJob job(JenkinsRule r, String script) throws Exception {
        Pipelines.trustTheLocalEndpoint(endpoint.uri());
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void aPassingCheckReturnsItsResultAndShowsBadgeSummaryAndPage(JenkinsRule r) throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofSeconds(1))
                .logOutput("processed 10 sample rows").thenSucceed());
        WorkflowJob p = job(r, pipeline("def r = " + step("") + "\n"
                + "echo \"health: ${r.status} failed=${r.failedJobs} run=${r.jobs[0].runId != null}\""));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("health: PASSED failed=[] run=true", b);
        r.assertLogContains("orders | processed 10 sample rows", b);
        r.assertLogContains("orders: cleanup: delete job: done", b);
        GlueHealthCheckAction action = b.getAction(GlueHealthCheckAction.class);
        assertThat(action).isNotNull();
        assertThat(b.getBadgeActions()).contains(action);
        assertThat(action.getBadge().getTooltip()).isEqualTo("Glue health check passed: orders");

        JenkinsRule.WebClient wc = r.createWebClient();
        String buildPage = wc.getPage(b).getWebResponse().getContentAsString();
        assertThat(buildPage).contains("Glue health check passed: orders (1 job,");
        String page = wc.getPage(b, GlueHealthCheckAction.URL_NAME + "/").getWebResponse().getContentAsString();
        assertThat(page).contains("jobs/orders.py: passed").contains("SUCCEEDED").contains("Glue console")
                .contains("CloudWatch logs").contains("eu-west-1");
        String history = wc.goTo(p.getUrl() + "buildHistory/ajax", null).getWebResponse().getContentAsString();
        assertThat(history).contains("Glue health check passed: orders");

        assertThat(endpoint.state().jobs()).isEmpty();
        assertThat(endpoint.state().objects()).isEmpty();
    }

    @Test
    void aFailingJobFailsTheBuildAndStillCleansUp(JenkinsRule r) throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(200))
                .logError("KeyError: 'order_id'").thenFail("KeyError: 'order_id'"));
        WorkflowJob p = job(r, pipeline(step("") + "\necho 'not reached'"));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("Glue health check FAILED", b);
        r.assertLogContains("orders: FAILED, the job failed (Glue says: KeyError: 'order_id')", b);
        r.assertLogNotContains("not reached", b);
        assertThat(b.getAction(GlueHealthCheckAction.class).getBadge().getStatus()).isEqualTo("FAILED");
        assertThat(endpoint.state().jobs()).isEmpty();
    }

    @Test
    void unstableOnFailureMarksTheBuildUnstableAndReturnsTheResult(JenkinsRule r) throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(200)).thenFail("boom"));
        WorkflowJob p = job(r, pipeline("def r = " + step(", unstableOnFailure: true") + "\n"
                + "echo \"health: ${r.status} failed=${r.failedJobs}\""));

        WorkflowRun b = r.buildAndAssertStatus(Result.UNSTABLE, p);

        r.assertLogContains("health: FAILED failed=[orders]", b);
    }

    @Test
    void abortingTheBuildStopsTheGlueRunAndCleansUp(JenkinsRule r) throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ZERO).thenRunUntilStopped());
        WorkflowJob p = job(r, pipeline(step("")));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("orders: run RUNNING", b);
        Executor executor = b.getExecutor();
        assertThat(executor).isNotNull();
        executor.interrupt();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertThat(endpoint.requests().count("glue", "BatchStopJobRun")).isPositive();
        assertThat(endpoint.requests().count("glue", "DeleteJob")).isPositive();
        assertThat(endpoint.state().jobs()).isEmpty();
        assertThat(b.getAction(GlueHealthCheckAction.class).getBadge().getStatus()).isEqualTo("CANCELLED");
    }

    @Test
    void severalJobsFromAJobsListAndFromAConfigFile(JenkinsRule r) throws Exception {
        String common = passingJobsSettings();
        WorkflowJob p = job(r, pipeline(
                "def a = glueHealthCheck jobs: [[script: 'jobs/orders.py', jobType: 'pythonshell'], "
                        + "[script: 'jobs/customers.py', jobType: 'pythonshell']], parallelism: 2, " + common + "\n"
                        + "echo \"list: ${a.status} ${a.jobs.collect { it.name }}\"\n"
                        + "writeFile file: '.glue-health.yml', text: '''defaults:\n  job_type: pythonshell\njobs:\n"
                        + "  - script: jobs/orders.py\n  - script: jobs/customers.py\n'''\n"
                        + "def c = glueHealthCheck config: '.glue-health.yml', " + common + "\n"
                        + "echo \"config: ${c.status} ${c.jobs.size()}\""));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("list: PASSED [orders, customers]", b);
        r.assertLogContains("config: PASSED 2", b);
        GlueHealthCheckAction action = b.getAction(GlueHealthCheckAction.class);
        assertThat(action.getReports()).hasSize(2);
        assertThat(action.getBadge().getTooltip()).isEqualTo("Glue health check passed: orders, customers, orders, customers");
        assertThat(endpoint.requests().count("glue", "StartJobRun")).isEqualTo(4);
        assertThat(endpoint.state().jobs()).isEmpty();
    }

    @Test
    void badSettingsFailTheStepWithOneLinePerProblemAndNoAwsCall(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, pipeline(step(", maxWait: 'soon', keepJob: 'sometimes'")));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("maxWait: 'soon' is not a duration", b);
        r.assertLogContains("keepJob: 'sometimes' is not allowed", b);
        assertThat(endpoint.requests().count()).isZero();
    }

    @Test
    void secretsNeverReachTheConsoleTheBadgeOrThePages(JenkinsRule r) throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(200))
                .logOutput("key is " + Pipelines.SECRET_KEY).logError("denied for " + Pipelines.SECRET_KEY)
                .thenFail("no access with " + Pipelines.SECRET_KEY));
        WorkflowJob p = job(r, pipeline("def r = " + step(", unstableOnFailure: true, logLevel: 'debug'") + "\n"
                + "echo \"result: ${r}\""));

        WorkflowRun b = r.buildAndAssertStatus(Result.UNSTABLE, p);

        JenkinsRule.WebClient wc = r.createWebClient();
        List<String> surfaces = List.of(
                JenkinsRule.getLog(b),
                wc.getPage(b).getWebResponse().getContentAsString(),
                wc.getPage(b, GlueHealthCheckAction.URL_NAME + "/").getWebResponse().getContentAsString(),
                wc.goTo(p.getUrl() + "buildHistory/ajax", null).getWebResponse().getContentAsString());
        r.assertLogContains("key is ****", b);
        String b64 = Base64.getEncoder().encodeToString(Pipelines.SECRET_KEY.getBytes(StandardCharsets.UTF_8));
        assertThat(surfaces).allSatisfy(s -> assertThat(s).doesNotContain(Pipelines.SECRET_KEY).doesNotContain(b64));
    }

    @Test
    void aCredentialsIdFromTheCredentialsStoreServesAStepWithoutWithAws(JenkinsRule r) throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(200)).thenSucceed());
        SystemCredentialsProvider.getInstance().getCredentials().add(new AWSCredentialsImpl(CredentialsScope.GLOBAL,
                "glue-ci", Pipelines.ACCESS_KEY, Pipelines.SECRET_KEY, "glue health check CI"));
        SystemCredentialsProvider.getInstance().save();
        WorkflowJob p = job(r, "node {\n"
                + "  writeFile file: 'jobs/orders.py', text: 'print(1)'\n"
                + "  def r = " + step(", credentialsId: 'glue-ci', region: 'eu-west-1'") + "\n"
                + "  echo \"health: ${r.status}\"\n"
                + "}\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("health: PASSED", b);
        r.assertLogNotContains(Pipelines.SECRET_KEY, b);
    }

    @Test
    void withoutCredentialsTheControllersIdentityIsRefused(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "node {\n"
                + "  writeFile file: 'jobs/orders.py', text: 'print(1)'\n"
                + "  " + step(", region: 'eu-west-1'") + "\n"
                + "}\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("credentials: none given, so the step would act as the Jenkins controller's own AWS "
                + "identity", b);
        assertThat(endpoint.requests().count()).isZero();
    }

    @Test
    void theSnippetGeneratorFormKeepsEveryValue(JenkinsRule r) throws Exception {
        GlueHealthCheckStep step = new GlueHealthCheckStep();
        step.setScript("jobs/orders.py");
        step.setRole(Pipelines.ROLE);
        step.setScriptsBucket("s3://ci-glue-scripts/checks");
        step.setNumberOfWorkers(3);
        step.setArguments(List.of(new GlueJobArgument("source_table", "orders_sample")));
        step.setTags(List.of(new GlueJobTag("team", "data"), new GlueJobTag("owner", "ci")));
        GlueJob job = new GlueJob();
        job.setScript("jobs/customers.py");
        job.setJobType("pythonshell");
        job.setTags(List.of(new GlueJobTag("tier", "gold")));
        step.setJobs(List.of(job));
        step.setSweep(true);
        step.setDryRun(false);
        step.setUnstableOnFailure(true);

        GlueHealthCheckStep back = new StepConfigTester(r).configRoundTrip(step);

        r.assertEqualDataBoundBeans(step, back);
    }

    @Test
    void theSnippetGeneratorWritesOnlyWhatWasChangedWithTheSymbols(JenkinsRule r) throws Exception {
        GlueHealthCheckStep step = new GlueHealthCheckStep();
        step.setScript("jobs/orders.py");
        step.setArguments(List.of(new GlueJobArgument("source_table", "orders_sample")));
        step.setTags(List.of(new GlueJobTag("team", "data")));
        GlueJob job = new GlueJob();
        job.setScript("jobs/customers.py");
        step.setJobs(List.of(job));
        step.setSweep(true); // the form's default: left out
        step.setDryRun(false);

        assertThat(Snippetizer.object2Groovy(step)).isEqualTo("glueHealthCheck arguments: [glueArgument(name: "
                + "'source_table', value: 'orders_sample')], jobs: [glueJob(script: 'jobs/customers.py')], "
                + "script: 'jobs/orders.py', tags: [glueTag(key: 'team', value: 'data')]");
        step.setSweep(false);
        assertThat(Snippetizer.object2Groovy(step)).contains("sweep: false");
    }

    @Test
    void groovyMapsAndTheSymbolsBindAlike(JenkinsRule r) throws Exception {
        String common = passingJobsSettings();
        WorkflowJob p = job(r, pipeline(
                "def a = glueHealthCheck jobs: [[script: 'jobs/orders.py', job_type: 'pythonshell', tags: [tier: 'gold']]], "
                        + "arguments: [source_table: 'orders_sample'], tags: [team: 'data'], " + common + "\n"
                        + "def b = glueHealthCheck jobs: [glueJob(script: 'jobs/orders.py', jobType: 'pythonshell', "
                        + "tags: [glueTag(key: 'tier', value: 'gold')])], "
                        + "arguments: [glueArgument(name: 'source_table', value: 'orders_sample')], "
                        + "tags: [glueTag(key: 'team', value: 'data')], " + common + "\n"
                        + "echo \"maps: ${a.status}, symbols: ${b.status}\""));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("maps: PASSED, symbols: PASSED", b);
        assertThat(endpoint.requests().count("glue", "StartJobRun")).isEqualTo(2);
    }

    @Test
    void textForArgumentsIsRefusedBeforeTheStepStarts(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, pipeline("glueHealthCheck script: 'jobs/orders.py', arguments: 'source_table=x', "
                + "endpoint: '" + endpoint.uri() + "'"));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("arguments: write a map (arguments: [source_table: 'orders_sample'])", b);
        assertThat(endpoint.requests().count()).isZero();
    }
}
