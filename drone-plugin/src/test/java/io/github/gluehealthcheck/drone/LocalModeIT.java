package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode tells the truth, as the CLI jar reports it: a job the local run cannot judge is NOT CHECKED LOCALLY
 * (exit 3), a Spark or Ray script on any local endpoint is COMPILED ONLY (exit 0, or 1 when it does not compile),
 * and a local run's cost is what it would cost on AWS. Every report says it the same way.
 */
class LocalModeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEEDS_WRANGLER =
            "needs awswrangler, which Glue's Python shell provides; install it here or check on AWS";
    @RegisterExtension
    static final LocalEndpointExtension endpoint = new LocalEndpointExtension();

    @TempDir
    Path home;
    @TempDir
    Path dir;
    Path workspace;
    Path card;
    Path outputs;

    @BeforeAll
    static void awswranglerIsNotInstalledHere() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import awswrangler").redirectErrorStream(true).start();
        assertThat(p.waitFor()).as("these tests need a python3 without awswrangler").isNotZero();
    }

    @BeforeEach
    void setUp() {
        workspace = StepEnv.workspace(dir);
        card = dir.resolve("card.json");
        outputs = dir.resolve("outputs.env");
    }

    private StepEnv drone() {
        return StepEnv.drone(home, workspace).set("DRONE_CARD_PATH", card.toString())
                .set("DRONE_OUTPUT", outputs.toString());
    }

    @Test
    void aLibraryGlueProvidesButThisMachineLacksIsNotCheckedLocallyWithExitThreeInEveryReport() throws Exception {
        StepEnv.write(workspace.resolve("jobs/wrangle.py"), "import awswrangler as wr\nprint(wr.__version__)\n");

        Cli.Run run = Cli.run(workspace, drone().set("PLUGIN_SCRIPT", "jobs/wrangle.py")
                .set("PLUGIN_JOB_TYPE", "pythonshell").set("PLUGIN_ENDPOINT", "local").map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.output()).as(run.toString()).contains("[wrangle] verdict: NOT CHECKED LOCALLY: " + NEEDS_WRANGLER,
                "Glue health check NOT CHECKED LOCALLY: 0 passed, 0 failed, 0 error(s), 1 not checked locally")
                .doesNotContain("verdict: FAILED");
        assertThat(run.lines()).anyMatch(l -> l.matches("  wrangle +NOT CHECKED LOCALLY +ERROR .*"));
        Path reports = workspace.resolve("glue-health-check");
        JsonNode report = JSON.readTree(reports.resolve("report.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("NOT_CHECKED_LOCALLY");
        assertThat(report.get("verdict").asText()).isEqualTo("NOT CHECKED LOCALLY");
        assertThat(report.get("checks").get(0).get("reason").asText()).isEqualTo(NEEDS_WRANGLER);
        assertThat(report.get("checks").get(0).get("errorMessage").asText()).isEqualTo("NOT CHECKED LOCALLY: " + NEEDS_WRANGLER);
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("skipped=\"1\"", "failures=\"0\"",
                "<skipped message=\"NOT CHECKED LOCALLY: " + NEEDS_WRANGLER + "\"").doesNotContain("<failure");
        assertThat(Files.readString(reports.resolve("summary.md"))).contains(
                "## Glue health check: not checked locally", "| wrangle | NOT CHECKED LOCALLY |", NEEDS_WRANGLER);
        assertThat(Files.readString(reports.resolve("badge.svg"))).contains("glue health: not checked locally");
        JsonNode data = JSON.readTree(card.toFile()).get("data");
        assertThat(data.get("title").asText()).isEqualTo("Glue health check not checked locally");
        assertThat(data.get("jobs").get(0).get("status").asText()).isEqualTo("NOT CHECKED LOCALLY");
        assertThat(data.get("jobs").get(0).get("reason").asText()).contains(NEEDS_WRANGLER);
        assertThat(Files.readString(outputs)).contains("HEALTH=not_checked_locally\n");
    }

    @Test
    void withoutPythonAPythonShellCheckIsNotCheckedLocallyRatherThanFailed() throws Exception {
        Path noPython = Files.createDirectories(dir.resolve("empty-bin"));

        Cli.Run run = Cli.run(workspace, drone().set("PATH", noPython.toString())
                .set("PLUGIN_SCRIPT", "jobs/orders_summary.py").set("PLUGIN_JOB_TYPE", "pythonshell")
                .set("PLUGIN_ENDPOINT", "local").map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.output()).as(run.toString())
                .contains("[orders_summary] verdict: NOT CHECKED LOCALLY: needs python3")
                .contains("install it here or check on AWS").doesNotContain("verdict: FAILED");
        assertThat(JSON.readTree(workspace.resolve("glue-health-check/report.json").toFile()).get("status").asText())
                .isEqualTo("NOT_CHECKED_LOCALLY");
    }

    @Test
    void sparkOnALocalEndpointGivenByUrlIsCompiledOnlyAndALocalCostIsWhatAwsWouldCharge() throws Exception {
        StepEnv.write(workspace.resolve(".glue-health.yml"), """
                jobs:
                  - script: jobs/orders_summary.py
                    job_type: pythonshell
                  - script: jobs/data_processing.py
                """);

        Cli.Run run = Cli.run(workspace, drone().aws(endpoint).set("PLUGIN_CONFIG", ".glue-health.yml").map());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).as(run.toString()).contains(
                "[data_processing] verdict: COMPILED ONLY: the job succeeded (SUCCEEDED); the script was compiled,"
                        + " not run",
                "[orders_summary] verdict: PASSED",
                "ran locally at no cost; on AWS it would cost $",
                "Glue health check COMPILED ONLY: 2 passed")
                .doesNotContain("[data_processing] verdict: PASSED", "estimated cost $");
        assertThat(run.lines()).anyMatch(l -> l.matches("  data_processing +COMPILED ONLY +SUCCEEDED +[0-9.]+ s +- .*"))
                .anyMatch(l -> l.matches("  orders_summary +PASSED +SUCCEEDED +[0-9.]+ s +\\$[0-9.]+ on AWS .*"));
        Path reports = workspace.resolve("glue-health-check");
        JsonNode report = JSON.readTree(reports.resolve("report.json").toFile());
        assertThat(report.get("verdict").asText()).isEqualTo("COMPILED ONLY");
        assertThat(report.get("totals").get("costIsWhatAwsWouldCharge").asBoolean()).isTrue();
        assertThat(Files.readString(reports.resolve("summary.md"))).contains("## Glue health check: compiled only",
                "| compiled only |", "ran locally at no cost; on AWS it would cost $", " on AWS |");
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("status: COMPILED ONLY");
        assertThat(Files.readString(reports.resolve("badge.svg"))).contains("glue health: compiled only");
        JsonNode data = JSON.readTree(card.toFile()).get("data");
        assertThat(data.get("title").asText()).isEqualTo("Glue health check compiled only");
        assertThat(data.get("cost").asText()).endsWith(" on AWS (ran locally at no cost)");
    }

    @Test
    void aSparkScriptThatDoesNotCompileFailsAsCompiledOnly() throws Exception {
        StepEnv.write(workspace.resolve("jobs/bad_spark.py"), "def broken(:\n");

        Cli.Run run = Cli.run(workspace, drone().set("PLUGIN_SCRIPT", "jobs/bad_spark.py")
                .set("PLUGIN_ENDPOINT", "local").map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.output()).as(run.toString()).contains("[bad_spark] verdict: FAILED (compiled only): ",
                "SyntaxError");
        JsonNode report = JSON.readTree(workspace.resolve("glue-health-check/report.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("checks").get(0).get("verdict").asText()).isEqualTo("FAILED (compiled only)");
    }
}
