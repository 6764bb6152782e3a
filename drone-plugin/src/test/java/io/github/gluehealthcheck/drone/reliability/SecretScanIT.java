package io.github.gluehealthcheck.drone.reliability;

import io.github.gluehealthcheck.engine.reliability.SecretForms;
import io.github.gluehealthcheck.engine.reliability.MatrixSummary;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.drone.Cli;
import io.github.gluehealthcheck.drone.StepEnv;
import io.github.gluehealthcheck.engine.local.ErrorKind;
import io.github.gluehealthcheck.engine.local.FaultRule;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #5, item 4, CLI and Drone environment: recognisable fake secrets in every credential setting (as
 * {@code PLUGIN_*} settings, as the AWS_* variables, as a web identity token file) and in job arguments marked
 * secret; passing, failing and erroring checks, at info and debug level; the job itself prints its secrets (and
 * their base64) and fails with one in its message. No secret, nor its base64, URL-encoded or JSON-escaped form,
 * may appear in stdout, stderr, the reports, the Drone card (file or stdout) or the Harness output file.
 */
@Tag("reliability")
@Execution(ExecutionMode.CONCURRENT)
class SecretScanIT {
    static final String ACCESS_KEY = "NOTAKEY-FAKESCANKEY00042";
    static final String SECRET_KEY = "fake/Secret+Key=ScanValue0042xyzABCDEFGH";
    static final String SESSION_TOKEN = "FAKE//session+token=scan-0042-IQoJb3JpZ2lu";
    static final String EXTERNAL_ID = "fake-external-id-scan-0042";
    static final String WEB_IDENTITY_TOKEN = "eyFAKE.web-identity-token.scan-0042";
    /** Quotes, a backslash, '/', '+' and '=': every form of escaping gets a chance to leak it. */
    static final String DB_PASSWORD = "pa\"ss\\w0rd/scan+0042=";
    static final String API_TOKEN = "fake-api-token-scan-0042";
    static final List<String> SECRETS = List.of(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN, EXTERNAL_ID, WEB_IDENTITY_TOKEN,
            DB_PASSWORD, API_TOKEN);
    static final Pattern CARD = Pattern.compile("\u001B]1338;([A-Za-z0-9+/=]+)\u001B]0m");

    static final MatrixSummary SUMMARY = new MatrixSummary("secret-scan-cli", "Secret scan: CLI and Drone environment (item 4)",
            "outcome", "credentials", "log level", "exit", "places scanned", "secret forms found", "result");
    static final AtomicInteger FOUND = new AtomicInteger();
    static final AtomicInteger FAILED = new AtomicInteger();
    static final AtomicInteger PLACES = new AtomicInteger();

    enum Outcome {
        PASS(0), FAIL(1), ERROR_IN_PREFLIGHT(3), ERROR_CREATING_THE_JOB(3), BAD_SETTINGS(2);

        final int exit;

        Outcome(int exit) {
            this.exit = exit;
        }
    }

    enum Credentials {
        /** access_key, secret_key, session_token, assume_role with external_id: all as step settings. */
        SETTINGS,
        /** AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, as a CI's secrets would set them. */
        AWS_VARIABLES,
        /** web_identity_token_file with assume_role (OIDC). */
        WEB_IDENTITY
    }

    static Stream<Arguments> cells() {
        return Arrays.stream(Outcome.values()).flatMap(o -> Arrays.stream(Credentials.values())
                .flatMap(c -> Stream.of("info", "debug").map(l -> Arguments.of(o, c, l))));
    }

