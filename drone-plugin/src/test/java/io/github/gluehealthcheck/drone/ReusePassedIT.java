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
 * {@code reuse_passed} through the CLI and the Drone step: two builds against one served local endpoint (which keeps
 * the scripts bucket between processes, as S3 does between builds). The second identical check is reported as the
 * first one's pass in every surface, without a job; a changed script runs; a failing check records nothing.
 */
class ReusePassedIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** A Drone build {@code build} of data/etl checking {@code script} with PLUGIN_REUSE_PASSED=7d. */
    private Cli.Run droneBuild(Path workspace, LocalEndpointProcess endpoint, String build, String script,
            Path card) throws Exception {
        return Cli.run(workspace, StepEnv.drone(home, workspace).aws(endpoint.url()).set("DRONE_BUILD_NUMBER", build)
                .set("PLUGIN_SCRIPT", script).set("PLUGIN_JOB_TYPE", "pythonshell").set("PLUGIN_REUSE_PASSED", "7d")
                .set("DRONE_CARD_PATH", card.toString()).map());
    }

    private static List<String> passRecords(LocalEndpointProcess endpoint) {
        List<String> keys = new ArrayList<>();
        endpoint.state().get("objects").forEach(o -> {
            if (o.get("key").asText().matches("checks/data/etl/passes/[0-9a-f]{64}\\.json")) {
                keys.add(o.get("key").asText());
            }
        });
        return keys;
    }

    @Test
    void theSecondIdenticalBuildReusesThePassInEverySurfaceWithoutAJob() throws Exception {
        Path workspace = StepEnv.workspace(dir);
        Path reports = workspace.resolve("glue-health-check");
        try (LocalEndpointProcess endpoint = LocalEndpointProcess.start()) {
            Cli.Run first = droneBuild(workspace, endpoint, "7", "jobs/orders_summary.py", dir.resolve("card1.json"));
            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(passRecords(endpoint)).hasSize(1);
            JsonNode firstReport = JSON.readTree(reports.resolve("report.json").toFile());
            String firstRun = firstReport.get("checks").get(0).get("runId").asText();
            assertThat(firstReport.get("checks").get(0).get("passRecorded").asText())
                    .isEqualTo("s3://ci-scripts/" + passRecords(endpoint).get(0));
            endpoint.reset();

            Cli.Run second = droneBuild(workspace, endpoint, "8", "jobs/orders_summary.py", dir.resolve("card2.json"));

            assertThat(second.exitCode()).as(second.toString()).isZero();
            assertThat(second.output()).containsPattern("\\[orders_summary\\] verdict: PASSED \\(reused from build 7 of "
                    + "\\d{4}-\\d{2}-\\d{2}\\): the same script, job definition and arguments passed in build 7")
                    .contains("Glue health check PASSED (reused): 1 passed (1 reused)", "(not run)", firstRun);
            assertThat(endpoint.operations()).containsExactly("sts:GetCallerIdentity", "glue:ListJobs", "s3:GetObject");
            JsonNode report = JSON.readTree(reports.resolve("report.json").toFile());
            assertThat(report.get("verdict").asText()).isEqualTo("PASSED (reused)");
            assertThat(report.get("totals").get("reused").asInt()).isEqualTo(1);
            assertThat(report.get("totals").get("estimatedCostUsd").asDouble()).isZero();
            JsonNode check = report.get("checks").get(0);
            assertThat(check.get("status").asText()).isEqualTo("PASSED");
            assertThat(check.get("jobName").isNull()).isTrue();
            assertThat(check.get("reusedFrom").get("build").asText()).isEqualTo("7");
            assertThat(check.get("reusedFrom").get("runId").asText()).isEqualTo(firstRun);
            assertThat(check.get("reusedFrom").get("buildUrl").asText()).isEqualTo("https://drone.example.com/data/etl/7");
            assertThat(Files.readString(reports.resolve("junit.xml"))).contains("reused: the pass of run " + firstRun)
                    .doesNotContain("<failure", "<error");
            assertThat(Files.readString(reports.resolve("summary.md"))).contains("passed (reused from build 7 of",
                    "not run: reused run " + firstRun.replace("_", "\\_"), "1 pass(es) reused from earlier builds");
            assertThat(Files.readString(reports.resolve("badge.svg"))).contains("glue health: passed (reused)");
            JsonNode card = JSON.readTree(dir.resolve("card2.json").toFile()).get("data");
            assertThat(card.get("verdict").asText()).isEqualTo("PASSED (reused)");
            assertThat(card.get("summary").asText()).contains("1 passed (1 reused from earlier builds)");
            assertThat(card.get("jobs").get(0).get("status").asText()).startsWith("PASSED (reused from build 7 of ");
        }
    }

    @Test
    void aChangedScriptRunsAgainAndAFailingCheckRecordsNothing() throws Exception {
        Path workspace = StepEnv.workspace(dir);
        try (LocalEndpointProcess endpoint = LocalEndpointProcess.start()) {
            assertThat(droneBuild(workspace, endpoint, "7", "jobs/orders_summary.py", dir.resolve("c1.json")).exitCode()).isZero();
            Files.writeString(workspace.resolve("jobs/orders_summary.py"), "\n# a change\n",
                    java.nio.file.StandardOpenOption.APPEND);
            endpoint.reset();

            Cli.Run changed = droneBuild(workspace, endpoint, "8", "jobs/orders_summary.py", dir.resolve("c2.json"));

            assertThat(changed.exitCode()).as(changed.toString()).isZero();
            assertThat(changed.output()).doesNotContain("reused from");
            assertThat(endpoint.operations()).contains("glue:CreateJob", "glue:StartJobRun", "s3:PutObject");
            assertThat(passRecords(endpoint)).hasSize(2);

            Cli.Run broken = droneBuild(workspace, endpoint, "9", "jobs/broken_report.py", dir.resolve("c3.json"));
            Cli.Run brokenAgain = droneBuild(workspace, endpoint, "10", "jobs/broken_report.py", dir.resolve("c4.json"));

            assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
            assertThat(brokenAgain.exitCode()).as(brokenAgain.toString()).isEqualTo(1);
            assertThat(brokenAgain.output()).doesNotContain("reused from");
            assertThat(passRecords(endpoint)).hasSize(2);
        }
    }

    @Test
    void aBadReusePassedIsOneLineAndNoCall() throws Exception {
        Path workspace = StepEnv.workspace(dir);
        try (LocalEndpointProcess endpoint = LocalEndpointProcess.start()) {
            Cli.Run run = Cli.run(workspace, StepEnv.terminal(home).map(), "--script", "jobs/orders_summary.py",
                    "--job-type", "pythonshell", "--endpoint", endpoint.url(), "--region", "us-east-1",
                    "--access-key", StepEnv.ACCESS_KEY, "--secret-key", StepEnv.SECRET_KEY, "--role", "glue-ci",
                    "--scripts-bucket", "s3://ci-scripts", "--repo", "data/etl", "--reuse-passed", "7");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.output()).contains("--reuse-passed: '7' is not an age; give a number with a unit "
                    + "(90s, 30m, 12h, 7d) or off").doesNotContain("Exception", "\tat ");
            assertThat(endpoint.operations()).isEmpty();
        }
    }
}
