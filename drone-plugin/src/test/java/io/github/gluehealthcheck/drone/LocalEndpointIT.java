package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code local-endpoint} serves the engine's local AWS endpoint for any tool; the CLI (with terminal flags) checks
 * against it like against AWS. (Every process-level test starts its endpoint with this subcommand.)
 */
class LocalEndpointIT {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void theSubcommandHasItsOwnHelpAndRefusesUnknownOptions() throws Exception {
        Cli.Run help = Cli.run(dir, StepEnv.terminal(home).map(), "local-endpoint", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("Usage: local-endpoint [options]", "--port N");
        Cli.Run bad = Cli.run(dir, StepEnv.terminal(home).map(), "local-endpoint", "--colour", "red");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("local-endpoint: unknown option --colour");
    }

    /**
     * The served endpoint answers at once, as AWS does: without TCP_NODELAY the JDK's HTTP server holds each
     * response body back until the client's delayed acknowledgement, about 40 ms a call on Linux.
     */
    @Test
    void callsAreAnsweredWithoutTheDelayedAcknowledgementWait() throws Exception {
        try (LocalEndpointProcess endpoint = LocalEndpointProcess.start()) {
            URI uri = URI.create(endpoint.url() + "/");
            byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                long t0 = System.nanoTime();
                HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                c.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=" + StepEnv.ACCESS_KEY
                        + "/20260101/eu-west-1/sts/aws4_request, SignedHeaders=host, Signature=0");
                try (var out = c.getOutputStream()) {
                    out.write(body);
                }
                assertThat(c.getResponseCode()).isEqualTo(200);
                try (var in = c.getInputStream()) {
                    in.readAllBytes();
                }
                if (i >= 5) {
                    micros.add((System.nanoTime() - t0) / 1000);
                }
            }
            Collections.sort(micros);
            long median = micros.get(micros.size() / 2);
            assertThat(median).as("median call, microseconds: " + micros).isLessThan(25_000);
        }
    }

    @Test
    void theCliWithFlagsChecksAgainstTheServedEndpoint() throws Exception {
        Path workspace = StepEnv.workspace(dir);
        try (LocalEndpointProcess endpoint = LocalEndpointProcess.start()) {
            Cli.Run run = Cli.run(workspace, StepEnv.terminal(home).map(), "--script", "jobs/orders_summary.py",
                    "--job-type", "pythonshell", "--endpoint", endpoint.url(), "--region", "eu-west-1",
                    "--access-key", StepEnv.ACCESS_KEY, "--secret-key", StepEnv.SECRET_KEY,
                    "--role", "glue-ci", "--scripts-bucket", "s3://ci-scripts", "--repo", "data/etl", "--pull-request", "3");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.output()).contains("local data/etl PR 3, 1 job: orders_summary",
                    "[orders_summary] create: glue-health-check-orders_summary-etl-pr3-", "Glue health check PASSED");
            assertThat(run.raw()).doesNotContain("\u001B[");
            assertThat(endpoint.operations()).contains("glue:CreateJob", "glue:DeleteJob");
            assertThat(endpoint.state().get("jobs")).isEmpty();
        }
    }
}
