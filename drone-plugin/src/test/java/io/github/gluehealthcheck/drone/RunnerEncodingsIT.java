package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same step, as each runner hands it to the plugin. Written once as a user writes it:
 *
 * <pre>
 * settings:
 *   script: jobs/data_processing.py
 *   glue_version: 5.0            # a float
 *   number_of_workers: 3         # an integer
 *   timeout: 5
 *   max_wait: 7.5
 *   sweep: false                 # booleans
 *   dry_run: true
 *   arguments:                   # a map, one value with a comma, one a number
 *     --input_path: s3://my-data-lake/orders/sample/
 *     --columns: a,b
 *     --limit: 10
 *     --db_password: Pa55w0rd-for-tests-only
 *   secret_arguments: [--db_password, --api_token]   # a list
 *   access_key: {from_secret: glue_ci_access_key_id}
 *   secret_key: {from_secret: glue_ci_secret_access_key}
 * </pre>
 *
 * and a step with a list of objects ({@code jobs:} with {@code max_capacity: 1.0} and {@code glue_version: 4.0}).
 * Each runner's variables below are derived by hand from its encoder:
 * <ul>
 * <li>Drone: drone-runners/drone-runner-docker@v1.8.4 internal/encoder/encoder.go: {@code int} by {@code Itoa},
 * {@code float64} by {@code strconv.FormatFloat(v, 'g', -1, 64)} (5.0 becomes {@code 5}), a list of scalars
 * joined with commas, maps and lists of objects through yaml.Marshal and ghodss YAMLToJSON (compact JSON, keys
 * sorted, 1.0 becomes {@code 1}); {@code from_secret} is replaced by the secret's value.
 * <li>Woodpecker: woodpecker-ci/woodpecker@v3.17.0 pipeline/frontend/yaml/compiler/settings/params.go: numbers by
 * {@code fmt.Sprintf("%v")} (5.0 becomes {@code 5}), booleans by {@code FormatBool}, a list of scalars joined with
 * commas, anything else through yaml.Marshal and yaml2json (compact JSON); {@code from_secret} becomes the value.
 * <li>Harness: harness-core 332-ci-manager SerializerUtils.convertJsonNodeToString (as in the
 * vigneswara-propelo/harness-core mirror): a value node by {@code asText} (5.0 stays {@code 5.0}), a list of
 * scalars joined with commas, anything else by Jackson's {@code writer().withDefaultPrettyPrinter()} (multi-line);
 * a secret is {@code <+secrets.getValue("...")>}, resolved to the value, while a pasted {@code from_secret} map
 * stays a map and arrives as its pretty-printed JSON.
 * </ul>
 */
class RunnerEncodingsIT {
    private static final String DB_PASSWORD = "Pa55w0rd-for-tests-only";
    private static final String API_TOKEN = "tok-123-not-real";
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

    /** Settings every runner passes the same way (plain strings). */
    private StepEnv plain(StepEnv env) {
        return env.set("PLUGIN_REGION", "eu-west-1").set("PLUGIN_ROLE", "arn:aws:iam::123456789012:role/glue-ci")
                .set("PLUGIN_SCRIPTS_BUCKET", "s3://ci-scripts/checks")
                // from_secret (Drone, Woodpecker) and <+secrets.getValue()> (Harness) both arrive as the value.
                .set("PLUGIN_ACCESS_KEY", StepEnv.ACCESS_KEY).set("PLUGIN_SECRET_KEY", StepEnv.SECRET_KEY);
    }

    /** Drone and Woodpecker encode the scalars and the list alike; their map JSON is compact with sorted keys. */
    private StepEnv goEncoded(StepEnv env) {
        return plain(env).set("PLUGIN_SCRIPT", "jobs/data_processing.py").set("PLUGIN_GLUE_VERSION", "5")
                .set("PLUGIN_NUMBER_OF_WORKERS", "3").set("PLUGIN_TIMEOUT", "5").set("PLUGIN_MAX_WAIT", "7.5")
                .set("PLUGIN_SWEEP", "false").set("PLUGIN_DRY_RUN", "true")
                .set("PLUGIN_ARGUMENTS", "{\"--api_token\":\"" + API_TOKEN + "\",\"--columns\":\"a,b\",\"--db_password\":\""
                        + DB_PASSWORD + "\",\"--input_path\":\"s3://my-data-lake/orders/sample/\",\"--limit\":10}")
                .set("PLUGIN_SECRET_ARGUMENTS", "--db_password,--api_token");
    }

