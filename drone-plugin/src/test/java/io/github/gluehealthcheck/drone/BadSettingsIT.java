package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad settings: exit 2, one line per problem naming the setting as the user wrote it, no stack trace, and not a
 * single request to AWS (here: the local endpoint every step points at).
 */
class BadSettingsIT {
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
        StepEnv.write(workspace.resolve(".glue-health.yml"), "jobs:\n  - script: jobs/orders_summary.py\n    job_type: pythonshell\n");
        StepEnv.write(workspace.resolve("leaky.yml"), "jobs:\n  - script: jobs/orders_summary.py\n    access_key: AKEYINAFILE\n");
    }

    static Stream<Arguments> droneSteps() {
        return Stream.of(
                bad("a timeout that is not a number", s -> s.set("PLUGIN_TIMEOUT", "abc"),
                        "PLUGIN_TIMEOUT: 'abc' is not a whole number of minutes"),
                bad("an unknown job type", s -> s.set("PLUGIN_JOB_TYPE", "spark"),
                        "PLUGIN_JOB_TYPE: 'spark' is not allowed; use one of glueetl, pythonshell, glueray"),
                bad("no script", s -> s.remove("PLUGIN_SCRIPT"),
                        "PLUGIN_SCRIPT: is required: give a script, or list jobs with config or jobs"),
                bad("a script that is not there", s -> s.set("PLUGIN_SCRIPT", "jobs/missing.py"),
                        "PLUGIN_SCRIPT: 'jobs/missing.py' does not exist in the workspace"),
                bad("a script outside the workspace", s -> s.set("PLUGIN_SCRIPT", "../../etc/passwd.py"),
                        "PLUGIN_SCRIPT: '../../etc/passwd.py' is outside the workspace"),
                bad("script and config together", s -> s.set("PLUGIN_CONFIG", ".glue-health.yml"),
                        "PLUGIN_SCRIPT: cannot be combined with config; list the script among the jobs instead"),
                bad("pretty-printed (Harness) JSON that is broken",
                        s -> s.set("PLUGIN_ARGUMENTS", "{\n  \"--input\": \"s3://in/orders\",\n  \"--limit\" 10\n}"),
                        "PLUGIN_ARGUMENTS: is not valid JSON (line 3, column"),
                bad("an endpoint that is no URL", s -> s.set("PLUGIN_ENDPOINT", "ftp://x"),
                        "PLUGIN_ENDPOINT: 'ftp://x' must be 'local' or an http(s) URL"),
                bad("a region that does not exist", s -> s.set("PLUGIN_REGION", "moon"),
                        "PLUGIN_REGION: 'moon' is not an AWS region such as eu-west-1"),
                bad("a config file that is missing", s -> s.remove("PLUGIN_SCRIPT").set("PLUGIN_CONFIG", "missing.yml"),
                        "PLUGIN_CONFIG: 'missing.yml' does not exist in the workspace"),
                bad("credentials in the config file", s -> s.remove("PLUGIN_SCRIPT").set("PLUGIN_CONFIG", "leaky.yml"),
                        "PLUGIN_CONFIG: leaky.yml: 'access_key' in jobs entry 1: credentials never belong in the repository"),
                bad("parallelism out of range", s -> s.set("PLUGIN_PARALLELISM", "0"),
                        "PLUGIN_PARALLELISM: 0 is out of range; use 1 to 50"),
                bad("an access key without its secret key", s -> s.remove("PLUGIN_SECRET_KEY"),
                        "PLUGIN_SECRET_KEY: is missing: access_key is set, so secret_key must be set too"),
                bad("a boolean that is neither", s -> s.set("PLUGIN_DRY_RUN", "maybe"),
                        "PLUGIN_DRY_RUN: 'maybe' is not a boolean; use true or false"),
                bad("a max_wait that is no duration", s -> s.set("PLUGIN_MAX_WAIT", "forever"),
                        "PLUGIN_MAX_WAIT: 'forever' is not a duration"),
                bad("Spark sizing on a Python shell job", s -> s.set("PLUGIN_MAX_CAPACITY", "2"),
                        "PLUGIN_MAX_CAPACITY: 2.0 is not allowed; Python shell jobs take 0.0625 or 1"),
                bad("a job of a jobs list with a bad value, named by the job",
                        s -> s.remove("PLUGIN_SCRIPT").remove("PLUGIN_JOB_TYPE").set("PLUGIN_JOBS",
                                "[{\"script\": \"jobs/orders_summary.py\", \"job_type\": \"pythonshell\"},\n"
                                        + " {\"script\": \"jobs/broken_report.py\", \"job_type\": \"pythonshell\", \"timeout\": \"soon\"}]"),
                        "jobs[broken_report].timeout: 'soon' is not a whole number of minutes"),
                bad("several problems at once, each on its line",
                        s -> s.set("PLUGIN_KEEP_JOB", "sometimes").set("PLUGIN_TIMEOUT", "abc").set("PLUGIN_SWEEP", "perhaps"),
                        "PLUGIN_SWEEP: 'perhaps' is not a boolean; use true or false",
                        "PLUGIN_KEEP_JOB: 'sometimes' is not allowed; use one of never, on_failure, always",
                        "PLUGIN_TIMEOUT: 'abc' is not a whole number of minutes"));
    }

    private static Arguments bad(String what, UnaryOperator<StepEnv> change, String... expected) {
        return Arguments.of(what, change, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("droneSteps")
    void aDroneStepWithBadSettingsExits2NamingEachProblemAndCallsNothing(String what, UnaryOperator<StepEnv> change,
            List<String> expected) throws Exception {
        StepEnv step = StepEnv.drone(home, workspace).aws(endpoint).set("PLUGIN_SCRIPT", "jobs/orders_summary.py")
                .set("PLUGIN_JOB_TYPE", "pythonshell");
        Cli.Run run = Cli.run(workspace, change.apply(step).map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        List<String> errors = run.lines().stream().filter(l -> l.startsWith("error: ")).map(l -> l.substring(7)).toList();
        assertThat(errors).as(run.toString()).hasSameSizeAs(expected);
        for (String e : expected) {
            assertThat(errors).as(run.toString()).anyMatch(line -> line.startsWith(e));
        }
        assertNoTraceAndNoCall(run);
    }

    @Test
    void flagsAreNamedAsFlagsAndAllProblemsComeTogether() throws Exception {
        Cli.Run run = Cli.run(workspace, StepEnv.terminal(home).map(), "--script", "jobs/orders_summary.py",
                "--job-typ", "pythonshell", "--timeout", "abc", "--repo", "data/etl", "--endpoint", endpoint.url(),
                "--region", "us-east-1", "--role", "glue-ci", "--scripts-bucket", "s3://ci-scripts");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.lines()).as(run.toString()).contains(
                "error: --job-typ: is not an option (did you mean --job-type?); see --help",
                "error: --timeout: 'abc' is not a whole number of minutes");
        assertThat(run.lines()).filteredOn(l -> l.startsWith("error: ")).hasSize(2);
        assertNoTraceAndNoCall(run);
    }

    @Test
    void aWoodpeckerContextThatCannotBeUsedIsNamed() throws Exception {
        Cli.Run run = Cli.run(workspace, StepEnv.woodpecker(home, workspace).aws(endpoint)
                .set("PLUGIN_SCRIPT", "jobs/orders_summary.py").set("PLUGIN_JOB_TYPE", "pythonshell")
                .set("CI_COMMIT_PULL_REQUEST", "five").map());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.lines()).contains("error: PLUGIN_PULL_REQUEST: 'five' is not a pull request number");
        assertNoTraceAndNoCall(run);
    }

    private static void assertNoTraceAndNoCall(Cli.Run run) {
        assertThat(run.everything()).as(run.toString()).doesNotContain("Exception", "\tat ", "Caused by");
        assertThat(run.stderr()).isEmpty();
        assertThat(run.output()).contains("Nothing was called.");
        assertThat(endpoint.operations()).as("requests made").isEmpty();
    }
}
