package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Job;

/** Jobs that exist when the endpoint starts, as a deployed job does when a check runs. */
class DeployedJobsTest {

    static final String ORDERS = """
            {"Name":"orders-nightly","Role":"arn:aws:iam::123456789012:role/orders-glue",
             "Command":{"Name":"glueetl","ScriptLocation":"s3://deploy/orders.py","PythonVersion":"3"},
             "GlueVersion":"5.0","WorkerType":"G.1X","NumberOfWorkers":4,"ExecutionClass":"FLEX",
             "DefaultArguments":{"--job-bookmark-option":"job-bookmark-enable","--env":"prod"},
             "Connections":{"Connections":["orders-db"]},"SecurityConfiguration":"orders-sec",
             "Tags":{"team":"orders"}}""";

    @Test
    void aDeployedJobIsReadBackWithEveryFieldAndItsTags() {
        try (LocalAws aws = LocalAws.start(LocalEndpointOptions.builder().deployedJob(ORDERS).build(), false)) {
            Job job = aws.glue.getJob(b -> b.jobName("orders-nightly")).job();

            assertThat(job.role()).isEqualTo("arn:aws:iam::123456789012:role/orders-glue");
            assertThat(job.command().scriptLocation()).isEqualTo("s3://deploy/orders.py");
            assertThat(job.command().pythonVersion()).isEqualTo("3");
            assertThat(job.numberOfWorkers()).isEqualTo(4);
            assertThat(job.executionClassAsString()).isEqualTo("FLEX");
            assertThat(job.connections().connections()).containsExactly("orders-db");
            assertThat(job.securityConfiguration()).isEqualTo("orders-sec");
            assertThat(job.defaultArguments()).containsEntry("--env", "prod");
            assertThat(aws.glue.getTags(b -> b.resourceArn(
                    "arn:aws:glue:us-east-1:123456789012:job/orders-nightly")).tags())
                    .containsEntry("team", "orders");
            assertThatThrownBy(() -> aws.glue.getJob(b -> b.jobName("not-deployed")))
                    .isInstanceOf(EntityNotFoundException.class);
        }
    }

    @Test
    void aDeployedJobCreateJobWouldRefuseStopsTheStartNamingTheJob() {
        LocalEndpointOptions options = LocalEndpointOptions.builder()
                .deployedJob("{\"Name\":\"no-role\",\"Command\":{\"Name\":\"glueetl\","
                        + "\"ScriptLocation\":\"s3://b/x.py\"}}")
                .build();

        assertThatThrownBy(() -> LocalAwsEndpoint.start(options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-role").hasMessageContaining("role");
    }

    @Test
    void theCommandLineReadsAFileAndRefusesABadOneInOneLine(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("deployed.json"), "{\"jobs\":[" + ORDERS + "]}");
        assertThat(LocalAwsEndpointMain.parse(new String[] {"--deployed-jobs", good.toString()}).deployedJobs())
                .hasSize(1);

        Path notJobs = Files.writeString(dir.resolve("array.json"), "[" + ORDERS + "]");
        assertThat(runMain(2, "--deployed-jobs", notJobs.toString())).hasLineCount(1).contains("\"jobs\"");
        assertThat(runMain(2, "--deployed-jobs", dir.resolve("missing.json").toString())).hasLineCount(1)
                .contains("cannot be read");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"jobs\":[{\"Name\":\"x\",}]}");
        assertThat(runMain(2, "--deployed-jobs", broken.toString())).hasLineCount(1).contains("not valid JSON");
        Path refused = Files.writeString(dir.resolve("refused.json"),
                "{\"jobs\":[{\"Name\":\"x\",\"Role\":\"r\",\"Command\":{\"Name\":\"glueetl\"}}]}");
        assertThat(runMain(2, "--port", "0", "--deployed-jobs", refused.toString())).hasLineCount(1)
                .contains("deployed job x is refused", "ScriptLocation");
    }

    private static String runMain(int expectedCode, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = LocalAwsEndpointMain.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).as(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expectedCode);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
