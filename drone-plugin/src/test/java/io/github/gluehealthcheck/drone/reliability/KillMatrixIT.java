package io.github.gluehealthcheck.drone.reliability;

import io.github.gluehealthcheck.engine.reliability.MatrixSummary;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gluehealthcheck.drone.Cli;
import io.github.gluehealthcheck.drone.StepEnv;
import io.github.gluehealthcheck.engine.local.FaultRule;
import io.github.gluehealthcheck.engine.local.RunScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Issue #5, item 2: the CLI (the packaged jar, as Drone starts it) receives SIGTERM, and separately SIGKILL, in
 * each phase of a check. After SIGTERM nothing is left, the exit is 143 within the CI's grace and report.json
 * says CANCELLED. After SIGKILL (Drone's docker runner cancels so) whatever was left is removed, once expired,
 * by the next check's sweep or by {@code mode: sweep}: the count left after that must be 0.
 *
 * <p>A phase is held open by the endpoint (a call answered only after 5 s, or a run kept STARTING or RUNNING), and
 * the signal is sent once the CLI has printed that phase. A killed client's call still takes effect at the
 * endpoint, as on AWS.
 */
@Tag("reliability")
@Execution(ExecutionMode.CONCURRENT)
class KillMatrixIT {
    static final Duration HOLD = Duration.ofSeconds(5);
    static final Duration GRACE = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();
    static final MatrixSummary SUMMARY = new MatrixSummary("kill-matrix", "Cancel/kill matrix (item 2)",
            "phase", "signal", "exit", "s from signal to exit", "report", "left by the signal", "then", "left in the end",
            "result");
    static final AtomicInteger LEFT_IN_THE_END = new AtomicInteger();
    static final AtomicInteger LEFT_BY_KILL = new AtomicInteger();
    static final AtomicInteger FAILED_CELLS = new AtomicInteger();

    /** Where the signal arrives, how the endpoint holds the check there, and the line that says it is there. */
    enum Phase {
        // The upload comes right after the job is created (so that the job's tag names the script).
        STAGING("[orders] create: "),
        CREATING("[orders] create: "),
        STARTING_THE_RUN("[orders] start: "),
        WAITING_IN_STARTING("[orders] state: STARTING"),
        RUNNING("[orders] state: RUNNING"),
        CLEANUP("[orders] cleanup: glue-health-check-");

        final String line;

        Phase(String line) {
            this.line = line;
        }

        void hold(Endpoint endpoint) {
            RunScript quick = RunScript.builder().running(Duration.ofMillis(500)).thenSucceed();
            switch (this) {
                case STAGING -> endpoint.local.faults().add(FaultRule.on("s3", "PutObject").delay(HOLD).once());
                case CREATING -> endpoint.local.faults().add(FaultRule.on("glue", "CreateJob").delay(HOLD).once());
                case STARTING_THE_RUN -> endpoint.local.faults().add(FaultRule.on("glue", "StartJobRun").delay(HOLD).once());
                // The first cleanup call: the staged script's delete.
                case CLEANUP -> endpoint.local.faults().add(FaultRule.on("s3", "DeleteObject").delay(HOLD).once());
                default -> {
                }
            }
            endpoint.local.runScripts().forAllJobs(switch (this) {
                case WAITING_IN_STARTING -> RunScript.builder().starting(Duration.ofMinutes(5)).thenSucceed();
                case RUNNING -> RunScript.builder().running(Duration.ZERO).stoppingTakes(Duration.ofMillis(300))
                        .thenRunUntilStopped();
                default -> quick;
            });
        }

        /** Calls are held for a while; a run is not (the signal then comes once the CLI printed the state). */
        boolean heldByACall() {
            return this != WAITING_IN_STARTING && this != RUNNING;
        }
    }

    /** The signal, and for SIGKILL what removes the leftovers afterwards. */
    enum Signal {
        SIGTERM("-"),
        SIGKILL_THEN_NEXT_CHECK("the next check's sweep"),
        SIGKILL_THEN_MODE_SWEEP("mode: sweep");

        final String then;

        Signal(String then) {
            this.then = then;
        }

        @Override
        public String toString() {
            return this == SIGTERM ? "SIGTERM" : "SIGKILL";
        }
    }

    static Stream<Arguments> cells() {
        return Arrays.stream(Phase.values()).flatMap(p -> Arrays.stream(Signal.values()).map(s -> Arguments.of(p, s)));
    }

    @ParameterizedTest(name = "{0} x {1} then {2}")
    @MethodSource("cells")
    void cell(Phase phase, Signal signal, @TempDir Path home, @TempDir Path dir) throws Exception {
        String key = phase.ordinal() + "-" + signal.ordinal();
        try (Endpoint endpoint = Endpoint.start()) {
            Path workspace = StepEnv.workspace(dir);
            StepEnv.write(workspace.resolve("jobs/orders.py"), "print('orders')\n");
            Map<String, String> env = StepEnv.drone(home, workspace).aws(endpoint.url())
                    .set("PLUGIN_SCRIPT", "jobs/orders.py").set("PLUGIN_JOB_TYPE", "pythonshell").map();
            phase.hold(endpoint);

            Cli.Started started = Cli.start(workspace, env);
            started.awaitOutput(phase.line, Duration.ofSeconds(60));
            if (phase == Phase.STAGING) {
                // The upload follows CreateJob: once the job exists, the next call is the held PutObject.
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (endpoint.local.state().jobs().isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
            }
            if (phase.heldByACall()) {
                Thread.sleep(300); // the held call has reached the endpoint
            }
            long signalled = System.nanoTime();
            if (signal == Signal.SIGTERM) {
                started.process.destroy();
            } else {
                started.process.destroyForcibly();
            }
            Cli.Run run = started.await(Duration.ofSeconds(60));
            Duration took = Duration.ofNanos(System.nanoTime() - signalled);
            endpoint.settle(phase.heldByACall() ? HOLD : Duration.ZERO);

            List<String> problems = new ArrayList<>();
            List<String> leftBySignal = endpoint.leftovers();
            String report = "-";
            List<String> leftInTheEnd;
            if (signal == Signal.SIGTERM) {
                Path reportJson = workspace.resolve("glue-health-check/report.json");
                report = Files.exists(reportJson) ? JSON.readTree(reportJson.toFile()).get("status").asText() : "none";
                if (run.exitCode() != 143) {
                    problems.add("exit " + run.exitCode() + ", not 143");
                }
                if (took.compareTo(GRACE) > 0) {
                    problems.add("took " + took.toMillis() + " ms after SIGTERM, more than the CI's grace " + GRACE);
                }
                if (!report.equals("CANCELLED") || !run.output().contains("Glue health check CANCELLED")) {
                    problems.add("report status " + report + ", not CANCELLED");
                }
                leftInTheEnd = leftBySignal;
            } else {
                LEFT_BY_KILL.addAndGet(leftBySignal.size());
                if (run.exitCode() != 137) {
                    problems.add("exit " + run.exitCode() + " after SIGKILL, not 137");
                }
                // Each job left must expire by itself (its check's deadline plus the expiry margin), not never.
                Map<String, Instant> expiries = endpoint.expireAll();
                expiries.forEach((job, at) -> {
                    if (at == null || at.isAfter(Instant.now().plus(Duration.ofMinutes(36)))) {
                        problems.add(job + " would expire at " + at + ", not within max_wait (20 min) + 15 min");
                    }
                });
                endpoint.local.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(300)).thenSucceed());
                // mode: sweep is given the pipeline's scripts_bucket (StepEnv's), under which it may delete a swept
                // job's staged script (docs/security.md, "Ownership and the sweeper").
                Map<String, String> after = signal == Signal.SIGKILL_THEN_MODE_SWEEP
                        ? StepEnv.drone(home, workspace).aws(endpoint.url()).set("PLUGIN_MODE", "sweep").map() : env;
                Cli.Run next = Cli.run(workspace, after);
                if (next.exitCode() != 0) {
                    problems.add(signal.then + " exited " + next.exitCode() + ": " + next.output());
                }
                leftInTheEnd = endpoint.leftovers();
            }
            LEFT_IN_THE_END.addAndGet(leftInTheEnd.size());
            if (!leftInTheEnd.isEmpty()) {
                problems.add("left: " + leftInTheEnd);
            }
            if (run.stderr().contains("Exception") || run.output().contains("\tat ")) {
                problems.add("a stack trace was printed");
            }
            SUMMARY.row(key, phase.name().toLowerCase().replace('_', ' '), signal, run.exitCode(),
                    MatrixSummary.seconds(took.toMillis()), report,
                    leftBySignal.size(), signal.then, leftInTheEnd.size(),
                    problems.isEmpty() ? "ok" : "FAILED: " + String.join("; ", problems));
            if (!problems.isEmpty()) {
                FAILED_CELLS.incrementAndGet();
            }
            assertThat(problems).as("%s x %s; output:%n%s", phase, signal, run).isEmpty();
        }
    }

    @AfterAll
    static void writeSummary() {
        SUMMARY.note("Cells run: " + SUMMARY.size() + " (" + Phase.values().length + " phases x SIGTERM, SIGKILL then the "
                + "next check's sweep, SIGKILL then mode: sweep); cells failed: " + FAILED_CELLS.get()
                + "; things a SIGKILL left (job, staged script, run): " + LEFT_BY_KILL.get()
                + "; leftovers in the end: " + LEFT_IN_THE_END.get() + ".");
        SUMMARY.write();
    }
}
