package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubernetes and Woodpecker cancel a step with SIGTERM and about 20 s of grace (a terminal, with SIGINT): the run
 * is stopped, the job and its staged script deleted, the report written as cancelled, and the exit is non-zero.
 */
class CancelIT {
    @RegisterExtension
    static final LocalEndpointExtension endpoint = new LocalEndpointExtension();

    @TempDir
    Path home;
    @TempDir
    Path dir;
    Path workspace;

    @BeforeEach
    void setUp() {
        workspace = StepEnv.workspace(dir);
        // The run keeps going until it is stopped, like a long Spark job.
        endpoint.runScript("{\"steps\":[{\"state\":\"RUNNING\",\"millis\":0},{\"output\":[\"processing partition 1\"]}],"
                + "\"end\":\"UNTIL_STOPPED\",\"stoppingMillis\":500}");
    }

    private Cli.Started startCheck() throws IOException {
        return Cli.start(workspace, StepEnv.drone(home, workspace).aws(endpoint)
                .set("PLUGIN_SCRIPT", "jobs/orders_summary.py").set("PLUGIN_JOB_TYPE", "pythonshell").map());
    }

    @Test
    void sigtermDuringRunningStopsTheRunCleansUpAndReportsCancelledWithin20Seconds() throws Exception {
        Cli.Started started = startCheck();
        started.awaitOutput("[orders_summary] state: RUNNING", Duration.ofSeconds(60));
        assertThat(endpoint.state().get("jobs")).hasSize(1);

        long signalled = System.nanoTime();
        started.process.destroy(); // SIGTERM
        Cli.Run run = started.await(Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);

        assertThat(took).as(run.toString()).isLessThan(Duration.ofSeconds(20));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(143);
        assertThat(run.output()).as(run.toString()).contains(
                "warning: [orders_summary] cancelling: the process was asked to stop (SIGTERM/SIGINT)",
                "[orders_summary] cleanup: stop run: done",
                "[orders_summary] cleanup: delete job: done",
                "[orders_summary] cleanup: delete staged script: done",
                "Glue health check CANCELLED");
        assertNothingLeftAndReportCancelled();
    }

    @Test
    void sigintFromATerminalDoesTheSame() throws Exception {
        // A process started in the background without job control (`cmd &` in a script, nohup) ignores SIGINT, and
        // so does every process it starts, this CLI included: the JVM then rightly leaves SIGINT alone. Say so
        // instead of timing out.
        assertThat(sigintIgnored()).as("SIGINT is ignored by this test JVM (inherited from a build started in the "
                + "background without job control); run the build in the foreground or with `set -m`").isFalse();
        Cli.Started started = startCheck();
        started.awaitOutput("[orders_summary] state: RUNNING", Duration.ofSeconds(60));
        new ProcessBuilder("kill", "-INT", Long.toString(started.process.pid())).inheritIO().start().waitFor();
        Cli.Run run = started.await(Duration.ofSeconds(30));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(130);
        assertThat(run.output()).contains("Glue health check CANCELLED");
        assertNothingLeftAndReportCancelled();
    }

    /** SigIgn of /proc/self/status: a hex mask, bit (signal - 1); SIGINT is 2. */
    private static boolean sigintIgnored() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << 1)) != 0;
            }
        }
        throw new IllegalStateException("no SigIgn in /proc/self/status");
    }

    private void assertNothingLeftAndReportCancelled() throws IOException {
        JsonNode state = endpoint.state();
        assertThat(state.get("jobs")).as("jobs left").isEmpty();
        assertThat(state.get("objects")).as("staged scripts left").isEmpty();
        assertThat(state.get("runs")).noneMatch(r -> r.get("active").asBoolean());
        JsonNode report = new ObjectMapper().readTree(workspace.resolve("glue-health-check/report.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(report.get("checks").get(0).get("status").asText()).isEqualTo("CANCELLED");
    }
}