    private StepEnv harness() {
        return StepEnv.drone(home, workspace).set("DRONE_REPO", "octocat/etl")
                .set("DRONE_REPO_LINK", "https://github.com/data/etl").set("HARNESS_ACCOUNT_ID", "acc123")
                .set("HARNESS_BUILD_ID", "7").set("PLUGIN_ARTIFACT_FILE", dir.resolve("artifact.json").toString());
    }

    private StepEnv harnessEncoded(StepEnv env) {
        return plain(env).set("PLUGIN_SCRIPT", "jobs/data_processing.py").set("PLUGIN_GLUE_VERSION", "5.0")
                .set("PLUGIN_NUMBER_OF_WORKERS", "3").set("PLUGIN_TIMEOUT", "5").set("PLUGIN_MAX_WAIT", "7.5")
                .set("PLUGIN_SWEEP", "false").set("PLUGIN_DRY_RUN", "true")
                .set("PLUGIN_ARGUMENTS", pretty("{\"--input_path\":\"s3://my-data-lake/orders/sample/\",\"--columns\":\"a,b\","
                        + "\"--limit\":10,\"--db_password\":\"" + DB_PASSWORD + "\",\"--api_token\":\"" + API_TOKEN + "\"}"))
                .set("PLUGIN_SECRET_ARGUMENTS", "--db_password,--api_token");
    }

    /** Harness's encoding of a map or a list of objects: Jackson's default pretty printer, as SerializerUtils does. */
    private static String pretty(String json) {
        try {
            return JSON.writer().withDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertThePlan(Cli.Run run, String build) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).as(run.toString()).contains(
                "dry run: nothing is created, started or deleted",
                "build: " + build,
                "credentials: static keys from settings",
                "glueetl on Glue 5.0, 3 x G.1X, STANDARD, timeout 5 min, max_wait 7m30s",
                "--columns=a,b", "--limit=10", "--db_password=****", "--api_token=****",
                "--input_path=s3://my-data-lake/orders/sample/")
                .contains("1 job(s), 1 at a time\n")
                .doesNotContain("warning:", "swept");
        assertThat(run.everything()).doesNotContain(StepEnv.ACCESS_KEY, StepEnv.SECRET_KEY, DB_PASSWORD, API_TOKEN);
    }

    @Test
    void droneDockerRunnerEncoding() throws Exception {
        Cli.Run run = Cli.run(workspace, goEncoded(StepEnv.drone(home, workspace)).map());
        assertThePlan(run, "drone data/etl build 7");
    }

    @Test
    void woodpeckerEncodingWithTheWorkspaceItNames() throws Exception {
        Cli.Run run = Cli.run(workspace, goEncoded(StepEnv.woodpecker(home, workspace))
                .set("PLUGIN_LOG_LEVEL", "debug").map());
        assertThePlan(run, "woodpecker data/etl PR 5 build 21");
        assertThat(run.output()).contains("setting workspace = " + workspace + " (detected from CI_WORKSPACE)")
                .doesNotContain("PLUGIN_WORKSPACE");
    }

    @Test
    void harnessEncodingWithItsRepositoryLinkAndInjectedVariables() throws Exception {
        Cli.Run run = Cli.run(workspace, harnessEncoded(harness()).map());
        // The repository is the link's, not DRONE_REPO's commit author; PLUGIN_ARTIFACT_FILE is not a setting.
        assertThePlan(run, "harness data/etl build 7");
        assertThat(run.output()).doesNotContain("octocat", "PLUGIN_ARTIFACT_FILE");
    }

