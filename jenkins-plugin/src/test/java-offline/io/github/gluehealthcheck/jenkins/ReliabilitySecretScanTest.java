package io.github.gluehealthcheck.jenkins;

import io.github.gluehealthcheck.engine.reliability.SecretForms;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.local.ErrorKind;
import io.github.gluehealthcheck.engine.local.FaultRule;
import io.github.gluehealthcheck.engine.local.LocalAwsEndpoint;
import io.github.gluehealthcheck.engine.local.LocalEndpointOptions;
import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import io.github.gluehealthcheck.jenkins.report.BuildBadge;
import io.github.gluehealthcheck.jenkins.report.StepReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import hudson.AbortException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Issue #5, item 4, the Jenkins step at unit level: its execution driven as Pipeline drives it (fake StepContext,
 * real engine, local endpoint), with fake secrets in the AWS_* variables a withAWS or withCredentials block sets, in
 * a Jenkins AWS credential (credentialsId), and in job arguments marked secret, which the job prints (and fails with). Passing,
 * failing, unstable, erroring, refused and aborted steps, at info and debug level. No secret, nor its base64,
 * URL-encoded or JSON-escaped form, may appear in the console, the step's result or failure (message and stack
 * trace), the build's report, badge and UNSTABLE reason, the report files, or the step's persisted state.
 */
@Tag("reliability")
class ReliabilitySecretScanTest {
    static final String ACCESS_KEY = "NOTAKEY-FAKEJENKINSSCAN42";
    static final String SECRET_KEY = "fake/Jenkins+Secret=Key-scan-0042-abcdef";
    static final String SESSION_TOKEN = "FAKE//jenkins+session=token-scan-0042";
    static final String WEB_IDENTITY_TOKEN = "eyFAKE.jenkins-web-identity.scan-0042";
    static final String DB_PASSWORD = "pa\"ss\\jenkins/scan+0042=";
    static final String API_TOKEN = "fake-jenkins-api-token-scan-0042";
    static final List<String> SECRETS = List.of(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN, WEB_IDENTITY_TOKEN, DB_PASSWORD,
            API_TOKEN);
    static final Duration WITHIN = Duration.ofSeconds(60);
    static final List<String> ROWS = new ArrayList<>();
    static int found;
    static int failed;
    static int surfacesScanned;

    enum Outcome {
        PASS, FAIL, FAIL_UNSTABLE, ERROR_IN_PREFLIGHT, ERROR_CREATING_THE_JOB, BAD_SETTINGS, ABORTED
    }

