package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.github.gluehealthcheck.engine.changes.GitRepos;
import io.github.gluehealthcheck.engine.local.ErrorKind;
import io.github.gluehealthcheck.engine.local.FaultRule;
import io.github.gluehealthcheck.engine.local.LocalAwsEndpoint;
import io.github.gluehealthcheck.engine.local.LocalEndpointOptions;
import io.github.gluehealthcheck.engine.local.LocalState;
import io.github.gluehealthcheck.engine.local.RecordedRequest;
import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import io.github.gluehealthcheck.jenkins.report.StepReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.marshalling.Marshaller;
import org.jboss.marshalling.MarshallingConfiguration;
import org.jboss.marshalling.SimpleClassResolver;
import org.jboss.marshalling.Unmarshaller;
import org.jboss.marshalling.river.RiverMarshallerFactory;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The execution's state machine, driven as Pipeline drives it (start, stop, serialize, onResume) through a fake
 * StepContext, with the real engine against the local AWS endpoint. No Jenkins runs; the timer and worker threads are
 * the test's own.
 */
class GlueHealthCheckExecutionTest {
    static final String ACCESS_KEY = "NOTAKEY-JENKINSTEST00001";
    static final String SECRET_KEY = "jenkins-secret-key-never-shown-0001";
    static final String SESSION_TOKEN = "jenkins-session-token-never-shown-0001";
    static final String DB_PASSWORD = "db-password-never-shown-0001";
    static final String ROLE = "arn:aws:iam::123456789012:role/glue-health-check";
    static final Duration WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path workspace;

    LocalAwsEndpoint endpoint;
    TestServices services;

    @BeforeEach
    void setUp() throws IOException {
        endpoint = LocalAwsEndpoint.start(LocalEndpointOptions.builder().startingDelay(Duration.ofMillis(50))
                .checkedOnlyRunDuration(Duration.ofMillis(200)).minuteLength(Duration.ofSeconds(1)).build());
        Files.createDirectories(workspace.resolve("jobs"));
        Files.writeString(workspace.resolve("jobs/orders.py"), "print('orders')\n");
        Files.writeString(workspace.resolve("jobs/customers.py"), "print('customers')\n");
        services = trusted();
    }

