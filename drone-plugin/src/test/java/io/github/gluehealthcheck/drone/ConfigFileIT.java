package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Several jobs from a {@code .glue-health.yml}: shared defaults, per-job overrides, one verdict. */
class ConfigFileIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LocalEndpointExtension endpoint = new LocalEndpointExtension();

    @TempDir
    Path home;
    @TempDir
    Path dir;
    Path workspace;

    @BeforeEach
    void setUp() {
        workspace = StepEnv.workspace(dir);
    }

    @Test
    void severalJobsRunTogetherWithPrefixedLogLinesAndOneVerdict() throws Exception {
        StepEnv.write(workspace.resolve("ci/.glue-health.yml"), """
                parallelism: 3
                defaults:
                  job_type: pythonshell
                  timeout: 5
                  tags:
                    team: data-platform
                jobs:
                  - script: jobs/orders_summary.py
                  - script: jobs/broken_report.py
                    job_name: report
                    timeout: 3
                  - script: jobs/data_processing.py
                    job_type: glueetl
                    worker_type: G.2X
                    arguments:
                      --input_path: s3://in/orders/
                      --output_path: s3://out/enriched/
                """);
        Path outputs = dir.resolve("outputs.env");
        Path card = dir.resolve("card.json");
        Cli.Run run = Cli.run(workspace, StepEnv.drone(home, workspace).aws(endpoint)
                .set("PLUGIN_CONFIG", "ci/.glue-health.yml").set("PLUGIN_KEEP_JOB", "always")
                .set("DRONE_OUTPUT", outputs.toString()).set("DRONE_CARD_PATH", card.toString()).map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.output()).as(run.toString()).contains(
                "drone data/etl build 7, 3 jobs: orders_summary, report, data_processing",
                "[orders_summary] | read 5 orders",
                "[report] ! KeyError: 'total'",
                "[orders_summary] verdict: PASSED",
                "[report] verdict: FAILED: the job failed",
                // A Spark script cannot run on the local endpoint: it says so in the run's log.
                "[data_processing] | glue-health-check local endpoint: ",
                "data_processing.py was syntax-checked only (python -m py_compile), not run",
                "[data_processing] verdict: COMPILED ONLY",
                "Glue health check FAILED: 2 passed, 1 failed, 0 error(s)");
        assertThat(run.lines()).anyMatch(l -> l.matches("  orders_summary +PASSED +SUCCEEDED .*"))
                .anyMatch(l -> l.matches("  report +FAILED +FAILED .*"))
                .anyMatch(l -> l.matches("  data_processing +COMPILED ONLY +SUCCEEDED .*"));
        // Log lines of a job never appear unprefixed when several jobs run.
        assertThat(run.lines()).noneMatch(l -> l.startsWith("  | ") || l.startsWith("  ! "));

        JsonNode report = JSON.readTree(workspace.resolve("glue-health-check/report.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("checks")).hasSize(3);
        assertThat(Files.readString(outputs)).contains("HEALTH=failed\n", "FAILED_JOBS=report\n");
        assertThat(JSON.readTree(card.toFile()).get("data").get("jobs")).hasSize(3);

        // The kept jobs show the defaults and the per-job overrides as created.
        JsonNode orders = job("orders_summary");
        assertThat(orders.get("commandName").asText()).isEqualTo("pythonshell");
        assertThat(orders.get("timeoutMinutes").asInt()).isEqualTo(5);
        assertThat(orders.get("tags").get("team").asText()).isEqualTo("data-platform");
        assertThat(job("report").get("timeoutMinutes").asInt()).isEqualTo(3);
        JsonNode spark = job("data_processing");
        assertThat(spark.get("commandName").asText()).isEqualTo("glueetl");
        assertThat(spark.get("workerType").asText()).isEqualTo("G.2X");
        assertThat(spark.get("defaultArguments").get("--input_path").asText()).isEqualTo("s3://in/orders/");
    }

    @Test
    void theExampleConfigOfTheRepositoryPassesOnTheEmbeddedEndpoint() throws Exception {
        // The repository's own example, as a checkout of it: examples/.glue-health.yml naming examples/jobs/*.
        Path checkout = Files.createDirectories(dir.resolve("checkout/examples"));
        StepEnv.workspace(checkout);
        Files.copy(Cli.REPO.resolve("examples/.glue-health.yml"), checkout.resolve(".glue-health.yml"));
        Cli.Run run = Cli.run(checkout.getParent(), StepEnv.terminal(home).map(), "--config", "examples/.glue-health.yml",
                "--endpoint", "local", "--repo", "data/etl");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains("2 jobs: orders_summary, data_processing",
                "[orders_summary] | read 5 orders", "Glue health check COMPILED ONLY: 2 passed",
                "[data_processing] verdict: COMPILED ONLY: the job succeeded (SUCCEEDED); the script was compiled, not run");
        assertThat(run.lines()).anyMatch(l -> l.matches("  data_processing +COMPILED ONLY +SUCCEEDED .*"));
    }

    private static JsonNode job(String baseName) {
        List<JsonNode> found = new ArrayList<>();
        endpoint.state().get("jobs").forEach(j -> {
            if (j.get("name").asText().startsWith("glue-health-check-" + baseName + "-")) {
                found.add(j);
            }
        });
        assertThat(found).as(baseName).hasSize(1);
        return found.get(0);
    }
}