    enum Credentials {
        /** AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, as withAWS or withCredentials set them. */
        AWS_VARIABLES,
        /** credentialsId: a Jenkins AWS credential whose IAM role resolved to these session keys. */
        JENKINS_CREDENTIAL
    }

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
        Files.writeString(workspace.resolve("token"), WEB_IDENTITY_TOKEN);
        services = new TestServices(workspace);
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        services.close();
        endpoint.close();
    }

    static Stream<Arguments> cells() {
        return Arrays.stream(Outcome.values()).flatMap(o -> Arrays.stream(Credentials.values())
                .flatMap(c -> Stream.of("info", "debug").map(l -> Arguments.of(o, c, l))));
    }

    @ParameterizedTest(name = "{0} with {1} at {2}")
    @MethodSource("cells")
    void noSecretOnAnySurfaceOfTheStep(Outcome outcome, Credentials credentials, String level) throws Exception {
        String b64 = Base64.getEncoder().encodeToString(DB_PASSWORD.getBytes(StandardCharsets.UTF_8));
        RunScript.Builder prints = RunScript.builder().running(Duration.ofMillis(200))
                .logOutput("connecting with " + DB_PASSWORD, "as base64 " + b64, "token " + API_TOKEN)
                .logError("auth failed for " + DB_PASSWORD);
        endpoint.runScripts().forAllJobs(switch (outcome) {
            case FAIL, FAIL_UNSTABLE -> prints.thenFail("login " + DB_PASSWORD + " refused");
            case ABORTED -> prints.thenRunUntilStopped();
            default -> prints.thenSucceed();
        });
        if (outcome == Outcome.ERROR_IN_PREFLIGHT) {
            endpoint.faults().add(FaultRule.on("sts", "GetCallerIdentity").error(ErrorKind.ACCESS_DENIED).always());
        } else if (outcome == Outcome.ERROR_CREATING_THE_JOB) {
            endpoint.faults().add(FaultRule.on("glue", "CreateJob").error(ErrorKind.ACCESS_DENIED).always());
        }
        Map<String, String> env = new LinkedHashMap<>(GlueHealthCheckExecutionTest.env());
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");
        env.remove("AWS_SESSION_TOKEN");
        env.put("DB_PASSWORD", DB_PASSWORD);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("script", "jobs/orders.py");
        params.put("jobType", "pythonshell");
        params.put("role", GlueHealthCheckExecutionTest.ROLE);
        params.put("scriptsBucket", "s3://ci-glue-scripts/checks");
        params.put("endpoint", endpoint.uri().toString());
        params.put("arguments", Map.of("db_password", DB_PASSWORD, "api_token", API_TOKEN, "input", "s3://in/x"));
        params.put("secretArguments", List.of("db_password", "api_token"));
        params.put("logLevel", level);
        if (credentials == Credentials.AWS_VARIABLES) {
            env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
            env.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
        } else {
            services.credentials.put("glue-ci", TestServices.StoredCredential.keys(
                    AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN)));
            params.put("credentialsId", "glue-ci");
            params.put("assumeRole", "arn:aws:iam::123456789012:role/glue-health-check-ci");
        }
        if (outcome == Outcome.FAIL_UNSTABLE) {
            params.put("unstableOnFailure", true);
        }
        if (outcome == Outcome.BAD_SETTINGS) {
            params.put("maxWait", "soon"); // typed parameters: a wrong type never reaches the step
            params.put("assumeRole", "admin");
        }

        FakeStepContext context = new FakeStepContext("scan-" + outcome + credentials + level, env, services);
        GlueHealthCheckExecution execution = (GlueHealthCheckExecution) Steps.of(params).start(context);
        execution.start();
        Map<String, String> surfaces = new LinkedHashMap<>();
        if (outcome == Outcome.ABORTED) {
            awaitRunning(execution);
            // Once the job's error line has been read, the running step's persisted handle holds what it keeps of it.
            long until = System.nanoTime() + WITHIN.toNanos();
            while (!context.state().log().contains("auth failed for ****") && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            surfaces.put("persisted state while running", new String(GlueHealthCheckExecutionTest.river(execution),
                    StandardCharsets.ISO_8859_1));
            execution.stop(new AbortException("aborted by the user"));
        }
        Object result = null;
        Throwable failure = null;
        try {
            result = context.state().outcome.get(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            failure = e.getCause();
        }

        surfaces.put("console", context.state().log());
        if (result != null) {
            surfaces.put("result", String.valueOf(result));
        }
        if (failure != null) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            surfaces.put("failure", failure + "\n" + trace);
        }
        for (StepReport r : services.build.reports) {
            StringBuilder b = new StringBuilder(r.getSummaryLine());
            r.getJobs().forEach(j -> b.append('\n').append(j.getReason()).append(j.getErrorMessage())
                    .append(j.getLogExcerpt()).append(j.getCleanup()));
            surfaces.put("build report", b.toString());
            surfaces.put("build badge", BuildBadge.of(services.build.reports).getTooltip());
        }
        if (!services.build.unstable.isEmpty()) {
            surfaces.put("UNSTABLE reason", String.join("\n", services.build.unstable));
        }
        Path reports = workspace.resolve("glue-health-check");
        if (Files.isDirectory(reports)) {
            try (Stream<Path> files = Files.list(reports)) {
                for (Path f : files.toList()) {
                    surfaces.put(f.getFileName().toString(), Files.readString(f));
                }
            }
        }
        surfaces.put("persisted state at the end", new String(GlueHealthCheckExecutionTest.river(execution),
                StandardCharsets.ISO_8859_1));

        List<String> problems = new ArrayList<>(SecretForms.leaks(SECRETS, surfaces));
        int leaksFound = problems.size();
        boolean ranTheJob = outcome == Outcome.PASS || outcome == Outcome.FAIL || outcome == Outcome.FAIL_UNSTABLE;
        if (ranTheJob && !context.state().log().contains("connecting with ****")) {
            problems.add("the job's log lines did not reach the console (masked)");
        }
        boolean shouldFail = outcome != Outcome.PASS && outcome != Outcome.FAIL_UNSTABLE;
        if (shouldFail != (failure != null)) {
            problems.add(shouldFail ? "the step did not fail" : "the step failed: " + failure);
        }
        synchronized (ROWS) {
            surfacesScanned += surfaces.size();
            found += leaksFound;
            failed += problems.isEmpty() ? 0 : 1;
            ROWS.add("| " + outcome + " | " + credentials + " | " + level + " | " + (failure == null ? "returned" : "failed")
                    + " | " + String.join(", ", surfaces.keySet()) + " | " + leaksFound + " | "
                    + (problems.isEmpty() ? "ok" : "FAILED: " + String.join("; ", problems).replace("|", "\\|")) + " |");
        }
        assertThat(problems).as("%s / %s / %s:%n%s", outcome, credentials, level, context.state().log()).isEmpty();
    }

    void awaitRunning(GlueHealthCheckExecution execution) throws InterruptedException {
        long until = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < until) {
            if (execution.getStatus().contains("(running,")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the step never saw its run RUNNING: " + execution.getStatus());
    }

    @AfterAll
    static void writeSummary() throws IOException {
        Path dir = Path.of("target", "reliability");
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        lines.add("### Secret scan: the Jenkins step at unit level (item 4)");
        lines.add("");
        lines.add("Runs: " + ROWS.size() + " (" + Outcome.values().length + " outcomes x " + Credentials.values().length
                + " ways of giving credentials x info/debug); " + SECRETS.size() + " fake secrets, each looked for raw, "
                + "as base64 (3 variants), URL-encoded and JSON-escaped on " + surfacesScanned + " surfaces; secret "
                + "forms found: " + found + "; runs failed: " + failed + ".");
        lines.add("");
        lines.add("| outcome | credentials | log level | step | surfaces scanned | secret forms found | result |");
        lines.add("|---|---|---|---|---|---|---|");
        synchronized (ROWS) {
            lines.addAll(ROWS.stream().sorted().toList());
        }
        Files.write(dir.resolve("secret-scan-jenkins.md"), lines);
    }
}
