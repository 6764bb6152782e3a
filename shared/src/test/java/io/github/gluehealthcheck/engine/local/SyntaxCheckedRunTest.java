package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.ExecutionClass;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.WorkerType;

/** Spark, Ray and streaming scripts cannot run locally: they are compiled, and the log says so. */
class SyntaxCheckedRunTest {

    private static final String SPARK_JOB = String.join("\n",
            "import sys",
            "from awsglue.context import GlueContext",
            "from pyspark.context import SparkContext",
            "glue_context = GlueContext(SparkContext.getOrCreate())",
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

    private String sparkJob(String name, String glueVersion, String source) {
        return aws.createJob(name, b -> b.glueVersion(glueVersion).workerType(WorkerType.G_1_X).numberOfWorkers(2)
                .command(c -> c.name("glueetl").scriptLocation(aws.putScript(name + ".py", source))));
    }

    @Test
    void aValidSparkScriptRunsForTheCheckedOnlyDurationThenSucceedsAndSaysItWasOnlyChecked() {
        String job = sparkJob("hc-spark", "5.0", SPARK_JOB);
        String runId = aws.startRun(job);

        JobRun running = aws.awaitRun(job, runId, r -> r.jobRunState() == JobRunState.RUNNING, Duration.ofSeconds(5));
        JobRun run = aws.awaitFinal(job, runId);

        assertThat(running.completedOn()).isNull();
        assertThat(run.jobRunState()).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(Duration.between(run.startedOn(), run.completedOn())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(run.logGroupName()).isEqualTo("/aws-glue/jobs");
        assertThat(run.maxCapacity()).isEqualTo(2.0);
        assertThat(aws.logMessages("/aws-glue/jobs/output", runId)).singleElement().asString()
                .contains("syntax-checked only").contains("not run").contains("s3://scripts/hc-spark.py");
        assertThat(aws.endpoint.state().logEvents("/aws-glue/jobs/output", runId))
                .allSatisfy(e -> assertThat(e.stream()).startsWith(runId));
    }

    @Test
    void aSparkScriptWithASyntaxErrorFailsWithTheCompileError() {
        String job = sparkJob("hc-broken", "5.0", "x = 1\ndef broken(:\n    pass\n");
        String runId = aws.startRun(job);

        JobRun run = aws.awaitFinal(job, runId);

        assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(run.errorMessage()).startsWith("SyntaxError:").endsWith("(s3://scripts/hc-broken.py, line 2)");
        // Glue 5.x: the script's stdout and stderr go to output, Glue's own (INFO) lines to error.
        assertThat(aws.logMessages("/aws-glue/jobs/output", runId)).first().asString().contains("syntax-checked only");
        assertThat(aws.logMessages("/aws-glue/jobs/output", runId)).last().asString().startsWith("SyntaxError");
        assertThat(aws.logMessages("/aws-glue/jobs/error", runId)).singleElement().asString().startsWith("INFO ");
    }

    @Test
    void glue4ScriptsWithContinuousLoggingStreamToLogsV2AndRepeatTheLinesInOutput() {
        String job = aws.createJob("hc-glue4", b -> b.glueVersion("4.0").workerType(WorkerType.G_1_X).numberOfWorkers(2)
                .defaultArguments(java.util.Map.of("--enable-continuous-cloudwatch-log", "true"))
                .command(c -> c.name("glueetl").scriptLocation(aws.putScript("hc-glue4.py", SPARK_JOB))));
        String runId = aws.startRun(job);

        aws.awaitFinal(job, runId);

        var events = aws.endpoint.state().logEvents("/aws-glue/jobs/logs-v2", runId);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.stream()).isEqualTo(runId + "-driver");
            assertThat(e.message()).contains("syntax-checked only");
        });
        assertThat(aws.logMessages("/aws-glue/jobs/output", runId)).singleElement().asString().contains("syntax-checked only");
    }

    @Test
    void glue4ScriptsWithoutContinuousLoggingWriteOutputOnly() {
        String job = sparkJob("hc-glue4-plain", "4.0", SPARK_JOB);
        String runId = aws.startRun(job);

        aws.awaitFinal(job, runId);

        assertThat(aws.logMessages("/aws-glue/jobs/output", runId)).singleElement().asString().contains("syntax-checked only");
        assertThat(aws.endpoint.state().logGroups()).doesNotContain("/aws-glue/jobs/logs-v2");
    }

    @Test
    void rayAndStreamingScriptsAreCheckedToo() {
        String ray = aws.createJob("hc-ray", b -> b.glueVersion("4.0").workerType("Z.2X").numberOfWorkers(2)
                .command(c -> c.name("glueray").runtime("Ray2.4").scriptLocation(aws.putScript("ray.py", "import ray\n"))));
        String streaming = aws.createJob("hc-stream", b -> b.glueVersion("5.0").workerType(WorkerType.G_1_X)
                .numberOfWorkers(2).command(c -> c.name("gluestreaming")
                        .scriptLocation(aws.putScript("stream.py", "def broken(\n"))));

        assertThat(aws.awaitFinal(ray, aws.startRun(ray)).jobRunState()).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(aws.awaitFinal(streaming, aws.startRun(streaming)).jobRunState()).isEqualTo(JobRunState.FAILED);
    }

    @Test
    void aFlexRunReportsItsExecutionClassAndDpuSeconds() {
        String job = aws.createJob("hc-flex", b -> b.glueVersion("5.0").workerType(WorkerType.G_2_X)
                .numberOfWorkers(2).executionClass(ExecutionClass.FLEX)
                .command(c -> c.name("glueetl").scriptLocation(aws.putScript("flex.py", SPARK_JOB))));

        JobRun run = aws.awaitFinal(job, aws.startRun(job));

        assertThat(run.executionClass()).isEqualTo(ExecutionClass.FLEX);
        assertThat(run.dpuSeconds()).isEqualTo(run.executionTime() * 4.0);
        assertThat(run.workerType()).isEqualTo(WorkerType.G_2_X);
        assertThat(run.numberOfWorkers()).isEqualTo(2);
    }

    @Test
    void aRunStoppedWhileRunningAfterItsCheckIsStopped() {
        aws.close();
        aws = LocalAws.start(LocalAws.fast().checkedOnlyRunDuration(Duration.ofSeconds(30)).build(), false);
        String job = sparkJob("hc-stop-spark", "5.0", SPARK_JOB);
        String runId = aws.startRun(job);
        LocalAws.await("the check to be logged", Duration.ofSeconds(5),
                () -> !aws.logMessages("/aws-glue/jobs/output", runId).isEmpty());

        aws.glue.batchStopJobRun(b -> b.jobName(job).jobRunIds(runId));

        assertThat(aws.awaitFinal(job, runId).jobRunState()).isEqualTo(JobRunState.STOPPED);
    }
}
