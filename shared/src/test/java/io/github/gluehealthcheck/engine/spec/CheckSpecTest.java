package io.github.gluehealthcheck.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckSpecTest {
    @TempDir
    Path workspace;

    @BeforeEach
    void script() throws IOException {
        Files.createDirectories(workspace.resolve("jobs"));
        Files.writeString(workspace.resolve("jobs/orders.py"), "print('ok')\n");
    }

    private CheckSpec.Builder valid() {
        return CheckSpec.builder().workspace(workspace).script("jobs/orders.py")
                .role("arn:aws:iam::123456789012:role/glue-ci").scriptsBucket("s3://ci-scripts/checks");
    }

    private List<String> problems(CheckSpec.Builder b) {
        return b.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void defaultsFollowTheSettingsContract() {
        CheckSpec spec = valid().build();
        assertThat(spec.jobName()).isEqualTo("orders");
        assertThat(spec.jobType()).isEqualTo(JobType.GLUEETL);
        assertThat(spec.glueVersion()).isEqualTo("5.1");
        assertThat(spec.workerType()).isEqualTo("G.1X");
        assertThat(spec.numberOfWorkers()).isEqualTo(2);
        assertThat(spec.maxCapacity()).isNull();
        assertThat(spec.timeoutMinutes()).isEqualTo(10);
        assertThat(spec.maxWait()).isEqualTo(Duration.ofMinutes(20));
        assertThat(spec.healthCheckArgument()).isEqualTo("--health_check=true");
        assertThat(spec.keepJob()).isEqualTo(KeepJobPolicy.NEVER);
        assertThat(spec.namePrefix()).isEqualTo("glue-health-check");
        assertThat(spec.script()).isInstanceOf(ScriptSource.InWorkspace.class);
    }

    @Test
    void pythonShellDefaultsToGlue3AndTheSmallestCapacity() {
        CheckSpec spec = valid().jobType(JobType.PYTHONSHELL).build();
        assertThat(spec.glueVersion()).isEqualTo("3.0");
        assertThat(spec.maxCapacity()).isEqualTo(0.0625);
        assertThat(spec.workerType()).isNull();
        assertThat(spec.dpus()).isEqualTo(0.0625);
    }

    @Test
    void unknownWorkerTypesOfTheRightShapePass() {
        assertThat(valid().workerType("G.12X").build().dpus()).isEqualTo(24.0);
        assertThat(valid().workerType("R.1X").problems()).isEmpty();
    }

    @Test
    void maxCapacityIsNeverCombinedWithWorkers() {
        assertThat(problems(valid().maxCapacity(2.0))).containsExactly(
                "max_capacity: cannot be combined with worker_type: glueetl jobs are sized by worker_type and number_of_workers");
    }

    @Test
    void pythonShellRules() {
        assertThat(problems(valid().jobType(JobType.PYTHONSHELL).glueVersion("4.0").maxCapacity(0.5).workerType("G.1X")))
                .containsExactlyInAnyOrder(
                        "glue_version: pythonshell jobs run on Glue 3.0, not 4.0",
                        "max_capacity: 0.5 is not allowed; Python shell jobs take 0.0625 or 1",
                        "worker_type: Python shell jobs are sized by max_capacity (0.0625 or 1), not by worker_type");
    }

    @Test
    void flexOnlyForSparkOnGlue3WithSmallWorkers() {
        assertThat(problems(valid().executionClass(ExecutionClass.FLEX).glueVersion("2.0"))).containsExactly(
                "glue_version: Glue 2.0 reached end of life on 2026-04-01 and takes no new jobs; glueetl jobs take 3.0, 4.0, 5.0, 5.1",
                "execution_class: FLEX needs Glue 3.0 or later, not 2.0");
        assertThat(problems(valid().executionClass(ExecutionClass.FLEX).workerType("G.4X")))
                .containsExactly("execution_class: FLEX runs only on G.1X or G.2X workers, not G.4X");
        assertThat(problems(valid().executionClass(ExecutionClass.FLEX).jobType(JobType.PYTHONSHELL)))
                .containsExactly("execution_class: FLEX is only for glueetl jobs, not pythonshell");
        assertThat(valid().executionClass(ExecutionClass.FLEX).workerType("G.2X").problems()).isEmpty();
    }

    @Test
    void argumentsInternalToGlueAreRefusedAndSparkConfIsAllowed() {
        for (String key : List.of("--endpoint", "endpoint", "--debug", "--mode", "--JOB_NAME")) {
            assertThat(problems(valid().arguments(Map.of(key, "x"))))
                    .singleElement().asString().startsWith("arguments: key '--").contains("is internal to Glue");
        }
        assertThat(valid().arguments(Map.of("--conf", "spark.sql.catalog.glue=org.apache.iceberg.spark.SparkCatalog"))
                .build().arguments()).containsKey("--conf");
    }

    @Test
    void argumentKeysGetTheirDashes() {
        assertThat(valid().arguments(Map.of("input", "s3://in")).build().arguments()).containsEntry("--input", "s3://in");
    }

    @Test
    void argumentsOver260KiloBytesAreRefused() {
        String big = "x".repeat(270 * 1024);
        assertThat(problems(valid().arguments(Map.of("--big", big))))
                .containsExactly("arguments: take 270 KB; Glue allows at most 260 KB in all");
    }

    @Test
    void secretArgumentsMustNameArgumentsAndAreMaskedForDisplay() {
        CheckSpec spec = valid().arguments(Map.of("--db_password", "hunter2-secret")).secretArguments(List.of("db_password")).build();
        assertThat(spec.displayArguments()).containsEntry("--db_password", "****");
        assertThat(spec.secretValues()).containsExactly("hunter2-secret");
        assertThat(problems(valid().secretArguments(List.of("--missing"))))
                .containsExactly("secret_arguments: names '--missing', which is not among the arguments");
    }

    @Test
    void healthCheckArgumentMustBeAnAssignmentAndNotDuplicated() {
        assertThat(problems(valid().healthCheckArgument("health_check")))
                .singleElement().asString().startsWith("health_check_argument: 'health_check' must look like --name=value");
        assertThat(problems(valid().healthCheckArgument("--health_check=true").arguments(Map.of("--health_check", "false"))))
                .singleElement().asString().contains("also set in arguments");
        assertThat(valid().healthCheckArgument("").build().healthCheckArgument()).isEmpty();
    }

    @Test
    void scriptMustBeInsideTheWorkspaceAndExist() throws IOException {
        assertThat(problems(valid().script("../outside.py"))).singleElement().asString()
                .startsWith("script: '../outside.py' is outside the workspace");
        assertThat(problems(valid().script("jobs/missing.py"))).singleElement().asString()
                .startsWith("script: 'jobs/missing.py' does not exist in the workspace");
        assertThat(problems(valid().script("jobs/orders.sql"))).singleElement().asString()
                .startsWith("script: 'jobs/orders.sql' is not a Python script");
        assertThat(problems(valid().script(null))).containsExactly(
                "script: is required: a workspace path or s3:// URI of the job script");
        Path elsewhere = Files.createTempFile("elsewhere", ".py");
        try {
            Files.createSymbolicLink(workspace.resolve("jobs/link.py"), elsewhere);
            assertThat(problems(valid().script("jobs/link.py"))).singleElement().asString()
                    .contains("links outside the workspace");
        } finally {
            Files.delete(elsewhere);
        }
    }

    @Test
    void s3ScriptsAndBucketsAreWellFormed() {
        CheckSpec spec = valid().script("s3://my-bucket/jobs/orders.py").scriptsBucket(null).build();
        assertThat(spec.script()).isEqualTo(new ScriptSource.InS3(new S3Uri("my-bucket", "jobs/orders.py")));
        assertThat(problems(valid().script("s3://My_Bucket/orders.py"))).singleElement().asString()
                .startsWith("script: 'My_Bucket' is not a valid S3 bucket name");
        assertThat(problems(valid().scriptsBucket("ci-scripts"))).singleElement().asString()
                .startsWith("scripts_bucket: 'ci-scripts' is not an s3:// URI");
        assertThat(problems(valid().scriptsBucket(null))).containsExactly(
                "scripts_bucket: is required for a workspace script: the s3://bucket/prefix it is staged under");
        assertThat(problems(valid().extraPyFiles(List.of("s3://libs/a.zip", "https://x/b.zip")))).singleElement()
                .asString().startsWith("extra_py_files: 'https://x/b.zip' is not an s3:// URI");
    }

    @Test
    void roleIsAnArnOrAName() {
        assertThat(valid().role("glue-health-check").problems()).isEmpty();
        assertThat(problems(valid().role("arn:aws:iam::12345:role/x"))).singleElement().asString().startsWith("role: 'arn:aws:iam::12345:role/x' is neither");
        assertThat(problems(valid().role(null))).containsExactly("role: is required: the IAM role (ARN or name) the Glue job runs as");
    }

    @Test
    void numbersOutOfRange() {
        assertThat(problems(valid().timeoutMinutes(0))).containsExactly("timeout: 0 is out of range; use 1 to 10080 minutes");
        assertThat(problems(valid().timeoutMinutes(10081))).containsExactly("timeout: 10081 is out of range; use 1 to 10080 minutes");
        assertThat(problems(valid().numberOfWorkers(1))).containsExactly(
                "number_of_workers: 1 is out of range; glueetl jobs take 2 to 1000 workers");
        assertThat(problems(valid().maxWait(Duration.ZERO))).containsExactly("max_wait: must be more than 0 and at most 10160 minutes (Glue's longest timeout, FLEX's wait and an hour)");
    }

    @Test
    void tagsMayNotUseReservedPrefixesOrTooMany() {
        assertThat(problems(valid().tags(Map.of("glue-health-check:repo", "x")))).singleElement().asString()
                .contains("is reserved");
        java.util.Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 43; i++) {
            many.put("k" + i, "v");
        }
        assertThat(problems(valid().tags(many))).singleElement().asString().startsWith("tags: 43 tags are too many");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> valid().role(null).timeoutMinutes(-1).workerType("huge").build())
                .isInstanceOf(InvalidSettingsException.class)
                .satisfies(e -> assertThat(((InvalidSettingsException) e).problems()).hasSize(3))
                .hasMessageContaining("role: ").hasMessageContaining("timeout: ").hasMessageContaining("worker_type: ");
    }
}