    @Test
    void aListOfObjectsAsEachRunnerEncodesIt() throws Exception {
        String goJobs = "[{\"job_type\":\"pythonshell\",\"max_capacity\":1,\"script\":\"jobs/orders_summary.py\"},"
                + "{\"glue_version\":4,\"number_of_workers\":2,\"script\":\"jobs/data_processing.py\"}]";
        String harnessJobs = pretty("[{\"script\":\"jobs/orders_summary.py\",\"job_type\":\"pythonshell\",\"max_capacity\":1.0},"
                + "{\"script\":\"jobs/data_processing.py\",\"glue_version\":4.0,\"number_of_workers\":2}]");
        assertThat(harnessJobs).contains("\n  \"max_capacity\" : 1.0\n", "\"glue_version\" : 4.0");
        Map<String, StepEnv> runners = Map.of(
                "drone", plain(StepEnv.drone(home, workspace)).set("PLUGIN_JOBS", goJobs),
                "woodpecker", plain(StepEnv.woodpecker(home, workspace)).set("PLUGIN_JOBS", goJobs),
                "harness", plain(harness()).set("PLUGIN_JOBS", harnessJobs));
        for (Map.Entry<String, StepEnv> runner : runners.entrySet()) {
            Cli.Run run = Cli.run(workspace, runner.getValue().set("PLUGIN_DRY_RUN", "true").map());
            assertThat(run.exitCode()).as(runner.getKey() + ": " + run).isZero();
            assertThat(run.output()).as(runner.getKey() + ": " + run).contains(
                    runner.getKey() + " data/etl", "2 job(s)",
                    "pythonshell on Glue 3.0, 1.0 DPU", "glueetl on Glue 4.0, 2 x G.1X").doesNotContain("warning:");
        }
    }

    @Test
    void aFromSecretPastedIntoHarnessIsRefusedWithoutEchoingIt() throws Exception {
        // Harness leaves {from_secret: ...} a map, so the plugin gets its pretty-printed JSON, not a key.
        String pasted = pretty("{\"from_secret\":\"glue_ci_access_key_id\"}");
        assertThat(pasted).isEqualTo("{\n  \"from_secret\" : \"glue_ci_access_key_id\"\n}");
        Cli.Run run = Cli.run(workspace, harnessEncoded(harness()).set("PLUGIN_ACCESS_KEY", pasted)
                .set("PLUGIN_SECRET_KEY", pretty("{\"from_secret\":\"glue_ci_secret_access_key\"}"))
                .remove("PLUGIN_DRY_RUN").set("PLUGIN_ENDPOINT", endpoint.url()).map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.lines()).as(run.toString()).contains(
                "error: PLUGIN_ACCESS_KEY: holds a JSON object, not a secret value (from_secret is not resolved here);"
                        + " in Harness give the secret as <+secrets.getValue(\"name\")>",
                "error: PLUGIN_SECRET_KEY: holds a JSON object, not a secret value (from_secret is not resolved here);"
                        + " in Harness give the secret as <+secrets.getValue(\"name\")>");
        assertThat(run.everything()).doesNotContain("glue_ci_access_key_id", "glue_ci_secret_access_key", "\"from_secret\"");
        assertThat(endpoint.operations()).as("no AWS call").isEmpty();
    }

    @Test
    void harnessWithoutACodebaseAsksForTheRepository() throws Exception {
        Cli.Run run = Cli.run(workspace, harnessEncoded(harness()).remove("DRONE_REPO_LINK").map());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.lines()).contains("error: PLUGIN_REPO: Harness names no repository for this step (neither "
                + "DRONE_REPO_LINK nor DRONE_GIT_HTTP_URL: the pipeline has no codebase); set repo: owner/name");
        assertThat(run.output()).doesNotContain("octocat", "is unknown");

        Cli.Run given = Cli.run(workspace, harnessEncoded(harness()).remove("DRONE_REPO_LINK")
                .set("PLUGIN_REPO", "data/etl").map());
        assertThat(given.exitCode()).as(given.toString()).isZero();
        assertThat(given.output()).contains("build: harness data/etl build 7");
    }

    @Test
    void harnessStepOutputsGoToHarnessOutputFileWhenThatIsAllItGives() throws Exception {
        Path outputs = dir.resolve("output.env");
        Cli.Run run = Cli.run(workspace, plain(harness()).set("PLUGIN_ENDPOINT", endpoint.url())
                .set("PLUGIN_SCRIPT", "jobs/orders_summary.py").set("PLUGIN_JOB_TYPE", "pythonshell")
                .set("PLUGIN_MAX_CAPACITY", "1.0").set("HARNESS_OUTPUT_FILE", outputs.toString()).map());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains("harness data/etl build 7, 1 job: orders_summary");
        assertThat(Files.readString(outputs)).isEqualTo("HEALTH=passed\nFAILED_JOBS=\nREPORT="
                + workspace.resolve("glue-health-check/report.json") + "\n");
        assertThat(endpoint.state().get("jobs")).as("jobs left behind").isEmpty();
    }
}
