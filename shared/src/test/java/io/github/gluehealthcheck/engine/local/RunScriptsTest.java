package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.BatchStopJobRunResponse;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

class RunScriptsTest {

    private static final Duration MS_100 = Duration.ofMillis(100);

    private LocalAws aws;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private String job(String name) {
        return aws.pythonShellJob(name, "print('the real script ran')\n");
    }

    /** Every state GetJobRun reported while polling until the run ended. */
    private List<String> statesUntilFinal(String job, String runId) {
        List<String> seen = new ArrayList<>();
        aws.awaitRun(job, runId, r -> {
            String state = r.jobRunStateAsString();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
                seen.add(state);
            }
            return LocalAws.FINAL_STATES.contains(state);
        }, Duration.ofSeconds(10));
        return seen;
    }

    @Test
    void aScriptedRunPassesThroughItsStatesAndEndsExpired() {
        aws.endpoint.runScripts().forJobsMatching(name -> name.contains("expired"), RunScript.builder()
                .starting(Duration.ofMillis(150)).running(Duration.ofMillis(250))
                .thenEnd("EXPIRED", "Job run expired before capacity was available"));
        String job = job("hc-expired");
        String runId = aws.startRun(job);

        assertThat(statesUntilFinal(job, runId)).containsExactly("STARTING", "RUNNING", "EXPIRED");
        JobRun run = aws.run(job, runId);
        assertThat(run.jobRunState()).isEqualTo(JobRunState.EXPIRED);
        assertThat(run.errorMessage()).isEqualTo("Job run expired before capacity was available");
        assertThat(run.completedOn()).isNotNull();
        assertThat(aws.logMessages("/aws-glue/python-jobs/output", runId)).isEmpty();
    }

    @Test
    void aStateTheSdkDoesNotKnowArrivesAsUnknownToSdkVersion() {
        aws.endpoint.runScripts().forJob("hc-future", RunScript.builder().running(MS_100)
                .thenEnd("SOME_FUTURE_STATE", null));
        String job = job("hc-future");

        JobRun run = aws.awaitFinal(job, aws.startRun(job));

        assertThat(run.jobRunState()).isEqualTo(JobRunState.UNKNOWN_TO_SDK_VERSION);
        assertThat(run.jobRunStateAsString()).isEqualTo("SOME_FUTURE_STATE");
    }

    @Test
    void aWaitingRunCarriesItsStateDetail() {
        aws.endpoint.runScripts().forJob("hc-flex-queue", RunScript.builder()
                .waiting(Duration.ofSeconds(10), "Waiting for capacity: FLEX workers are not available")
                .thenSucceed());
        String job = job("hc-flex-queue");
        String runId = aws.startRun(job);

        JobRun waiting = aws.awaitRun(job, runId, r -> r.jobRunState() == JobRunState.WAITING, Duration.ofSeconds(5));

        assertThat(waiting.stateDetail()).isEqualTo("Waiting for capacity: FLEX workers are not available");
        assertThat(waiting.completedOn()).isNull();
    }

    @Test
    void aRunStuckInStoppingNeverReachesStoppedAndCannotBeStoppedAgain() {
        aws.endpoint.runScripts().forJob("hc-stuck", RunScript.builder().running(Duration.ZERO)
                .stuckInStoppingWhenStopped().thenRunUntilStopped());
        String job = job("hc-stuck");
        String runId = aws.startRun(job);
        aws.awaitRun(job, runId, r -> r.jobRunState() == JobRunState.RUNNING, Duration.ofSeconds(5));

        aws.glue.batchStopJobRun(b -> b.jobName(job).jobRunIds(runId));
        LocalAws.sleep(Duration.ofMillis(400));

        assertThat(aws.run(job, runId).jobRunState()).isEqualTo(JobRunState.STOPPING);
        assertThat(aws.endpoint.state().run(runId).orElseThrow().active()).isTrue();
        BatchStopJobRunResponse again = aws.glue.batchStopJobRun(b -> b.jobName(job).jobRunIds(runId));
        assertThat(again.successfulSubmissions()).isEmpty();
        assertThat(again.errors()).singleElement()
                .satisfies(e -> assertThat(e.errorDetail().errorMessage()).contains("STOPPING"));
    }

    @Test
    void stoppingCanTakeAWhileBeforeStopped() {
        aws.endpoint.runScripts().forJob("hc-slow-stop", RunScript.builder().stoppingTakes(Duration.ofMillis(400))
                .thenRunUntilStopped());
        String job = job("hc-slow-stop");
        String runId = aws.startRun(job);
        aws.awaitRun(job, runId, r -> r.jobRunState() == JobRunState.RUNNING, Duration.ofSeconds(5));

        aws.glue.batchStopJobRun(b -> b.jobName(job).jobRunIds(runId));

        assertThat(statesUntilFinal(job, runId)).containsExactly("STOPPING", "STOPPED");
        JobRun run = aws.run(job, runId);
        assertThat(Duration.between(run.startedOn(), run.completedOn())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aRunThatRunsUntilStoppedIsEndedByTheJobTimeout() {
        aws.endpoint.runScripts().forJob("hc-forever", RunScript.builder().thenRunUntilStopped());
        String job = aws.createJob("hc-forever", b -> b.maxCapacity(0.0625).timeout(1)
                .command(c -> c.name("pythonshell").scriptLocation("s3://scripts/forever.py")));

        JobRun run = aws.awaitFinal(job, aws.startRun(job));

        assertThat(run.jobRunState()).isEqualTo(JobRunState.TIMEOUT);
    }

    @Test
    void scriptedLogLinesGoToTheRunsOutputAndErrorStreams() {
        aws.endpoint.runScripts().forJob("hc-logs", RunScript.builder()
                .running(Duration.ofMillis(50))
                .logOutput("reading 10 rows", "wrote 10 rows")
                .logError("Traceback (most recent call last):", "Exception: boom")
                .thenFail("Exception: boom"));
        String job = job("hc-logs");
        String runId = aws.startRun(job);

        assertThat(aws.awaitFinal(job, runId).errorMessage()).isEqualTo("Exception: boom");
        assertThat(aws.logMessages("/aws-glue/python-jobs/output", runId))
                .containsExactly("reading 10 rows", "wrote 10 rows");
        assertThat(aws.logMessages("/aws-glue/python-jobs/error", runId))
                .containsExactly("Traceback (most recent call last):", "Exception: boom");
    }

    @Test
    void afterItsStepsAScriptCanRunTheJobNormally() {
        aws.endpoint.runScripts().forJob("hc-queued-then-real", RunScript.builder()
                .waiting(Duration.ofMillis(150), "queued").thenRunNormally());
        String job = job("hc-queued-then-real");
        String runId = aws.startRun(job);

        assertThat(statesUntilFinal(job, runId)).containsSubsequence("WAITING", "RUNNING", "SUCCEEDED");
        assertThat(aws.logMessages("/aws-glue/python-jobs/output", runId)).containsExactly("the real script ran");
    }

    @Test
    void scriptsApplyToRunsStartedAfterwardsTheLatestWinsAndClearRestoresNormalRuns() {
        String job = job("hc-order");
        aws.endpoint.runScripts().forAllJobs(RunScript.builder().thenFail("first script"));
        aws.endpoint.runScripts().forJobsContaining("order", RunScript.builder().thenFail("second script"));

        assertThat(aws.awaitFinal(job, aws.startRun(job)).errorMessage()).isEqualTo("second script");

        aws.endpoint.runScripts().clear();
        assertThat(aws.awaitFinal(job, aws.startRun(job)).jobRunState()).isEqualTo(JobRunState.SUCCEEDED);
    }

    @Test
    void aScriptReadsAsWhatItDoes() {
        RunScript script = RunScript.builder().starting(MS_100).waiting(MS_100, "q").running(MS_100)
                .logOutput("x").stuckInStoppingWhenStopped().thenEnd("expired", null);

        assertThat(script).hasToString(
                "RunScript[STARTING 100ms, WAITING 100ms, RUNNING 100ms, output x1, then EXPIRED, stuck in STOPPING]");
    }
}
