package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gluehealthcheck.engine.glue.BaseJobs;
import io.github.gluehealthcheck.engine.local.LocalEndpointOptions;
import io.github.gluehealthcheck.engine.local.LocalState;
import io.github.gluehealthcheck.engine.local.RecordedRequest;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code base_job}: the temporary job is a copy of a deployed job, with the script under test and the check's rules. */
class BaseJobTest {

    static final String DEPLOYED_ROLE = "arn:aws:iam::123456789012:role/orders-glue";
    static final String ORDERS = """
            {"Name":"orders-nightly","Role":"%s",
             "Command":{"Name":"pythonshell","ScriptLocation":"s3://deploy/orders.py","PythonVersion":"3.9"},
             "GlueVersion":"3.0","MaxCapacity":1.0,"Timeout":600,"MaxRetries":3,
             "DefaultArguments":{"--job-bookmark-option":"job-bookmark-enable","--env":"prod","--batch":"500",
               "--TempDir":"s3://deploy-tmp/orders/"},
             "NonOverridableArguments":{"--region_lock":"eu"},
             "NotificationProperty":{"NotifyDelayAfter":7},
             "Connections":{"Connections":["orders-db"]},"SecurityConfiguration":"orders-sec",
             "Tags":{"team":"orders"}}""".formatted(DEPLOYED_ROLE);

    @TempDir
    Path workspace;

    private LocalAws local;

    private void start(String... deployed) {
        LocalEndpointOptions.Builder options = LocalAws.fastEndpoint().toBuilder();
        for (String d : deployed) {
            options.deployedJob(d);
        }
        local = new LocalAws(workspace, options.build(), LocalAws.fastConnection());
    }

    @AfterEach
    void stop() {
        if (local != null) {
            local.close();
        }
    }

    private CheckSpec.Builder spec(String baseJob) throws Exception {
        Files.createDirectories(workspace.resolve("jobs"));
        Files.writeString(workspace.resolve("jobs/orders.py"), """
                import sys
                print("env", sys.argv[sys.argv.index("--env") + 1], "batch", sys.argv[sys.argv.index("--batch") + 1])
                """);
        return CheckSpec.builder().workspace(workspace).script("jobs/orders.py").scriptsBucket(LocalAws.BUCKET)
                .baseJob(baseJob);
    }

    @Test
    void theTemporaryJobCopiesTheDeployedDefinitionRunsTheScriptUnderTestAndLeavesTheDeployedJobAlone() throws Exception {
        start(ORDERS);
        String before = local.endpoint.state().job("orders-nightly").orElseThrow().definitionJson();
        CheckSpec given = spec("orders-nightly").arguments(Map.of("--batch", "5")).build();
        LocalAws.Recorder events = new LocalAws.Recorder();

        CheckResult result = local.healthCheck().run(given, local.context, events, new Cancellation());

        assertThat(result.status()).as(result.reason()).isEqualTo(CheckStatus.PASSED);
        assertThat(events.messages()).contains("env prod batch 5");
        // The temporary job as CreateJob received it: the deployed definition, the check's own rules on top.
        RecordedRequest create = local.endpoint.requests().all().stream()
                .filter(r -> "CreateJob".equals(r.operation())).findFirst().orElseThrow();
        assertThat(create.jobName()).isEqualTo(result.jobName()).isNotEqualTo("orders-nightly");
        LocalState.Run run = local.endpoint.state().run(result.runId()).orElseThrow();
        assertThat(run.timeoutMinutes()).isEqualTo(CheckSpec.DEFAULT_TIMEOUT_MINUTES);
        assertThat(run.scriptArguments()).containsSubsequence("--job-bookmark-option", "job-bookmark-disable")
                .containsSubsequence("--env", "prod").containsSubsequence("--TempDir", "s3://deploy-tmp/orders/")
                .contains("--health_check");
        assertThat(result.baseJob().copied()).contains("job_type", "role", "glue_version", "max_capacity",
                "connections", "security_configuration", "temp_dir", "arguments --env");
        assertThat(result.baseJob().overridden()).containsExactlyInAnyOrder("arguments --batch",
                "arguments --job-bookmark-option");
        assertThat(events.events).anyMatch(e -> e.contains("a copy of deployed job orders-nightly (only read): copied ")
                && e.contains("overridden arguments --batch"));
        // Only read: same definition, and no call but GetJob named it.
        assertThat(local.endpoint.state().job("orders-nightly").orElseThrow().definitionJson()).isEqualTo(before);
        assertThat(local.endpoint.requests().all()).filteredOn(r -> "orders-nightly".equals(r.jobName()))
                .extracting(RecordedRequest::operation).containsOnly("GetJob");
        // The deployed job stays; nothing of the check does.
        assertThat(local.leftovers()).containsExactly("job orders-nightly");
    }

