package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.settings.SettingsReader;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Secrets never reach output or reports, even when a job prints them; bad settings never reach AWS. */
class SecretsAndValidationTest {
    static final String DB_PASSWORD = "db-pa55w0rd-FAKE-7731";
    static final String SECRET_KEY = "fake-secret-key-not-real-0042";

    @RegisterExtension
    final LocalAws local = new LocalAws();

    private HealthCheckRequest request(Map<String, Object> settings) {
        Map<String, Object> s = local.settings(settings);
        return SettingsReader.read(s, Map.of(), CiContext.builder().repo("data/etl").buildNumber("1"));
    }

    @Test
    void aJobPrintingItsSecretArgumentIsMaskedEverywhere() throws Exception {
        local.script("leaky.py", """
                import sys, base64
                pw = sys.argv[sys.argv.index("--db_password") + 1]
                print("connecting with", pw)
                print("encoded", base64.b64encode(pw.encode()).decode())
                raise RuntimeError("login failed for " + pw)
                """);
        HealthCheckRequest request = request(Map.of("script", "jobs/leaky.py", "job_type", "pythonshell",
                "arguments", "{\"--db_password\": \"" + DB_PASSWORD + "\"}", "secret_arguments", "--db_password",
                "access_key", "NOTAKEY-FAKEFAKEFAKE0042", "secret_key", SECRET_KEY, "log_level", "debug"));
        List<String> output = new ArrayList<>();
        ProgressListener capture = new ProgressListener() {
            @Override
            public void phase(String job, Phase phase, String detail) {
                output.add(detail);
            }

            @Override
            public void logLine(String job, LogLine line) {
                output.add(line.message());
            }

            @Override
            public void verdict(String job, CheckResult result) {
                output.add(result.toString() + result.errorMessage() + result.lastErrorLines());
            }

            @Override
            public void warning(String job, String message) {
                output.add(message);
            }

            @Override
            public void debug(String job, String message) {
                output.add(message);
            }
        };
        PlanResult result;
        List<Path> reports;
        try (CheckSession session = CheckSession.open(request, LocalAws.fastOptions())) {
            result = session.check(capture, new Cancellation());
            reports = session.writeReports(result);
        }
        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(output).anyMatch(l -> l.equals("connecting with ****")).anyMatch(l -> l.equals("encoded ****"));
        String b64 = Base64.getEncoder().encodeToString(DB_PASSWORD.getBytes(StandardCharsets.UTF_8));
        String everything = String.join("\n", output) + result.checks() + DryRun.describe(request);
        for (Path report : reports) {
            everything += Files.readString(report);
        }
        assertThat(everything).doesNotContain(DB_PASSWORD, b64, SECRET_KEY, "NOTAKEY-FAKEFAKEFAKE0042")
                .contains("login failed for ****");
    }

    @Test
    void aSecretPrintedInTwoLogEventsIsMaskedInBoth() throws Exception {
        // Each print is its own log event; the halves are printed apart, on stdout and on stderr.
        local.script("split.py", """
                import sys
                pw = sys.argv[sys.argv.index("--db_password") + 1]
                half = len(pw) // 2
                print("first part", pw[:half], flush=True)
                print(pw[half:], "was the rest", flush=True)
                sys.stderr.write("error " + pw[:half] + "\\n")
                sys.stderr.flush()
                sys.stderr.write(pw[half:] + " ends it\\n")
                sys.stderr.flush()
                raise RuntimeError("failed")
                """);
        HealthCheckRequest request = request(Map.of("script", "jobs/split.py", "job_type", "pythonshell",
                "arguments", "{\"--db_password\": \"" + DB_PASSWORD + "\"}", "secret_arguments", "--db_password",
                "access_key", "NOTAKEY-FAKEFAKEFAKE0042", "secret_key", SECRET_KEY));
        List<String> lines = new ArrayList<>();
        PlanResult result;
        try (CheckSession session = CheckSession.open(request, LocalAws.fastOptions())) {
            result = session.check(new ProgressListener() {
                @Override
                public void logLine(String job, LogLine line) {
                    lines.add(line.message());
                }
            }, new Cancellation());
        }
        String first = DB_PASSWORD.substring(0, DB_PASSWORD.length() / 2);
        String rest = DB_PASSWORD.substring(DB_PASSWORD.length() / 2);
        assertThat(lines).contains("first part ****", "**** was the rest", "error ****", "**** ends it");
        String everything = String.join("\n", lines) + result.checks();
        assertThat(result.checks().get(0).status()).as(everything).isEqualTo(CheckStatus.FAILED);
        assertThat(everything).doesNotContain(first).doesNotContain(rest);
    }

