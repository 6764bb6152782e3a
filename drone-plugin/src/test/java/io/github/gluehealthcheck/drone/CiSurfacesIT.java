package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CIs show besides the log: the Drone card (to a file, or as an escape sequence on stdout), Harness step
 * outputs from pretty-printed JSON settings, and Woodpecker's CI_* context naming the job.
 */
class CiSurfacesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CARD = Pattern.compile("\u001B]1338;([A-Za-z0-9+/=]+)\u001B]0m\n");
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

    private StepEnv drone(String script) {
        return StepEnv.drone(home, workspace).aws(endpoint).set("PLUGIN_SCRIPT", script).set("PLUGIN_JOB_TYPE", "pythonshell");
    }

    @Test
    void aCardFileGetsTheRawJsonWithTheTemplateAndTheVerdict() throws Exception {
        Path card = dir.resolve("card/step.json");
        Cli.Run run = Cli.run(workspace, drone("jobs/broken_report.py").set("DRONE_CARD_PATH", card.toString()).map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode payload = JSON.readTree(card.toFile());
        assertThat(payload.get("schema").asText()).endsWith("/drone-plugin/card.json");
        JsonNode data = payload.get("data");
        assertThat(data.get("status").asText()).isEqualTo("FAILED");
        assertThat(data.get("repo").asText()).isEqualTo("data/etl");
        assertThat(data.get("buildUrl").asText()).isEqualTo("https://drone.example.com/data/etl/7");
        assertThat(data.get("jobs").get(0).get("name").asText()).isEqualTo("broken_report");
        assertThat(data.get("jobs").get(0).get("state").asText()).isEqualTo("FAILED");
        assertThat(data.get("jobs").get(0).get("reason").asText()).isEqualTo("the job failed: KeyError: 'total'");
        assertThat(data.get("jobs").get(0).get("cost").asText()).startsWith("$");
        assertThat(run.raw()).doesNotContain("\u001B]1338;");
    }

    @Test
    void onDevStdoutTheCardIsOneEscapeSequenceAtTheEndOfTheLog() throws Exception {
        Cli.Run run = Cli.run(workspace, drone("jobs/orders_summary.py").set("DRONE_CARD_PATH", "/dev/stdout").map());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Matcher m = CARD.matcher(run.raw());
        assertThat(m.find()).as(run.raw()).isTrue();
        assertThat(run.raw().substring(0, m.start())).endsWith("\n").contains("Glue health check");
        JsonNode payload = JSON.readTree(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
        assertThat(payload.get("data").get("status").asText()).isEqualTo("PASSED");
        assertThat(payload.get("data").get("jobs").get(0).get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(m.find()).as("one card").isFalse();
    }

    @Test
    void harnessMultiLineJsonSettingsAndStepOutputs() throws Exception {
        StepEnv.write(workspace.resolve("jobs/echo_args.py"), "import sys\nprint('args', ' '.join(sys.argv[1:]))\n");
        Path outputs = dir.resolve("harness-output.env");
        Cli.Run run = Cli.run(workspace, StepEnv.drone(home, workspace).aws(endpoint)
                .set("HARNESS_ACCOUNT_ID", "acc123").set("HARNESS_PIPELINE_ID", "glue").set("DRONE_OUTPUT", outputs.toString())
                .set("DRONE_REPO", "octocat/etl").set("DRONE_REPO_LINK", "https://github.com/data/etl")
                .set("PLUGIN_JOBS", """
                        [
                          {
                            "script": "jobs/echo_args.py",
                            "job_type": "pythonshell",
                            "arguments": {
                              "--mode_of_run": "a,b",
                              "--input_path": "s3://in/x"
                            }
                          },
                          {
                            "script": "jobs/broken_report.py",
                            "job_type": "pythonshell"
                          }
                        ]""")
                .set("PLUGIN_TAGS", """
                        {
                          "team": "data-platform",
                          "cost-center": "4711"
                        }""")
                .set("PLUGIN_KEEP_JOB", "always").map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.output()).as(run.toString()).contains("harness data/etl build 7, 2 jobs: echo_args, broken_report",
                "[echo_args] | args ", "--mode_of_run a,b", "[broken_report] ! KeyError: 'total'");
        assertThat(Files.readString(outputs)).isEqualTo("HEALTH=failed\nFAILED_JOBS=broken_report\nREPORT="
                + workspace.resolve("glue-health-check/report.json") + "\n");
        // keep_job: always left both jobs for a look at what was created.
        List<JsonNode> jobs = keptJobs("harness");
        assertThat(jobs).hasSize(2);
        for (JsonNode job : jobs) {
            assertThat(job.get("tags").get("team").asText()).isEqualTo("data-platform");
            assertThat(job.get("tags").get("cost-center").asText()).isEqualTo("4711");
        }
        assertThat(jobs).anySatisfy(job -> assertThat(job.get("defaultArguments").path("--mode_of_run").asText()).isEqualTo("a,b"));
        assertThat(run.output()).contains("left behind: delete job: kept");
    }

    @Test
    void woodpeckerContextNamesAndTagsTheJob() throws Exception {
        Cli.Run run = Cli.run(workspace, StepEnv.woodpecker(home, workspace).aws(endpoint)
                .set("PLUGIN_SCRIPT", "jobs/orders_summary.py").set("PLUGIN_JOB_TYPE", "pythonshell")
                .set("PLUGIN_KEEP_JOB", "always").map());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains("woodpecker data/etl PR 5 build 21, 1 job: orders_summary",
                "[orders_summary] create: glue-health-check-orders_summary-etl-pr5-b21-");
        List<JsonNode> kept = keptJobs("woodpecker");
        assertThat(kept).hasSize(1);
        JsonNode job = kept.get(0);
        assertThat(job.get("name").asText()).startsWith("glue-health-check-orders_summary-etl-pr5-b21-");
        assertThat(job.get("tags").get("glue-health-check:repo").asText()).isEqualTo("data/etl");
        assertThat(job.get("tags").get("glue-health-check:pull-request").asText()).isEqualTo("5");
        assertThat(job.get("tags").get("glue-health-check:build").asText()).isEqualTo("21");
        JsonNode report = JSON.readTree(workspace.resolve("glue-health-check/report.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("PASSED");
    }

    /** The jobs keep_job left, of one CI provider (the endpoint serves every test of this class). */
    private static List<JsonNode> keptJobs(String provider) {
        List<JsonNode> out = new ArrayList<>();
        endpoint.state().get("jobs").forEach(j -> {
            if (provider.equals(j.get("tags").path("glue-health-check:provider").asText())) {
                out.add(j);
            }
        });
        return out;
    }
}
