package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.glue.model.BatchStopJobRunResponse;
import software.amazon.awssdk.services.glue.model.ConcurrentRunsExceededException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.ExecutionProperty;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.ResourceNumberLimitExceededException;

class PythonShellRunTest {

    private static final String OUTPUT = "/aws-glue/python-jobs/output";
    private static final String ERROR = "/aws-glue/python-jobs/error";

    private static final String HEALTH_CHECK_JOB = String.join("\n",
            "import sys",
            "from awsglue.utils import getResolvedOptions",
            "args = getResolvedOptions(sys.argv, ['JOB_NAME', 'health_check'])",
            "print('job', args['JOB_NAME'], 'health_check', args['health_check'])",
            "print('rows checked: 10')",
            "");

    private static final String SLEEPER = String.join("\n",
            "import time",
            "print('started', flush=True)",
            "time.sleep(60)",
            "");

    private LocalAws aws;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void aScriptThatPrintsAndExitsZeroSucceedsWithItsLinesReadableByRunId() {
        String job = aws.pythonShellJob("hc-ok", HEALTH_CHECK_JOB);
        String runId = aws.startRun(job, Map.of("--health_check", "true"));

        assertThat(runId).matches("jr_[0-9a-f]{64}");
        JobRun run = aws.awaitFinal(job, runId);

        assertThat(run.jobRunState()).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(run.errorMessage()).isNull();
        assertThat(run.startedOn()).isNotNull();
        assertThat(run.completedOn()).isAfterOrEqualTo(run.startedOn());
        assertThat(run.lastModifiedOn()).isEqualTo(run.completedOn());
        assertThat(run.executionTime()).isNotNull();
        assertThat(run.attempt()).isZero();
        assertThat(run.arguments()).containsEntry("--health_check", "true");
        assertThat(run.logGroupName()).isEqualTo("/aws-glue/python-jobs");
        assertThat(run.maxCapacity()).isEqualTo(0.0625);
        assertThat(run.glueVersion()).isEqualTo("3.0");

        FilterLogEventsResponse page = aws.logs.filterLogEvents(b -> b.logGroupName(OUTPUT)
                .logStreamNamePrefix(runId));
        assertThat(page.events()).extracting(FilteredLogEvent::message)
                .containsExactly("job hc-ok health_check true", "rows checked: 10");
        assertThat(page.events()).allSatisfy(e -> {
            assertThat(e.logStreamName()).isEqualTo(runId);
            assertThat(e.eventId()).isNotBlank();
            assertThat(e.timestamp()).isPositive();
            assertThat(e.ingestionTime()).isGreaterThanOrEqualTo(e.timestamp());
        });
        // Nothing went to stderr, so the error group was never created.
        assertThatThrownBy(() -> aws.logs.filterLogEvents(b -> b.logGroupName(ERROR).logStreamNamePrefix(runId)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void theScriptGetsDefaultArgumentsOverlaidWithRunArgumentsThenJobNameAndRunId() {
        String job = aws.createJob("hc-args", b -> b
                .command(c -> c.name("pythonshell").scriptLocation(aws.putScript("args.py",
                        "import sys\nprint(' '.join(sys.argv[1:]))\n")))
                .maxCapacity(0.0625)
                .defaultArguments(Map.of("--mode_of_job", "full", "--keep", "default")));
        String runId = aws.startRun(job, Map.of("--mode_of_job", "sample"));

        assertThat(aws.awaitFinal(job, runId).jobRunState()).isEqualTo(JobRunState.SUCCEEDED);
        List<String> argv = List.of(aws.logMessages(OUTPUT, runId).get(0).split(" "));
        assertThat(argv).containsSubsequence("--mode_of_job", "sample");
        assertThat(argv).containsSubsequence("--keep", "default");
        assertThat(argv.subList(argv.size() - 4, argv.size()))
                .containsExactly("--JOB_NAME", "hc-args", "--JOB_RUN_ID", runId);
        assertThat(aws.endpoint.state().run(runId).orElseThrow().scriptArguments()).isEqualTo(argv);
    }

    @Test
    void aScriptThatRaisesFailsWithTheExceptionAsErrorMessage() {
        String job = aws.pythonShellJob("hc-raise", "print('before')\nraise Exception('table orders is empty')\n");
        String runId = aws.startRun(job);

        JobRun run = aws.awaitFinal(job, runId);

        assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(run.errorMessage()).isEqualTo("Exception: table orders is empty");
        assertThat(run.completedOn()).isNotNull();
        assertThat(aws.logMessages(OUTPUT, runId)).containsExactly("before");
        assertThat(aws.logMessages(ERROR, runId)).first().asString().startsWith("Traceback");
        assertThat(aws.logMessages(ERROR, runId)).last().isEqualTo("Exception: table orders is empty");
    }

    @Test
    void aMissingRequiredArgumentFailsAsGlueDoes() {
        String job = aws.pythonShellJob("hc-missing-arg",
                "import sys\nfrom awsglue.utils import getResolvedOptions\ngetResolvedOptions(sys.argv, ['table'])\n");

        JobRun run = aws.awaitFinal(job, aws.startRun(job));

        assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(run.errorMessage())
                .isEqualTo("awsglue.utils.GlueArgumentError: the following arguments are required: --table");
    }

    @Test
    void aMissingScriptObjectFailsWithAClearMessage() {
        String job = aws.createJob("hc-no-script", b -> b.maxCapacity(0.0625)
                .command(c -> c.name("pythonshell").scriptLocation("s3://scripts/not-uploaded.py")));
        aws.putScript("something-else.py", "print(1)");

        JobRun run = aws.awaitFinal(job, aws.startRun(job));

        assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(run.errorMessage()).contains("s3://scripts/not-uploaded.py").contains("NoSuchKey");
    }

    @Test
    void theJobTimeoutKillsTheScriptAndEndsTheRunAsTimeout() {
        // One Glue minute lasts 1 s here.
        String job = aws.createJob("hc-slow", b -> b.maxCapacity(0.0625).timeout(1)
                .command(c -> c.name("pythonshell").scriptLocation(aws.putScript("slow.py", SLEEPER))));
        String runId = aws.startRun(job);

        JobRun run = aws.awaitFinal(job, runId);

        assertThat(run.jobRunState()).isEqualTo(JobRunState.TIMEOUT);
        assertThat(run.errorMessage()).contains("timed out");
        assertThat(run.timeout()).isEqualTo(1);
        assertThat(Duration.between(run.startedOn(), run.completedOn())).isBetween(Duration.ofMillis(900),
                Duration.ofSeconds(5));
        assertThat(aws.endpoint.pythonProcesses()).isEmpty();
    }

    @Test
    void batchStopStopsARunningScriptAndReportsOtherRunsAsErrors() {
        String job = aws.pythonShellJob("hc-stop", SLEEPER);
        // A run that has already ended (stopped while STARTING), so that its stop is refused below.
        String finished = aws.startRun(job);
        aws.glue.batchStopJobRun(b -> b.jobName(job).jobRunIds(finished));
        assertThat(aws.awaitFinal(job, finished).jobRunState()).isEqualTo(JobRunState.STOPPED);
        String runId = aws.startRun(job);
        LocalAws.await("the script to print", Duration.ofSeconds(10),
                () -> aws.logMessages(OUTPUT, runId).contains("started"));
        ProcessHandle python = aws.endpoint.pythonProcesses().get(0);

        BatchStopJobRunResponse response = aws.glue.batchStopJobRun(b -> b.jobName(job)
                .jobRunIds(runId, "jr_" + "f".repeat(64), finished));

        assertThat(response.successfulSubmissions()).singleElement()
                .satisfies(s -> assertThat(s.jobRunId()).isEqualTo(runId));
        assertThat(response.errors()).hasSize(2);
        assertThat(response.errors()).anySatisfy(e -> {
            assertThat(e.jobRunId()).isEqualTo("jr_" + "f".repeat(64));
            assertThat(e.errorDetail().errorCode()).isEqualTo("EntityNotFoundException");
        });
        assertThat(response.errors()).anySatisfy(e -> {
            assertThat(e.jobRunId()).isEqualTo(finished);
            assertThat(e.errorDetail().errorMessage()).contains("STOPPED");
        });
        JobRun run = aws.awaitFinal(job, runId);
        assertThat(run.jobRunState()).isEqualTo(JobRunState.STOPPED);
        LocalAws.await("python to die", Duration.ofSeconds(5), () -> !python.isAlive());
    }

    @Test
    void startingBeyondMaxConcurrentRunsIsConcurrentRunsExceeded() {
        String job = aws.createJob("hc-busy", b -> b.maxCapacity(0.0625)
                .executionProperty(ExecutionProperty.builder().maxConcurrentRuns(1).build())
                .command(c -> c.name("pythonshell").scriptLocation(aws.putScript("busy.py", SLEEPER))));
        String first = aws.startRun(job);

        assertThatThrownBy(() -> aws.startRun(job)).isInstanceOf(ConcurrentRunsExceededException.class);

        aws.glue.batchStopJobRun(b -> b.jobName(job).jobRunIds(first));
        aws.awaitFinal(job, first);
        String third = aws.startRun(job);
        assertThat(aws.run(job, third).jobRunState()).isIn(JobRunState.STARTING, JobRunState.RUNNING);
    }

    @Test
    void theAccountWideRunLimitIsResourceNumberLimitExceeded() {
        aws.close();
        aws = LocalAws.start(LocalAws.fast().maxConcurrentRunsPerAccount(1).build(), false);
        String a = aws.pythonShellJob("hc-a", SLEEPER);
        String b = aws.pythonShellJob("hc-b", SLEEPER);
        aws.startRun(a);

        assertThatThrownBy(() -> aws.startRun(b)).isInstanceOf(ResourceNumberLimitExceededException.class);
    }

    @Test
    void getJobRunsListsNewestFirstInPages() {
        String job = aws.createJob("hc-many", b -> b.maxCapacity(0.0625)
                .executionProperty(ExecutionProperty.builder().maxConcurrentRuns(5).build())
                .command(c -> c.name("pythonshell").scriptLocation(aws.putScript("many.py", "print(1)\n"))));
        String r1 = aws.startRun(job);
        String r2 = aws.startRun(job);
        String r3 = aws.startRun(job);

        var first = aws.glue.getJobRuns(b -> b.jobName(job).maxResults(2));
        assertThat(first.jobRuns()).extracting(JobRun::id).containsExactly(r3, r2);
        var second = aws.glue.getJobRuns(b -> b.jobName(job).maxResults(2).nextToken(first.nextToken()));
        assertThat(second.jobRuns()).extracting(JobRun::id).containsExactly(r1);
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void deletingAJobStopsItsActiveRuns() {
        String job = aws.pythonShellJob("hc-deleted", SLEEPER);
        String runId = aws.startRun(job);
        LocalAws.await("the script to print", Duration.ofSeconds(10),
                () -> aws.logMessages(OUTPUT, runId).contains("started"));

        aws.glue.deleteJob(b -> b.jobName(job));

        LocalAws.await("the run to stop", Duration.ofSeconds(5),
                () -> aws.endpoint.state().run(runId).orElseThrow().state().equals("STOPPED"));
        assertThat(aws.endpoint.pythonProcesses()).isEmpty();
        assertThatThrownBy(() -> aws.run(job, runId)).isInstanceOf(EntityNotFoundException.class);
    }
}