    @Test
    void secretArgumentsGoOnTheRunOnlyNotIntoTheDefaultArgumentsThatGetJobShows() {
        local.script("needs_secret.py", """
                import sys
                from awsglue.utils import getResolvedOptions
                args = getResolvedOptions(sys.argv, ["db_password", "input"])
                if args["db_password"] != "%s":
                    raise SystemExit("the run did not get its secret argument")
                print("secret argument received; input", args["input"])
                """.formatted(DB_PASSWORD));
        HealthCheckRequest request = request(Map.of("script", "jobs/needs_secret.py", "job_type", "pythonshell",
                "arguments", "{\"--db_password\": \"" + DB_PASSWORD + "\", \"--input\": \"s3://in/x\"}",
                "secret_arguments", "db_password", "keep_job", "always", "access_key", "NOTAKEY-FAKEFAKEFAKE0042",
                "secret_key", SECRET_KEY));

        PlanResult result;
        try (CheckSession session = CheckSession.open(request, LocalAws.fastOptions())) {
            result = session.check(ProgressListener.NONE, new Cancellation());
        }

        assertThat(result.status()).as(result.checks().toString()).isEqualTo(CheckStatus.PASSED);
        var job = local.endpoint.state().jobs().get(0);
        assertThat(job.defaultArguments()).containsEntry("--input", "s3://in/x").doesNotContainKey("--db_password");
        assertThat(job.definitionJson()).doesNotContain(DB_PASSWORD);
        var run = local.endpoint.state().runs(job.name()).get(0);
        assertThat(run.arguments()).containsEntry("--db_password", DB_PASSWORD);
    }

    @Test
    void badSettingsMakeNoRequest() {
        assertThatThrownBy(() -> request(Map.of("script", "jobs/missing.py", "job_type", "sparky", "timeout", "-3",
                "arguments", "{\"--endpoint\": \"x\"}", "scripts_bucket", "not-a-uri")))
                .isInstanceOf(InvalidSettingsException.class)
                .satisfies(e -> assertThat(((InvalidSettingsException) e).problems()).extracting(p -> p.setting())
                        .containsExactlyInAnyOrder("script", "job_type", "timeout", "arguments", "scripts_bucket"));
        assertThat(local.endpoint.requests().count()).isZero();
    }

    @Test
    void dryRunDescribesThePlanWithoutCalls() throws Exception {
        local.script("orders.py", "print(1)\n");
        HealthCheckRequest request = request(Map.of("script", "jobs/orders.py", "dry_run", "true",
                "arguments", "{\"--db_password\": \"" + DB_PASSWORD + "\", \"--input\": \"s3://in/x\"}",
                "secret_arguments", "db_password"));
        List<String> lines = DryRun.describe(request);
        assertThat(lines).anyMatch(l -> l.startsWith("job orders: glue-health-check-orders-etl-b1-<check-id>"))
                .anyMatch(l -> l.contains("glue:CreateJob")).anyMatch(l -> l.contains("--db_password=****"));
        assertThat(String.join("\n", lines)).doesNotContain(DB_PASSWORD);
        assertThat(local.endpoint.requests().count()).isZero();
    }
}