    @Test
    void whatTheCreateJobRequestCarries() throws Exception {
        start(ORDERS);
        CheckSpec copy = BaseJobs.resolve(local.aws.glue(), "us-east-1", List.of(spec("orders-nightly")
                .timeoutMinutes(3).build()), Redactor.NONE).get(0);

        var request = io.github.gluehealthcheck.engine.glue.JobDefinition.createJobRequest(copy, "hc-x",
                io.github.gluehealthcheck.engine.spec.S3Uri.parse("s3://bucket-x/x.py").uri(), "d", Map.of("o", "1"));

        assertThat(request.role()).isEqualTo(DEPLOYED_ROLE);
        assertThat(request.command().name()).isEqualTo("pythonshell");
        assertThat(request.command().pythonVersion()).isEqualTo("3.9");
        assertThat(request.maxCapacity()).isEqualTo(1.0);
        assertThat(request.timeout()).isEqualTo(3);
        assertThat(request.maxRetries()).isZero();
        assertThat(request.nonOverridableArguments()).containsEntry("--region_lock", "eu");
        assertThat(request.notificationProperty().notifyDelayAfter()).isEqualTo(7);
        assertThat(request.connections().connections()).containsExactly("orders-db");
        assertThat(request.securityConfiguration()).isEqualTo("orders-sec");
        assertThat(request.tags()).doesNotContainKey("team");
        assertThat(request.defaultArguments()).containsEntry("--job-bookmark-option", "job-bookmark-disable");
    }

    @Test
    void explicitSettingsOverrideAndTheUsersBookmarkChoiceStands() throws Exception {
        start(ORDERS);
        CheckSpec copy = BaseJobs.resolve(local.aws.glue(), "us-east-1", List.of(spec("orders-nightly")
                .role("glue-ci").maxCapacity(0.0625).arguments(Map.of("job-bookmark-option", "job-bookmark-pause"))
                .build()), Redactor.NONE).get(0);

        assertThat(copy.role()).isEqualTo("glue-ci");
        assertThat(copy.maxCapacity()).isEqualTo(0.0625);
        assertThat(copy.arguments()).containsEntry("--job-bookmark-option", "job-bookmark-pause");
        assertThat(copy.baseJobCopy().overridden()).contains("role", "max_capacity", "arguments --job-bookmark-option");
    }

    @Test
    void aMissingBaseJobIsASettingsErrorAndNothingIsCreated() throws Exception {
        start(ORDERS);
        CheckSpec given = spec("orders-nightly-typo").build();

        assertThatThrownBy(() -> BaseJobs.resolve(local.aws.glue(), "us-east-1", List.of(given), Redactor.NONE))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("base_job").hasMessageContaining("'orders-nightly-typo' is not a Glue job in us-east-1");
        CheckResult result = local.healthCheck().run(given, local.context, ProgressListener.NONE, new Cancellation());
        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(local.endpoint.requests().all()).extracting(RecordedRequest::operation)
                .doesNotContain("CreateJob", "PutObject");
    }

    @Test
    void aDeployedJobWhoseCopyBreaksTheRulesIsNamedWithTheRule() throws Exception {
        start("""
                {"Name":"streaming","Role":"r","Command":{"Name":"gluestreaming","ScriptLocation":"s3://d/s.py"}}""",
                """
                {"Name":"shell","Role":"r","Command":{"Name":"pythonshell","ScriptLocation":"s3://d/s.py"},
                 "GlueVersion":"3.0","MaxCapacity":0.0625}""");

        assertThatThrownBy(() -> BaseJobs.resolve(local.aws.glue(), "us-east-1",
                List.of(spec("streaming").build(), spec("shell").jobName("shell").workerType("G.1X").build()),
                Redactor.NONE))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("'streaming' runs gluestreaming jobs")
                .hasMessageContaining("'shell' cannot be copied: worker_type");
    }

    @Test
    void aRefusedReadIsNotASettingsError() throws Exception {
        start(ORDERS);
        local.endpoint.faults().add(io.github.gluehealthcheck.engine.local.FaultRule.on("glue", "GetJob")
                .error(io.github.gluehealthcheck.engine.local.ErrorKind.ACCESS_DENIED));
        CheckSpec given = spec("orders-nightly").build();

        assertThatThrownBy(() -> BaseJobs.resolve(local.aws.glue(), "us-east-1", List.of(given), Redactor.NONE))
                .isInstanceOf(BaseJobs.UnreadableException.class)
                .hasMessageContaining("could not read the deployed job 'orders-nightly'");
    }
}
