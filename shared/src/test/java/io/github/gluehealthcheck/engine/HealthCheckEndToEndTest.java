package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import io.github.gluehealthcheck.engine.local.LocalState;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.JobType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A whole check through the real SDK against the local endpoint: verdict, logs, and nothing left behind. */
class HealthCheckEndToEndTest {
    @RegisterExtension
    final LocalAws local = new LocalAws();

    @Test
    void passingCheckRunsTheJobWithTheHealthCheckArgumentAndLeavesNothing() {
        LocalAws.Recorder events = new LocalAws.Recorder();
        CheckSpec spec = local.pythonShell("orders.py", """
                import sys
                print("health check mode:", "--health_check" in sys.argv and sys.argv[sys.argv.index("--health_check") + 1])
                print("rows processed: 10")
                """).build();

        CheckResult result = local.healthCheck().run(spec, local.context, events, new Cancellation());

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.state()).isEqualTo("SUCCEEDED");
        assertThat(result.jobName()).startsWith("glue-health-check-orders-etl-pr12-b34-");
        assertThat(events.messages()).contains("health check mode: true", "rows processed: 10");
        assertThat(result.cleanup()).extracting(CleanupStep::toString).anyMatch(s -> s.startsWith("delete job: done"))
                .anyMatch(s -> s.startsWith("delete staged script: done"));
        assertThat(local.leftovers()).isEmpty();
        assertThat(result.estimatedCostUsd()).isGreaterThan(0.0);
        assertThat(result.logsUrl()).contains("python-jobs");
        LocalState.Run run = local.endpoint.state().run(result.runId()).orElseThrow();
        assertThat(run.arguments()).containsEntry("--health_check", "true");
        assertThat(events.events).containsSubsequence("phase STAGE jobs/orders.py", "phase CREATE " + result.jobName(),
                "phase START with --health_check=true", "verdict PASSED");
    }

    @Test
    void failingCheckCarriesGluesErrorAndTheLastErrorLines() {
        LocalAws.Recorder events = new LocalAws.Recorder();
        CheckSpec spec = local.pythonShell("broken.py", """
                print("starting")
                raise ValueError("column 'amount' not found")
                """).build();

        CheckResult result = local.healthCheck().run(spec, local.context, events, new Cancellation());

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.state()).isEqualTo("FAILED");
        assertThat(result.errorMessage()).contains("ValueError: column 'amount' not found");
        assertThat(result.lastErrorLines()).anyMatch(l -> l.startsWith("Traceback"))
                .anyMatch(l -> l.contains("column 'amount' not found"));
        assertThat(events.messages()).contains("starting");
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void sparkScriptsAreOnlySyntaxCheckedOnTheLocalEndpointAndSaySo() {
        local.script("spark.py", "from pyspark.sql import SparkSession\nprint('never run here')\n");
        CheckSpec spec = CheckSpec.builder().workspace(local.workspace).script("jobs/spark.py").role(LocalAws.ROLE)
                .scriptsBucket(LocalAws.BUCKET).build();
        HealthCheck check = new HealthCheck(local.aws, LocalAws.fastOptions().localEndpoint(true).build());

        CheckResult result = check.run(spec, local.context, ProgressListener.NONE, new Cancellation());

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.checkedOnly()).isTrue();
        assertThat(result.estimatedCostUsd()).as("a compiled script did not run, so it has no cost").isNull();
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void sparkSyntaxErrorFails() {
        local.script("bad_spark.py", "def broken(:\n");
        CheckSpec spec = CheckSpec.builder().workspace(local.workspace).script("jobs/bad_spark.py").role(LocalAws.ROLE)
                .scriptsBucket(LocalAws.BUCKET).build();
        CheckResult result = local.healthCheck().run(spec, local.context, ProgressListener.NONE, new Cancellation());
        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.errorMessage()).containsIgnoringCase("syntax");
    }

    @Test
    void theJobIsCreatedWithCheapExplicitLimitsAndOurTags() {
        CheckSpec spec = local.pythonShell("orders.py", "print(1)\n").timeoutMinutes(3)
                .tags(java.util.Map.of("team", "data")).build();
        HealthCheck check = local.healthCheck();
        CheckHandle handle = check.begin(spec, local.context, ProgressListener.NONE);
        try {
            LocalState.Job job = local.endpoint.state().job(handle.jobName()).orElseThrow();
            assertThat(job.timeoutMinutes()).isEqualTo(3);
            assertThat(job.maxRetries()).isZero();
            assertThat(job.maxConcurrentRuns()).isEqualTo(1);
            assertThat(job.maxCapacity()).isEqualTo(0.0625);
            assertThat(job.workerType()).isNull();
            assertThat(job.tags()).containsEntry(OwnershipTags.MARKER, OwnershipTags.MARKER_VALUE)
                    .containsEntry(OwnershipTags.REPO, "data/etl").containsEntry(OwnershipTags.PULL_REQUEST, "12")
                    .containsEntry(OwnershipTags.BUILD, "34").containsEntry(OwnershipTags.CHECK_ID, handle.checkId())
                    .containsEntry("team", "data").containsKeys(OwnershipTags.CREATED_AT, OwnershipTags.EXPIRES_AT,
                            OwnershipTags.STAGED_SCRIPT);
            assertThat(job.scriptLocation()).startsWith("s3://ci-scripts/checks/data/etl/pr12/b34/" + handle.checkId() + "-")
                    .endsWith("/orders.py");
        } finally {
            check.cancel(handle, "test over", ProgressListener.NONE);
        }
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void aScriptAlreadyInS3IsUsedAsIsAndNotDeleted() {
        local.aws.s3().createBucket(b -> b.bucket("team-scripts"));
        local.aws.s3().putObject(r -> r.bucket("team-scripts").key("jobs/orders.py"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("print('from s3')\n"));
        CheckSpec spec = CheckSpec.builder().script("s3://team-scripts/jobs/orders.py").jobType(JobType.PYTHONSHELL)
                .role(LocalAws.ROLE).build();
        LocalAws.Recorder events = new LocalAws.Recorder();

        CheckResult result = local.healthCheck().run(spec, local.context, events, new Cancellation());

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(events.messages()).contains("from s3");
        assertThat(local.endpoint.requests().count("s3", "HeadObject")).isEqualTo(1);
        assertThat(local.endpoint.requests().count("s3", "PutObject")).isEqualTo(1); // only the test's own upload
        assertThat(local.endpoint.state().objectContent("team-scripts", "jobs/orders.py")).isPresent();
        assertThat(local.endpoint.state().jobs()).isEmpty();
    }

    @Test
    void aMissingS3ScriptIsAnErrorBeforeAnyJobIsCreated() {
        local.aws.s3().createBucket(b -> b.bucket("team-scripts"));
        CheckSpec spec = CheckSpec.builder().script("s3://team-scripts/jobs/nope.py").jobType(JobType.PYTHONSHELL)
                .role(LocalAws.ROLE).build();
        CheckResult result = local.healthCheck().run(spec, local.context, ProgressListener.NONE, new Cancellation());
        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.reason()).isEqualTo("could not stage the script s3://team-scripts/jobs/nope.py: "
                + "s3://team-scripts/jobs/nope.py does not exist");
        assertThat(local.endpoint.requests().count("glue", "CreateJob")).isZero();
    }

    @Test
    void theCallsOfAPassingCheckAreFewAndDeclared() {
        CheckSpec spec = local.pythonShell("orders.py", "print(1)\n").build();
        local.healthCheck().run(spec, local.context, ProgressListener.NONE, new Cancellation());
        List<String> mutating = local.endpoint.requests().all().stream()
                .filter(r -> !r.operation().equals("GetJobRun") && !r.operation().equals("FilterLogEvents"))
                .map(r -> r.service() + ":" + r.operation()).toList();
        assertThat(mutating).containsExactly("sts:GetCallerIdentity", "glue:CreateJob", "s3:PutObject",
                "glue:StartJobRun", "s3:DeleteObject", "glue:DeleteJob");
        List<String> declared = java.util.Arrays.stream(io.github.gluehealthcheck.engine.aws.AwsOperation.values())
                .map(o -> o.service() + ":" + o.operation()).toList();
        assertThat(local.endpoint.requests().all()).allSatisfy(r ->
                assertThat(declared).contains(r.service() + ":" + r.operation()));
    }
}