    /** A controller whose administrator allows the local endpoint, which listens on its loopback, and lists its URL. */
    TestServices trusted() {
        TestServices s = new TestServices(workspace);
        s.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());
        return s;
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        services.close();
        endpoint.close();
    }

    static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        env.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
        env.put("AWS_REGION", "eu-west-1");
        env.put("BUILD_NUMBER", "42");
        env.put("BUILD_URL", "https://jenkins.example.com/job/etl/42/");
        env.put("JOB_NAME", "etl");
        env.put("GIT_URL", "https://github.com/data/etl.git");
        env.put("GIT_COMMIT", "0123456789abcdef0123456789abcdef01234567");
        env.put("DB_PASSWORD", DB_PASSWORD);
        return env;
    }

    Map<String, Object> params(Object... more) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("script", "jobs/orders.py");
        p.put("jobType", "pythonshell");
        p.put("role", ROLE);
        p.put("scriptsBucket", "s3://ci-glue-scripts/checks");
        p.put("endpoint", endpoint.uri().toString());
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                p.remove((String) more[i]);
            } else {
                p.put((String) more[i], more[i + 1]);
            }
        }
        return p;
    }

    static GlueHealthCheckExecution execution(FakeStepContext context, Map<String, Object> params) {
        return (GlueHealthCheckExecution) Steps.of(params).start(context);
    }

    List<String> operations() {
        return endpoint.requests().all().stream().map(r -> r.service() + ":" + r.operation()).toList();
    }

    @Test
    void startOnlySchedulesTheWorkAndReturnsAtOnce() throws Exception {
        HeldTimer held = new HeldTimer();
        FakeStepContext context = new FakeStepContext("start", env(), new TestServices(held, workspace));
        StepExecution execution = execution(context, params());

        assertThat(execution.start()).as("asynchronous: the step is not over when start() returns").isFalse();

        assertThat(held.tasks).as("one task handed to the timer").hasSize(1);
        assertThat(endpoint.requests().count()).as("no AWS call from start()").isZero();
        assertThat(context.state().outcome).isNotDone();
        assertThat(context.state().log()).as("nothing printed from start()").isEmpty();
        assertThat(execution.getStatus()).contains("waiting for a thread");
    }

    @Test
    void aPassingJobReturnsItsResultAndCleansUp() throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofSeconds(1))
                .logOutput("processed 10 sample rows").thenSucceed());
        FakeStepContext context = new FakeStepContext("pass", env(), services);
        execution(context, params()).start();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.state().result(WITHIN);

        assertThat(result).containsEntry("status", "PASSED").containsEntry("passed", true)
                .containsEntry("failedJobs", List.of()).containsEntry("reportDir", "glue-health-check");
        @SuppressWarnings("unchecked")
        Map<String, Object> job = ((List<Map<String, Object>>) result.get("jobs")).get(0);
        assertThat(job).containsEntry("name", "orders").containsEntry("status", "PASSED").containsEntry("state", "SUCCEEDED");
        assertThat((String) job.get("glueJobName")).startsWith("glue-health-check-orders-etl-b42");
        assertThat((String) job.get("consoleUrl")).startsWith("https://eu-west-1.console.aws.amazon.com/gluestudio/");

        String log = context.state().log();
        assertThat(log).contains("credentials: static keys from environment with session token")
                .contains("orders: run RUNNING").contains("orders | processed 10 sample rows")
                .contains("orders: PASSED (Glue SUCCEEDED)").contains("cleanup: delete job: done")
                .contains("Glue health check passed: orders (1 job, ");
        assertThat(operations()).contains("glue:CreateJob", "glue:StartJobRun", "glue:GetJobRun", "glue:DeleteJob",
                "s3:PutObject", "s3:DeleteObject");
        LocalState state = endpoint.state();
        assertThat(state.jobs()).as("the temporary job is gone").isEmpty();
        assertThat(state.objects()).as("the staged script is gone").isEmpty();

        StepReport report = services.build.reports.get(0);
        assertThat(report.getStatus()).isEqualTo("PASSED");
        assertThat(report.getJobs()).extracting(j -> j.getName()).containsExactly("orders");
        assertThat(workspace.resolve("glue-health-check/report.json")).exists();
        assertThat(workspace.resolve("glue-health-check/junit.xml")).exists();
        assertThat(context.state().completions).hasValue(1);
    }

    @Test
    void withReusePassedTheNextBuildReportsTheEarlierPassWithoutAJob() throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(100)).thenSucceed());
        FakeStepContext first = new FakeStepContext("first", env(), services);
        execution(first, params("reusePassed", "7d")).start();
        first.state().result(WITHIN);
        int jobsCreated = endpoint.requests().count("glue", "CreateJob");
        Map<String, String> nextBuild = env();
        nextBuild.put("BUILD_NUMBER", "43");
        FakeStepContext second = new FakeStepContext("second", nextBuild, services);
        execution(second, params("reusePassed", "7d")).start();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) second.state().result(WITHIN);

        assertThat(result).containsEntry("status", "PASSED").containsEntry("reusedJobs", List.of("orders"));
        @SuppressWarnings("unchecked")
        Map<String, Object> job = ((List<Map<String, Object>>) result.get("jobs")).get(0);
        assertThat(job).containsEntry("reused", true).containsEntry("reusedFromBuild", "42").containsEntry("glueJobName", null);
        assertThat(second.state().log()).contains("orders: PASSED (reused from build 42 of ");
        assertThat(endpoint.requests().count("glue", "CreateJob")).as("no job for the reused pass").isEqualTo(jobsCreated);
        StepReport report = services.build.reports.get(services.build.reports.size() - 1);
        assertThat(report.getJobs().get(0).getStatusLabel()).startsWith("passed (reused from build 42 of ");
        assertThat(endpoint.state().objects()).extracting(o -> o.key())
                .singleElement().asString().matches("checks/data/etl/passes/[0-9a-f]{64}\\.json");
    }

    @Test
    void aFailingJobFailsTheStepNamingTheJobAndStillCleansUp() throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(100))
                .logError("Traceback: KeyError: 'order_id'").thenFail("KeyError: 'order_id'"));
        FakeStepContext context = new FakeStepContext("fail", env(), services);
        execution(context, params()).start();

        Throwable failure = context.state().failure(WITHIN);

        assertThat(failure).isInstanceOf(AbortException.class)
                .hasMessageContaining("Glue health check FAILED").hasMessageContaining("orders: FAILED")
                .hasMessageContaining("KeyError: 'order_id'");
        assertThat(endpoint.state().jobs()).isEmpty();
        assertThat(services.build.reports).singleElement().satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo("FAILED");
            assertThat(r.getJobs().get(0).getLogExcerpt()).contains("Traceback: KeyError: 'order_id'");
        });
        assertThat(services.build.unstable).isEmpty();
    }

    @Test
    void unstableOnFailureMarksTheBuildAndReturnsTheResult() throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(100)).thenFail("boom"));
        FakeStepContext context = new FakeStepContext("unstable", env(), services);
        execution(context, params("unstableOnFailure", true)).start();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.state().result(WITHIN);

        assertThat(result).containsEntry("status", "FAILED").containsEntry("failedJobs", List.of("orders"));
        assertThat(services.build.unstable).singleElement().asString().contains("orders: FAILED");
    }

    @Test
    void badSettingsFailTheStepOneLinePerProblemBeforeAnyAwsCall() throws Exception {
        FakeStepContext context = new FakeStepContext("bad", env(), services);
        execution(context, params("maxWait", "soon", "jobType", "glueetl", "keepJob", "sometimes",
                "region", "mars", "assumeRole", "admin")).start();

        Throwable failure = context.state().failure(WITHIN);

        assertThat(failure).isInstanceOf(AbortException.class);
        List<String> lines = failure.getMessage().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("maxWait: 'soon' is not a duration"))
                .anySatisfy(l -> assertThat(l).startsWith("keepJob: 'sometimes' is not allowed"))
                .anySatisfy(l -> assertThat(l).startsWith("region: 'mars' is not an AWS region"))
                .anySatisfy(l -> assertThat(l).startsWith("assumeRole: 'admin' is not an IAM role ARN"));
        assertThat(lines).hasSize(4).allSatisfy(l -> assertThat(l).doesNotContain("max_wait", "keep_job"));
        assertThat(endpoint.requests().count()).as("no AWS call for bad settings").isZero();
        assertThat(context.state().log()).contains("the settings cannot be used (nothing was done on AWS)");
        assertThat(services.build.reports).isEmpty();
    }

    @Test
    void abortingTheBuildStopsTheRunCleansUpThenFailsTheStep() throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ZERO).thenRunUntilStopped());
        FakeStepContext context = new FakeStepContext("abort", env(), services);
        GlueHealthCheckExecution execution = execution(context, params());
        execution.start();
        awaitRunning(execution);
        assertThat(execution.getStatus()).contains("orders waiting for Glue run jr_");

        AbortException cause = new AbortException("aborted by the user");
        execution.stop(cause);

        assertThat(context.state().failure(WITHIN)).isSameAs(cause);
        assertThat(operations()).contains("glue:BatchStopJobRun", "glue:DeleteJob", "s3:DeleteObject");
        assertThat(endpoint.state().jobs()).isEmpty();
        assertThat(endpoint.state().runs()).allSatisfy(r -> assertThat(r.state()).isEqualTo("STOPPED"));
        assertThat(services.build.reports).singleElement().satisfies(r -> assertThat(r.getStatus()).isEqualTo("CANCELLED"));
        int requestsWhenDone = endpoint.requests().count();
        Thread.sleep(500);
        assertThat(endpoint.requests().count()).as("no polling after the step ended").isEqualTo(requestsWhenDone);
    }

    @Test
    void severalJobsRunAtMostParallelismAtOnceAndOneFailureFailsTheStep() throws Exception {
        endpoint.runScripts().forJobsContaining("-orders-", RunScript.builder().running(Duration.ofMillis(400)).thenSucceed());
        endpoint.runScripts().forJobsContaining("-customers-", RunScript.builder().running(Duration.ofMillis(100))
                .thenFail("customers broke"));
        FakeStepContext context = new FakeStepContext("several", env(), services);
        execution(context, params("script", null, "parallelism", 1,
                "jobs", List.of(Map.of("script", "jobs/orders.py"), Map.of("script", "jobs/customers.py")))).start();

        Throwable failure = context.state().failure(WITHIN);

        assertThat(failure).hasMessageContaining("customers: FAILED").hasMessageNotContaining("orders: FAILED");
        List<RecordedRequest> starts = endpoint.requests().forOperation("glue", "StartJobRun");
        assertThat(starts).hasSize(2);
        assertThat(starts.get(0).jobName()).contains("-orders-");
        RecordedRequest ordersDeleted = endpoint.requests().all().stream()
                .filter(r -> r.is("glue", "DeleteJob") && r.jobName().contains("-orders-")).findFirst().orElseThrow();
        assertThat(starts.get(1).at()).as("with parallelism 1 the second job starts after the first is cleaned up")
                .isAfterOrEqualTo(ordersDeleted.at());
        assertThat(services.build.reports.get(0).getFailedJobs()).containsExactly("customers");
        assertThat(endpoint.state().jobs()).isEmpty();
    }

    @Test
    void theStepSurvivesARestartMidRunAndStillCleansUp() throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofSeconds(3))
                .logOutput("halfway, connected with " + DB_PASSWORD).thenSucceed());
        FakeStepContext context = new FakeStepContext("restart", env(), services);
        GlueHealthCheckExecution execution = execution(context, params("arguments", Map.of("db_password", DB_PASSWORD),
                "secretArguments", List.of("db_password")));
        execution.start();
        awaitRunning(execution);

        // The controller dies: its threads stop; Pipeline had saved the running step with JBoss Marshalling.
        services.close();
        byte[] saved = river(execution);
        for (String secret : List.of(SECRET_KEY, SESSION_TOKEN, ACCESS_KEY, DB_PASSWORD)) {
            assertThat(new String(saved, StandardCharsets.ISO_8859_1)).as("persisted step state")
                    .doesNotContain(secret).doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }

        // A new controller reads it back and resumes it, with the step's environment restored.
        services = trusted();
        FakeStepContext.State resumed = FakeStepContext.resumeAs("restart", env(), services);
        GlueHealthCheckExecution back = (GlueHealthCheckExecution) unriver(saved);
        back.onResume();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) resumed.result(WITHIN);
        assertThat(result).containsEntry("status", "PASSED");
        assertThat(resumed.log()).contains("resumed after a Jenkins restart").contains("orders: PASSED")
                .as("the secret argument is masked after the restart too, found again by its variable's name")
                .contains("orders | halfway, connected with ****").doesNotContain(DB_PASSWORD);
        assertThat(endpoint.state().jobs()).as("the job is deleted by the resumed step").isEmpty();
        assertThat(endpoint.state().objects()).isEmpty();
        assertThat(endpoint.requests().forOperation("glue", "StartJobRun")).as("the run was not started again").hasSize(1);
        assertThat(services.build.reports).singleElement().satisfies(r -> assertThat(r.getStatus()).isEqualTo("PASSED"));
    }

    @Test
    void afterARestartTheRunningJobFinishesAndAJobWaitingForItsTurnIsReportedNotChecked() throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofSeconds(2)).thenSucceed());
        FakeStepContext context = new FakeStepContext("restart-queue", env(), services);
        GlueHealthCheckExecution execution = execution(context, params("script", null, "parallelism", 1,
                "jobs", List.of(Map.of("script", "jobs/orders.py"), Map.of("script", "jobs/customers.py"))));
        execution.start();
        awaitRunning(execution);
        assertThat(execution.getStatus()).contains("customers waiting for its turn");

        services.close();
        byte[] saved = river(execution);
        services = trusted();
        FakeStepContext.State resumed = FakeStepContext.resumeAs("restart-queue", env(), services);
        ((GlueHealthCheckExecution) unriver(saved)).onResume();

        assertThat(resumed.failure(WITHIN)).isInstanceOf(AbortException.class)
                .hasMessageContaining("customers: ERROR, not checked: a restart came before this job's turn");
        assertThat(services.build.reports).singleElement().satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo("ERROR");
            assertThat(r.getJobs()).extracting(j -> j.getStatus()).containsExactly("PASSED", "ERROR");
        });
        assertThat(endpoint.requests().forOperation("glue", "StartJobRun")).as("only the first job was started").hasSize(1);
        assertThat(endpoint.state().jobs()).isEmpty();
        assertThat(endpoint.state().objects()).isEmpty();
    }

    @Test
    void aRestartBeforeAnyJobStartedFailsTheStepSayingSo() throws Exception {
        HeldTimer held = new HeldTimer();
        FakeStepContext context = new FakeStepContext("early", env(), new TestServices(held, workspace));
        GlueHealthCheckExecution execution = execution(context, params());
        execution.start();

        byte[] saved = river(execution);
        FakeStepContext.State resumed = FakeStepContext.resumeAs("early", env(), services);
        ((GlueHealthCheckExecution) unriver(saved)).onResume();

        assertThat(resumed.failure(WITHIN)).isInstanceOf(AbortException.class)
                .hasMessageContaining("restarted before the health check started any Glue job");
        assertThat(endpoint.requests().count()).isZero();
    }

    @Test
    void secretsNeverReachTheConsoleTheReportsTheBuildOrTheResult() throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(100))
                .logOutput("connecting with " + DB_PASSWORD, "key " + SECRET_KEY)
                .logError("auth failed for " + DB_PASSWORD).thenFail("login " + DB_PASSWORD + " refused"));
        FakeStepContext context = new FakeStepContext("secrets", env(), services);
        execution(context, params("arguments", Map.of("db_password", DB_PASSWORD), "secretArguments", List.of("db_password"),
                "logLevel", "debug", "unstableOnFailure", true)).start();

        Object result = context.state().result(WITHIN);

        List<String> surfaces = new ArrayList<>();
        surfaces.add(context.state().log());
        surfaces.add(String.valueOf(result));
        for (StepReport r : services.build.reports) {
            surfaces.add(r.getSummaryLine());
            r.getJobs().forEach(j -> surfaces.add(j.getReason() + j.getErrorMessage() + j.getLogExcerpt() + j.getCleanup()));
        }
        surfaces.add(io.github.gluehealthcheck.jenkins.report.BuildBadge.of(services.build.reports).getTooltip());
        surfaces.addAll(services.build.unstable);
        try (var files = Files.list(workspace.resolve("glue-health-check"))) {
            for (Path f : files.toList()) {
                surfaces.add(Files.readString(f));
            }
        }
        assertThat(context.state().log()).as("the log lines did reach the console, masked").contains("connecting with ****");
        for (String secret : List.of(DB_PASSWORD, SECRET_KEY, SESSION_TOKEN)) {
            String b64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
            assertThat(surfaces).allSatisfy(s -> assertThat(s).doesNotContain(secret).doesNotContain(b64));
        }
    }

    @Test
    void aCheckThatCannotBeCarriedOutIsAnErrorOnTheBuildAndFailsTheStepEvenWithUnstableOnFailure() throws Exception {
        endpoint.faults().add(FaultRule.on("sts", "GetCallerIdentity").error(ErrorKind.ACCESS_DENIED).always());
        FakeStepContext context = new FakeStepContext("denied", env(), services);
        execution(context, params("unstableOnFailure", true)).start();

        Throwable failure = context.state().failure(WITHIN);

        assertThat(failure).isInstanceOf(AbortException.class).hasMessageStartingWith("Glue health check ERROR: "
                + "could not confirm the AWS identity");
        assertThat(services.build.reports).singleElement().satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo("ERROR");
            assertThat(r.getJobs()).extracting(j -> j.getStatus()).containsExactly("ERROR");
        });
        assertThat(services.build.unstable).isEmpty();
        assertThat(operations()).doesNotContain("glue:CreateJob", "s3:PutObject");
    }

    @Test
    void dryRunPrintsThePlanAndMakesNoAwsCall() throws Exception {
        FakeStepContext context = new FakeStepContext("dry", env(), services);
        execution(context, params("dryRun", true)).start();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.state().result(WITHIN);

        assertThat(result).containsEntry("status", "DRY_RUN");
        assertThat(context.state().log()).contains("dry run: nothing is created, started or deleted");
        assertThat(endpoint.requests().count()).isZero();
    }

    @Test
    void sweepModeDeletesExpiredHealthCheckJobsOnly() throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(50)).thenSucceed());
        // A job a killed build left behind: kept, and already expired.
        services.engine = () -> TestServices.fastEngine().keptJobLifetime(Duration.ZERO);
        FakeStepContext keep = new FakeStepContext("left-behind", env(), services);
        execution(keep, params("keepJob", "always")).start();
        keep.state().result(WITHIN);
        assertThat(endpoint.state().jobs()).hasSize(1);

        FakeStepContext context = new FakeStepContext("sweep", env(), services);
        execution(context, Map.of("mode", "sweep", "endpoint", endpoint.uri().toString())).start();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.state().result(WITHIN);
        assertThat(result).containsEntry("status", "SWEPT").containsEntry("deleted", 1L);
        assertThat(endpoint.state().jobs()).isEmpty();
    }

    @Test
    void theLocalEndpointNeedsAnAdministratorsConsent() throws Exception {
        services.defaults = GlobalDefaults.NONE;
        FakeStepContext context = new FakeStepContext("local", env(), services);
        execution(context, params("endpoint", "local")).start();

        assertThat(context.state().failure(WITHIN)).hasMessageStartingWith("endpoint: 'local' runs Python shell job scripts");

        services.defaults = new GlobalDefaults(null, null, null, null, null, true);
        FakeStepContext allowed = new FakeStepContext("local-allowed", env(), services);
        execution(allowed, params("endpoint", "local", "dryRun", true)).start();
        assertThat(allowed.state().result(WITHIN)).asString().contains("DRY_RUN");
    }

    @Test
    void outsideANodeBlockWorkspaceScriptsAreRefusedWithAHint() throws Exception {
        services.workspace = null;
        FakeStepContext context = new FakeStepContext("no-node", env(), services);
        execution(context, params()).start();

        assertThat(context.state().failure(WITHIN)).hasMessage("script: 'jobs/orders.py' is a workspace file, but the "
                + "step runs outside a node block; run it inside node { ... } or give an s3:// URI");
    }

    // ---- changedOnly: git asked on the agent that holds the workspace ----

    /** Two jobs and a pull request (CHANGE_ID, CHANGE_TARGET as multibranch sets them) to check changedOnly with. */
    Map<String, Object> twoJobsChangedOnly() {
        return params("script", null, "jobs", List.of(Map.of("script", "jobs/orders.py"),
                Map.of("script", "jobs/customers.py")), "changedOnly", true);
    }

    /** Runs {@link #twoJobsChangedOnly} with the workspace on an agent; the step passes; its result's jobs. */
    List<Map<String, Object>> twoJobsChangedOnlyOnAnAgent(FakeStepContext context) throws Exception {
        services.onAgent = true;
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(50)).thenSucceed());
        execution(context, twoJobsChangedOnly()).start();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.state().result(WITHIN);
        assertThat(result).containsEntry("status", "PASSED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) result.get("jobs");
        return jobs;
    }

    static Map<String, String> pullRequestEnv() {
        Map<String, String> env = env();
        env.put("CHANGE_ID", "7");
        env.put("CHANGE_TARGET", "main");
        return env;
    }

    @Test
    void changedOnlyOnAnAgentChecksTheJobAPullRequestTouchedAndSkipsTheOther() throws Exception {
        // The workspace is a clone on the agent: main holds both jobs, the pull request changes orders only.
        GitRepos.git(workspace, "init", "-q", "-b", "main");
        GitRepos.commit(workspace, "two jobs");
        GitRepos.git(workspace, "update-ref", "refs/remotes/origin/main", "HEAD");
        GitRepos.git(workspace, "checkout", "-q", "-b", "PR-7");
        Files.writeString(workspace.resolve("jobs/orders.py"), "print('orders v2')\n");
        GitRepos.commit(workspace, "orders: v2");
        FakeStepContext context = new FakeStepContext("changed", pullRequestEnv(), services);
        List<Map<String, Object>> jobs = twoJobsChangedOnlyOnAnAgent(context);

        assertThat(jobs).extracting(j -> j.get("name") + " " + j.get("status"))
                .containsExactlyInAnyOrder("orders PASSED", "customers SKIPPED");
        assertThat(context.state().log())
                .containsPattern("changed_only: 1 file\\(s\\) changed since the merge base [0-9a-f]{12} of origin/main "
                        + "and HEAD; checking 1 of 2 job\\(s\\)")
                .contains("customers: SKIPPED: unchanged: jobs/customers.py did not change since the merge base");
        assertThat(jobs).filteredOn(j -> "customers".equals(j.get("name"))).singleElement()
                .satisfies(j -> assertThat((String) j.get("reason")).startsWith("unchanged: jobs/customers.py"));
        assertThat(operations().stream().filter(o -> o.equals("glue:CreateJob")).count()).as("one job created")
                .isEqualTo(1);
        assertThat(services.build.reports.get(0).getJobs()).extracting(j -> j.getName() + " " + j.getStatus())
                .containsExactlyInAnyOrder("orders PASSED", "customers SKIPPED");
        assertThat(workspace.resolve("glue-health-check/report.json")).as("written back to the agent").exists();
    }

    @Test
    void changedOnlyWhereTheAgentsWorkspaceIsNoCloneChecksEveryJobAndSaysWhy() throws Exception {
        FakeStepContext context = new FakeStepContext("no-git", pullRequestEnv(), services);
        List<Map<String, Object>> jobs = twoJobsChangedOnlyOnAnAgent(context);

        assertThat(jobs).extracting(j -> j.get("name") + " " + j.get("status"))
                .containsExactlyInAnyOrder("orders PASSED", "customers PASSED");
        assertThat(context.state().log()).contains("changed_only: cannot tell what changed: the workspace "
                + workspace.toFile() + " is not a git checkout").contains("all 2 job(s) are checked");
        assertThat(operations().stream().filter(o -> o.equals("glue:CreateJob")).count()).isEqualTo(2);
    }

    @Test
    void changedOnlyOutsideANodeBlockChecksEveryJobAndSaysWhy() throws Exception {
        services.workspace = null;
        FakeStepContext context = new FakeStepContext("no-node-changed", pullRequestEnv(), services);
        execution(context, params("script", "s3://team-scripts/jobs/orders.py", "changedOnly", true, "dryRun", true))
                .start();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.state().result(WITHIN);

        assertThat(result).containsEntry("status", "DRY_RUN");
        assertThat(context.state().log()).contains("changed_only: cannot tell what changed: the step runs outside a "
                + "node block, so there is no workspace to ask git in; run it inside node { ... }; all 1 job(s) are checked");
        assertThat(endpoint.requests().count()).isZero();
    }

    /** Waits until the step has seen its run RUNNING (so its persisted handle says so). */
    void awaitRunning(StepExecution execution) throws InterruptedException {
        long until = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < until) {
            if (execution.getStatus().contains("(running,")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the step never saw its run RUNNING: " + execution.getStatus() + " " + operations());
    }

    /** Writes the step as Pipeline writes program.dat: JBoss Marshalling River, default configuration. */
    static byte[] river(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Marshaller m = new RiverMarshallerFactory().createMarshaller(new MarshallingConfiguration());
        m.start(org.jboss.marshalling.Marshalling.createByteOutput(bytes));
        m.writeObject(o);
        m.finish();
        return bytes.toByteArray();
    }

    static Object unriver(byte[] bytes) throws IOException, ClassNotFoundException {
        MarshallingConfiguration config = new MarshallingConfiguration();
        config.setClassResolver(new SimpleClassResolver(GlueHealthCheckExecution.class.getClassLoader()));
        Unmarshaller u = new RiverMarshallerFactory().createUnmarshaller(config);
        u.start(org.jboss.marshalling.Marshalling.createByteInput(new ByteArrayInputStream(bytes)));
        Object o = u.readObject();
        u.finish();
        return o;
    }

    /** A timer that runs nothing: it only records what it was given. */
    static final class HeldTimer extends ScheduledThreadPoolExecutor {
        final List<Runnable> tasks = new ArrayList<>();

        HeldTimer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            tasks.add(command);
            return new ScheduledFuture<Object>() {
                @Override
                public long getDelay(TimeUnit u) {
                    return 0;
                }

                @Override
                public int compareTo(Delayed o) {
                    return 0;
                }

                @Override
                public boolean cancel(boolean mayInterruptIfRunning) {
                    return tasks.remove(command);
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }

                @Override
                public boolean isDone() {
                    return false;
                }

                @Override
                public Object get() {
                    return null;
                }

                @Override
                public Object get(long timeout, TimeUnit u) {
                    return null;
                }
            };
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }
    }
}