    @ParameterizedTest(name = "{0} with {1} at {2}")
    @MethodSource("cells")
    void noSecretInAnyOutput(Outcome outcome, Credentials credentials, String level, @TempDir Path home,
            @TempDir Path dir) throws Exception {
        try (Endpoint endpoint = Endpoint.start()) {
            Path workspace = dir.resolve("workspace");
            StepEnv.write(workspace.resolve("jobs/leaky.py"), """
                    import base64, sys
                    for name in ("--db_password", "--api_token"):
                        value = sys.argv[sys.argv.index(name) + 1]
                        print("using", name, value)
                        print("as base64", base64.b64encode(value.encode()).decode())
                        print("on stderr", value, file=sys.stderr)
                    if "--fail" in sys.argv:
                        raise RuntimeError("login refused for " + value)
                    """);
            StepEnv.write(workspace.resolve("token"), WEB_IDENTITY_TOKEN);
            Path card = dir.resolve("card.json");
            Path outputs = dir.resolve("outputs.env");
            boolean cardOnStdout = credentials != Credentials.AWS_VARIABLES;
            StepEnv step = StepEnv.drone(home, workspace).pullRequest("12")
                    .set("PLUGIN_ENDPOINT", endpoint.url()).set("PLUGIN_REGION", "us-east-1")
                    .set("PLUGIN_ROLE", "arn:aws:iam::123456789012:role/glue-ci")
                    .set("PLUGIN_SCRIPTS_BUCKET", "s3://ci-scripts/checks")
                    .set("PLUGIN_SCRIPT", "jobs/leaky.py").set("PLUGIN_JOB_TYPE", "pythonshell")
                    .set("PLUGIN_ARGUMENTS", jsonArguments(outcome == Outcome.FAIL))
                    .set("PLUGIN_SECRET_ARGUMENTS", "--db_password,--api_token")
                    .set("PLUGIN_LOG_LEVEL", level)
                    .set("DRONE_CARD_PATH", cardOnStdout ? "/dev/stdout" : card.toString())
                    .set("DRONE_OUTPUT", outputs.toString());
            switch (credentials) {
                case SETTINGS -> step.set("PLUGIN_ACCESS_KEY", ACCESS_KEY).set("PLUGIN_SECRET_KEY", SECRET_KEY)
                        .set("PLUGIN_SESSION_TOKEN", SESSION_TOKEN)
                        .set("PLUGIN_ASSUME_ROLE", "arn:aws:iam::123456789012:role/glue-health-check-ci")
                        .set("PLUGIN_EXTERNAL_ID", EXTERNAL_ID);
                case AWS_VARIABLES -> step.set("AWS_ACCESS_KEY_ID", ACCESS_KEY).set("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
                        .set("AWS_SESSION_TOKEN", SESSION_TOKEN);
                case WEB_IDENTITY -> step.set("PLUGIN_WEB_IDENTITY_TOKEN_FILE", workspace.resolve("token").toString())
                        .set("PLUGIN_ASSUME_ROLE", "arn:aws:iam::123456789012:role/glue-health-check-ci");
            }
            switch (outcome) {
                case ERROR_IN_PREFLIGHT -> endpoint.local.faults().add(FaultRule.on("sts", "GetCallerIdentity")
                        .error(ErrorKind.ACCESS_DENIED).always());
                case ERROR_CREATING_THE_JOB -> endpoint.local.faults().add(FaultRule.on("glue", "CreateJob")
                        .error(ErrorKind.ACCESS_DENIED).always());
                // A bad value next to the secrets: the refusal must not echo any of them.
                case BAD_SETTINGS -> step.set("PLUGIN_TIMEOUT", "soon").set("PLUGIN_EXTERNAL_ID", "x");
                default -> {
                }
            }

            Cli.Run run = Cli.run(workspace, step.map());

            Map<String, String> places = new LinkedHashMap<>();
            places.put("stdout", run.raw());
            places.put("stderr", run.stderr());
            Matcher m = CARD.matcher(run.raw());
            if (m.find()) {
                places.put("card (stdout)", new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
            }
            if (Files.exists(card)) {
                places.put("card file", Files.readString(card));
            }
            if (Files.exists(outputs)) {
                places.put("step outputs", Files.readString(outputs));
            }
            Path reports = workspace.resolve("glue-health-check");
            if (Files.isDirectory(reports)) {
                try (Stream<Path> files = Files.list(reports)) {
                    for (Path f : files.toList()) {
                        places.put(f.getFileName().toString(), Files.readString(f));
                    }
                }
            }
            List<String> found = SecretForms.leaks(SECRETS, places);
            List<String> problems = new ArrayList<>(found);
            if (run.exitCode() != outcome.exit) {
                problems.add("exit " + run.exitCode() + ", not " + outcome.exit);
            }
            // The scan must look where secrets would be: the job's own output reached the log, masked.
            if ((outcome == Outcome.PASS || outcome == Outcome.FAIL) && !run.output().contains("using --db_password ****")) {
                problems.add("the job's output did not reach the step log (masked)");
            }
            if (outcome != Outcome.BAD_SETTINGS && !places.containsKey("report.json")) {
                problems.add("no report.json was written");
            }
            if (outcome != Outcome.BAD_SETTINGS && !places.containsKey(cardOnStdout ? "card (stdout)" : "card file")) {
                problems.add("no Drone card was written");
            }
            PLACES.addAndGet(places.size());
            FOUND.addAndGet(found.size());
            SUMMARY.row(outcome.ordinal() + "-" + credentials.ordinal() + "-" + level, outcome, credentials, level,
                    run.exitCode(), String.join(", ", places.keySet()), found.size(),
                    problems.isEmpty() ? "ok" : "FAILED: " + String.join("; ", problems));
            if (!problems.isEmpty()) {
                FAILED.incrementAndGet();
            }
            assertThat(problems).as("%s / %s / %s: %s", outcome, credentials, level, run).isEmpty();
        }
    }

    static String jsonArguments(boolean fail) {
        return "{\"--db_password\": \"" + DB_PASSWORD.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\", \"--api_token\": \"" + API_TOKEN + "\", \"--input\": \"s3://in/orders\""
                + (fail ? ", \"--fail\": \"yes\"" : "") + "}";
    }

    @AfterAll
    static void writeSummary() {
        SUMMARY.note("Runs: " + SUMMARY.size() + " (" + Outcome.values().length + " outcomes x " + Credentials.values().length
                + " ways of giving credentials x info/debug); " + SECRETS.size() + " fake secrets, each looked for raw, "
                + "as base64 (3 variants), URL-encoded and JSON-escaped in " + PLACES.get() + " outputs; secret forms "
                + "found: " + FOUND.get() + "; runs failed: " + FAILED.get() + ".");
        SUMMARY.write();
    }
}
