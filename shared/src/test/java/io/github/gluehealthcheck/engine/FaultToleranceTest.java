package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.local.ErrorKind;
import io.github.gluehealthcheck.engine.local.FaultRule;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Throttling storms, 5xx bursts, Glue's concurrency limits and lost answers: survived; persistent failures: reported. */
class FaultToleranceTest {
    @RegisterExtension
    final LocalAws local = new LocalAws();

    private CheckResult run() {
        return run(LocalAws.fastOptions().build());
    }

    private CheckResult run(EngineOptions options) {
        CheckSpec spec = local.pythonShell("job.py", "print('ok')\n").build();
        return new HealthCheck(local.aws, options).run(spec, local.context, ProgressListener.NONE, new Cancellation());
    }

    @Test
    void aThrottlingStormOnEveryGlueCallIsSurvived() {
        // Six throttles in a row on whatever Glue call comes next: the SDK's adaptive mode slows down, then recovers.
        local.endpoint.faults().add(FaultRule.on("glue", "*").error(ErrorKind.THROTTLING).times(6));
        CheckResult result = run(LocalAws.fastOptions().stepRetryBudget(Duration.ofSeconds(60)).build());
        assertThat(result.status()).as(result.reason()).isEqualTo(CheckStatus.PASSED);
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void fiveHundredsAndResetsArePassedThrough() {
        local.endpoint.faults().add(FaultRule.on("glue", "GetJobRun").error(ErrorKind.INTERNAL_ERROR).times(6));
        local.endpoint.faults().add(FaultRule.on("s3", "PutObject").error(ErrorKind.SERVICE_UNAVAILABLE).times(4));
        local.endpoint.faults().add(FaultRule.on("logs", "*").error(ErrorKind.CONNECTION_RESET).times(3));
        assertThat(run().status()).isEqualTo(CheckStatus.PASSED);
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void concurrentRunsExceededIsRetriedWithoutStartingTwoRuns() {
        local.endpoint.faults().add(FaultRule.on("glue", "StartJobRun").error(ErrorKind.CONCURRENT_RUNS_EXCEEDED).times(3));
        local.endpoint.faults().add(FaultRule.on("glue", "StartJobRun").error(ErrorKind.RESOURCE_NUMBER_LIMIT_EXCEEDED).times(2));
        CheckResult result = run();
        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(local.endpoint.state().runs()).hasSize(1);
    }

    @Test
    void aStartWhoseAnswerWasLostIsAdoptedNotRepeated() {
        // The run starts, then the connection drops before the answer: the retry must use that run, not start another.
        local.endpoint.faults().add(FaultRule.on("glue", "StartJobRun").error(ErrorKind.CONNECTION_RESET).afterHandling().once());
        CheckResult result = run();
        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(local.endpoint.state().runs()).hasSize(1);
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void aCreateWhoseAnswerWasLostIsAdoptedByItsCheckId() {
        local.endpoint.faults().add(FaultRule.on("glue", "CreateJob").error(ErrorKind.CONNECTION_RESET).afterHandling().once());
        CheckResult result = run();
        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(local.endpoint.requests().count("glue", "GetTags")).isGreaterThanOrEqualTo(1);
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void createJobFailingForeverIsAnErrorNotAHangAndCleansTheScript() {
        local.endpoint.faults().add(FaultRule.on("glue", "CreateJob").error(ErrorKind.INTERNAL_ERROR).always());
        Instant before = Instant.now();
        CheckResult result = run(LocalAws.fastOptions().stepRetryBudget(Duration.ofSeconds(2)).build());
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.reason()).startsWith("could not create the job: ");
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void accessDeniedIsAnErrorWithTheCodeNamed() {
        local.endpoint.faults().add(FaultRule.on("glue", "StartJobRun").error(ErrorKind.ACCESS_DENIED).always());
        CheckResult result = run();
        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.reason()).startsWith("could not start the run: glue:StartJobRun was denied (AccessDeniedException");
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void statusReadsThatNeverSucceedEndAtTheDeadline() {
        local.endpoint.faults().add(FaultRule.on("glue", "GetJobRun").error(ErrorKind.THROTTLING).always());
        CheckSpec spec = local.pythonShell("job.py", "print('ok')\n").maxWait(Duration.ofSeconds(3)).build();
        Instant before = Instant.now();
        CheckResult result = local.healthCheck().run(spec, local.context, ProgressListener.NONE, new Cancellation());
        // max_wait (3 s), then a bounded status read, the stop wait of cleanup (2 s here) and the deletes, all
        // slowed by the SDK's adaptive rate limiting, which spaces calls out after sustained throttling.
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(20));
        assertThat(result.status()).isNotEqualTo(CheckStatus.PASSED);
        assertThat(local.endpoint.state().jobs()).isEmpty();
    }

    @Test
    void anOutageStartingAtCreateJobIsRiddenOut() {
        local.endpoint.faults().add(FaultRule.on("glue", "CreateJob").outage(Duration.ofSeconds(3)).once());
        CheckResult result = run(LocalAws.fastOptions().stepRetryBudget(Duration.ofSeconds(30)).build());
        assertThat(result.status()).as(result.reason()).isEqualTo(CheckStatus.PASSED);
        assertThat(local.endpoint.requests().count("glue", "CreateJob")).isGreaterThanOrEqualTo(2);
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void theEndpointDisappearingForAWhileIsRiddenOut() throws Exception {
        CheckSpec spec = local.pythonShell("job.py", "import time\ntime.sleep(1)\nprint('ok')\n").build();
        HealthCheck check = local.healthCheck();
        CheckHandle handle = check.begin(spec, local.context, ProgressListener.NONE);
        local.endpoint.faults().pause(Duration.ofSeconds(2));
        PollOutcome outcome;
        do {
            outcome = check.poll(handle, ProgressListener.NONE);
            handle = outcome.handle();
            Thread.sleep(outcome.nextPoll().toMillis());
        } while (!outcome.done());
        assertThat(check.finish(handle, ProgressListener.NONE).status()).isEqualTo(CheckStatus.PASSED);
        assertThat(local.leftovers()).isEmpty();
    }
}
