package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.local.LocalState;
import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every final state of the verdict table, the queue, and the deadline, each through a whole check. */
class RunOutcomesTest {
    @RegisterExtension
    final LocalAws local = new LocalAws();

    private CheckResult run(CheckSpec spec) {
        return local.healthCheck().run(spec, local.context, ProgressListener.NONE, new Cancellation());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "SUCCEEDED, PASSED",
        "FAILED, FAILED",
        "TIMEOUT, FAILED",
        "ERROR, FAILED",
        "EXPIRED, FAILED",
        "STOPPED, FAILED",
        "SOME_FUTURE_STATE, FAILED"})
    void finalStates(String state, CheckStatus expected) {
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(100))
                .thenEnd(state, state.equals("SUCCEEDED") ? null : "Glue says " + state));
        CheckResult result = run(local.pythonShell("job.py", "print(1)\n").build());

        assertThat(result.status()).isEqualTo(expected);
        assertThat(result.state()).isEqualTo(state);
        if (!state.equals("SUCCEEDED")) {
            assertThat(result.errorMessage()).isEqualTo("Glue says " + state);
        }
        if (state.equals("SOME_FUTURE_STATE")) {
            assertThat(result.reason()).contains("does not know").contains("SOME_FUTURE_STATE");
        }
        if (state.equals("STOPPED")) {
            assertThat(result.reason()).isEqualTo("the run was stopped by someone else");
        }
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void aQueuedRunKeepsWaitingAndReportsWhy() {
        LocalAws.Recorder events = new LocalAws.Recorder();
        local.endpoint.runScripts().forAllJobs(RunScript.builder()
                .waiting(Duration.ofMillis(400), "Waiting for worker capacity (FLEX)").running(Duration.ofMillis(100)).thenSucceed());
        CheckResult result = local.healthCheck().run(local.pythonShell("job.py", "print(1)\n").build(), local.context,
                events, new Cancellation());
        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(events.events).contains("state WAITING Waiting for worker capacity (FLEX)");
    }

    @Test
    void theDeadlineStopsTheRunAndFailsClearly() {
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ZERO).thenRunUntilStopped());
        Instant before = Instant.now();
        CheckResult result = run(local.pythonShell("slow.py", "print(1)\n").maxWait(Duration.ofSeconds(2)).build());

        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.reason()).startsWith("the run did not reach a final state within max_wait (2s); last state RUNNING")
                .endsWith("the run was stopped");
        assertThat(result.state()).isEqualTo("STOPPED");
        LocalState.Run run = local.endpoint.state().run(result.runId()).orElseThrow();
        assertThat(run.state()).isEqualTo("STOPPED");
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void gluesOwnTimeoutFailsTheCheck() {
        // minuteLength is 2 s in the fixture: a 1-minute Glue timeout ends this endless job after 2 s.
        CheckResult result = run(local.pythonShell("endless.py", "import time\nwhile True: time.sleep(0.1)\n")
                .timeoutMinutes(1).build());
        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.state()).isEqualTo("TIMEOUT");
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void aRunStuckInStoppingIsReportedAndTheJobStillDeleted() {
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ZERO).stuckInStoppingWhenStopped()
                .thenRunUntilStopped());
        CheckResult result = run(local.pythonShell("stuck.py", "print(1)\n").maxWait(Duration.ofSeconds(1)).build());
        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.cleanup()).extracting(CleanupStep::toString)
                .anyMatch(s -> s.startsWith("stop run: failed") && s.contains("still STOPPING"))
                .anyMatch(s -> s.startsWith("delete job: "));
    }
}
