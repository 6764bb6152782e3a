package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A Drone step with one job: the jar as a Drone runner starts it, against the local endpoint as a process. */
class DronePluginIT {
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

    private StepEnv step(String script) {
        return StepEnv.drone(home, workspace).aws(endpoint).set("PLUGIN_SCRIPT", script)
                .set("PLUGIN_JOB_TYPE", "pythonshell");
    }

    @Test
    void aPassingJobPassesShowingEveryPhaseItsLogAndWhereTheReportsWent() throws Exception {
        // Hold RUNNING a moment before the script runs, so the state change is seen however fast python3 is.
        endpoint.runScript("{\"steps\":[{\"state\":\"RUNNING\",\"millis\":1500}],\"end\":\"NORMALLY\"}");
        Cli.Run run = Cli.run(workspace, step("jobs/orders_summary.py").map());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).as(run.toString()).contains(
                "glue-health-check ", ": drone data/etl build 7, 1 job: orders_summary",
                "[preflight] credentials: static keys from settings, region us-east-1",
                "[preflight] running as arn:aws:",
                "[sweep] expired health-check jobs of data/etl",
                "[orders_summary] stage: jobs/orders_summary.py",
                "[orders_summary] create: glue-health-check-orders_summary-etl-b7-",
                "[orders_summary] start: with --health_check=true",
                "[orders_summary] wait: run jr_",
                "[orders_summary] state: RUNNING",
                "[orders_summary] state: SUCCEEDED",
                "  | health-check mode: using the built-in sample, writing nothing",
                "  | DE: 2 orders, 62.00 EUR",
                "[orders_summary] verdict: PASSED: the job succeeded",
                "[orders_summary] cleanup: delete job: done",
                "[orders_summary] cleanup: delete staged script: done",
                "Glue health check PASSED: 1 passed, 0 failed, 0 error(s)",
                "Reports in " + workspace.resolve("glue-health-check") + ": report.json junit.xml summary.md badge.svg");
        assertThat(run.stderr()).isEmpty();

        JsonNode report = JSON.readTree(workspace.resolve("glue-health-check/report.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("PASSED");
        assertThat(report.get("checks").get(0).get("jobName").asText()).startsWith("glue-health-check-orders_summary-etl-b7-");
        assertThat(report.get("checks").get(0).get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(workspace.resolve("glue-health-check")).isDirectoryContaining("glob:**/junit.xml")
                .isDirectoryContaining("glob:**/summary.md").isDirectoryContaining("glob:**/badge.svg");

        assertThat(endpoint.operations()).contains("sts:GetCallerIdentity", "s3:PutObject", "glue:CreateJob",
                "glue:StartJobRun", "glue:GetJobRun", "logs:FilterLogEvents", "glue:DeleteJob", "s3:DeleteObject");
        JsonNode state = endpoint.state();
        assertThat(state.get("jobs")).as("jobs left behind").isEmpty();
        assertThat(state.get("objects")).as("staged scripts left behind").isEmpty();
    }

    @Test
    void aFailingJobFailsTheStepWithGluesErrorAndItsLastLines() throws Exception {
        Cli.Run run = Cli.run(workspace, step("jobs/broken_report.py").map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.output()).as(run.toString()).contains(
                "[broken_report] state: FAILED",
                "  ! KeyError: 'total'",
                "[broken_report] verdict: FAILED: the job failed",
                "[broken_report] verdict: Glue says: KeyError: 'total'",
                "[broken_report] cleanup: delete job: done",
                "Glue health check FAILED: 0 passed, 1 failed, 0 error(s)",
                "  broken_report: the job failed; Glue says: KeyError: 'total'");
        assertThat(run.stderr()).isEmpty();
        JsonNode report = JSON.readTree(workspace.resolve("glue-health-check/report.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("checks").get(0).get("errorMessage").asText()).isEqualTo("KeyError: 'total'");
        assertThat(endpoint.state().get("jobs")).isEmpty();
    }

    @Test
    void theDroneLogGetsColourAPipeDoesNot() throws Exception {
        Cli.Run drone = Cli.run(workspace, step("jobs/orders_summary.py").set("PLUGIN_TIMEOUT", "abc").map());
        assertThat(drone.raw()).contains("\u001B[31merror: \u001B[0mPLUGIN_TIMEOUT: 'abc' is not a whole number of minutes");
        Cli.Run terminal = Cli.run(workspace, StepEnv.terminal(home).map(), "--script", "jobs/orders_summary.py",
                "--repo", "data/etl", "--timeout", "abc");
        assertThat(terminal.raw()).contains("error: --timeout: 'abc' is not a whole number of minutes")
                .doesNotContain("\u001B[");
    }

    @Test
    void unknownPluginVariablesAreWarnedAboutWithTheClosestName() throws Exception {
        Cli.Run run = Cli.run(workspace, step("jobs/orders_summary.py").set("PLUGIN_DRY_RUN", "true")
                .set("PLUGIN_SCRIPTS_BUCKT", "s3://typo").map());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains(
                "warning: PLUGIN_SCRIPTS_BUCKT is not a setting and is ignored (did you mean PLUGIN_SCRIPTS_BUCKET?)");
    }
}
