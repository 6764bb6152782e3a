package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --base-job}: the CLI checks a script in a copy of a deployed job, which a served local endpoint holds from
 * its start ({@code local-endpoint --deployed-jobs}).
 */
class BaseJobIT {
    static final Path DEPLOYED = Cli.REPO.resolve("examples/.glue-health-deployed-jobs.json");

    @TempDir
    Path home;
    @TempDir
    Path dir;

    private Cli.Run check(Path workspace, LocalEndpointProcess endpoint, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--script", "jobs/orders_summary.py", "--endpoint", endpoint.url(),
                "--region", "eu-west-1", "--access-key", StepEnv.ACCESS_KEY, "--secret-key", StepEnv.SECRET_KEY,
                "--scripts-bucket", "s3://ci-scripts", "--repo", "data/etl", "--pull-request", "3"));
        args.addAll(List.of(more));
        return Cli.run(workspace, StepEnv.terminal(home).map(), args.toArray(String[]::new));
    }

    private static List<String> operationsOn(LocalEndpointProcess endpoint, String job) {
        List<String> ops = new ArrayList<>();
        endpoint.requests().forEach(r -> {
            if (job.equals(r.path("jobName").asText(null))) {
                ops.add(r.get("operation").asText());
            }
        });
        return ops;
    }

    @Test
    void aCheckBasedOnADeployedJobCopiesItRunsTheScriptAndOnlyReadsTheDeployedJob() throws Exception {
        Path workspace = StepEnv.workspace(dir);
        try (LocalEndpointProcess endpoint = LocalEndpointProcess.start("--deployed-jobs", DEPLOYED.toString())) {
            Cli.Run run = check(workspace, endpoint, "--base-job", "orders-summary-nightly", "--timeout", "5");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.output()).contains(
                    "[orders_summary] create: a copy of deployed job orders-summary-nightly (only read): copied job_type, role, glue_version, max_capacity",
                    "arguments --input_path", "overridden arguments --job-bookmark-option",
                    "health-check mode: using the built-in sample, writing nothing", "Glue health check PASSED");
            JsonNode report = new ObjectMapper().readTree(workspace.resolve("glue-health-check/report.json").toFile());
            JsonNode base = report.get("checks").get(0).get("baseJob");
            assertThat(base.get("name").asText()).isEqualTo("orders-summary-nightly");
            assertThat(base.get("copied").toString()).contains("\"role\"", "\"job_type\"", "\"arguments --input_path\"");
            assertThat(base.get("overridden").toString()).contains("\"arguments --job-bookmark-option\"");
            assertThat(operationsOn(endpoint, "orders-summary-nightly")).containsOnly("GetJob");
            JsonNode deployed = null;
            for (JsonNode j : endpoint.state().get("jobs")) {
                if (j.get("name").asText().equals("orders-summary-nightly")) {
                    deployed = j;
                }
            }
            assertThat(deployed).as("the deployed job is still there").isNotNull();
            assertThat(deployed.get("maxRetries").asInt()).isEqualTo(2);
            assertThat(endpoint.state().get("jobs")).hasSize(1);
        }
    }

    @Test
    void aBaseJobThatDoesNotExistIsBadSettingsAndNothingIsCreated() throws Exception {
        Path workspace = StepEnv.workspace(dir);
        try (LocalEndpointProcess endpoint = LocalEndpointProcess.start("--deployed-jobs", DEPLOYED.toString())) {
            Cli.Run run = check(workspace, endpoint, "--base-job", "orders-nightly-typo");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.output()).contains("base_job: 'orders-nightly-typo' is not a Glue job in eu-west-1",
                    "Nothing was created.").doesNotContain("Exception", "\tat ");
            assertThat(endpoint.operations()).doesNotContain("glue:CreateJob", "s3:PutObject", "glue:StartJobRun");
        }
    }

    @Test
    void aBaseJobWhoseCopyBreaksTheRulesNamesTheRule() throws Exception {
        Path workspace = StepEnv.workspace(dir);
        try (LocalEndpointProcess endpoint = LocalEndpointProcess.start("--deployed-jobs", DEPLOYED.toString())) {
            // The deployed job is a Python shell job on 0.0625 DPU: worker_type does not apply to it.
            Cli.Run run = check(workspace, endpoint, "--base-job", "orders-summary-nightly", "--worker-type", "G.1X");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.output()).contains("base_job: 'orders-summary-nightly' cannot be copied: worker_type");
            assertThat(endpoint.operations()).doesNotContain("glue:CreateJob", "s3:PutObject");
        }
    }

    @Test
    void aBadDeployedJobsFileStopsTheEndpointInOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("deployed.json"), "{\"jobs\":[{\"Name\":\"x\",\"Role\":\"r\"}]}");
        Cli.Run run = Cli.run(dir, StepEnv.terminal(home).map(), "local-endpoint", "--port", "0",
                "--deployed-jobs", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output().strip()).hasLineCount(1).contains("deployed job x is refused", "command");
    }
}
