package io.github.gluehealthcheck.engine.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import io.github.gluehealthcheck.engine.spec.JobType;
import io.github.gluehealthcheck.engine.spec.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsReaderTest {
    @TempDir
    Path workspace;

    private final Map<String, Object> settings = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(workspace.resolve("jobs"));
        Files.writeString(workspace.resolve("jobs/orders.py"), "print(1)\n");
        Files.writeString(workspace.resolve("jobs/customers.py"), "print(2)\n");
        settings.put("workspace", workspace.toString());
        settings.put("role", "glue-ci");
        settings.put("scripts_bucket", "s3://ci-scripts/checks");
    }

    private HealthCheckRequest read() {
        return read(Map.of());
    }

    private HealthCheckRequest read(Map<String, String> env) {
        return SettingsReader.read(settings, env, CiContext.builder().provider("drone").repo("data/etl").buildNumber("7"));
    }

    private List<String> problems() {
        try {
            read();
        } catch (InvalidSettingsException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected problems");
    }

    @Test
    void theStatusReadBudgetIsAWholeNumberFrom1To100() {
        settings.put("script", "jobs/orders.py");
        settings.put("status-reads-per-second", "1");
        assertThat(read().statusReadsPerSecond()).isEqualTo(1);
        settings.put("status-reads-per-second", "100");
        assertThat(read().statusReadsPerSecond()).isEqualTo(100);
        settings.put("status-reads-per-second", "101");
        assertThat(problems()).containsExactly("status_reads_per_second: 101 is out of range; use 1 to 100 (reads a second)");
        settings.put("status-reads-per-second", "0");
        assertThat(problems()).containsExactly("status_reads_per_second: 0 is out of range; use 1 to 100 (reads a second)");
        settings.put("status-reads-per-second", "2.5");
        assertThat(problems()).containsExactly("status_reads_per_second: '2.5' is not a whole number");
    }

    @Test
    void aVersionGivenAsANumberReadsAsMajorDotMinor() {
        // JSON and YAML writers drop a trailing .0: 4.0 in a jobs list arrives as the JSON number 4.
        settings.put("jobs", "[{\"script\": \"jobs/orders.py\", \"glue_version\": 4},"
                + " {\"script\": \"jobs/customers.py\", \"glue_version\": 5.0}]");
        HealthCheckRequest r = read();
        assertThat(r.checks()).extracting(CheckSpec::glueVersion).containsExactly("4.0", "5.0");
        settings.remove("jobs");
        settings.put("script", "jobs/orders.py");
        settings.put("glue_version", new java.math.BigDecimal("3"));
        assertThat(read().checks().get(0).glueVersion()).isEqualTo("3.0");
        settings.put("glue_version", "5");
        assertThat(problems()).containsExactly("glue_version: '5' is not a Glue version; glueetl jobs take 3.0, 4.0, 5.0, 5.1");
    }

    @Test
    void oneScriptWithTextValuesLikeDroneGivesThem() {
        settings.put("script", "jobs/orders.py");
        settings.put("number_of_workers", "3");
        settings.put("timeout", "5");
        settings.put("max_wait", "90s");
        settings.put("arguments", "{\"--input\":\"s3://in/x\",\"--limit\":\"10\"}");
        settings.put("extra_py_files", "s3://libs/a.zip,s3://libs/b.zip");
        settings.put("tags", "team=data,cost-center=42");
        HealthCheckRequest r = read();
        CheckSpec spec = r.checks().get(0);
        assertThat(spec.numberOfWorkers()).isEqualTo(3);
        assertThat(spec.timeoutMinutes()).isEqualTo(5);
        assertThat(spec.maxWait()).isEqualTo(Duration.ofSeconds(90));
        assertThat(spec.arguments()).containsEntry("--input", "s3://in/x").containsEntry("--limit", "10");
        assertThat(spec.extraPyFiles()).hasSize(2);
        assertThat(spec.tags()).containsEntry("team", "data").containsEntry("cost-center", "42");
        assertThat(r.parallelism()).isEqualTo(4);
        assertThat(r.statusReadsPerSecond()).isEqualTo(5);
        assertThat(r.sweep()).isTrue();
        assertThat(r.reportDir()).isEqualTo(workspace.resolve("glue-health-check"));
    }

    @Test
    void harnessPrettyPrintedJsonOverSeveralLines() {
        settings.put("script", "jobs/orders.py");
        settings.put("arguments", "{\n  \"--input\": \"s3://in/x\",\n  \"--mode_of_run\": \"a,b\"\n}");
        settings.put("connections", "[\n  \"vpc-a\",\n  \"with,comma\"\n]");
        CheckSpec spec = read().checks().get(0);
        assertThat(spec.arguments()).containsEntry("--mode_of_run", "a,b");
        assertThat(spec.connections()).containsExactly("vpc-a", "with,comma");
    }

    @Test
    void typedValuesLikeJenkinsGivesThem() {
        settings.put("scriptsBucket", "s3://ci-scripts/checks");
        settings.put("script", "jobs/orders.py");
        settings.put("numberOfWorkers", 4);
        settings.put("arguments", Map.of("--input", "s3://in/x"));
        settings.put("extraPyFiles", List.of("s3://libs/a.zip"));
        settings.put("dryRun", true);
        HealthCheckRequest r = read();
        assertThat(r.checks().get(0).numberOfWorkers()).isEqualTo(4);
        assertThat(r.checks().get(0).extraPyFiles()).hasSize(1);
        assertThat(r.dryRun()).isTrue();
    }

    @Test
    void configFileWithDefaultsAndPerJobOverrides() throws IOException {
        Files.writeString(workspace.resolve(".glue-health.yml"), """
                parallelism: 2
                defaults:
                  glue_version: "4.0"
                  number_of_workers: 5
                jobs:
                  - script: jobs/orders.py
                    number_of_workers: 3
                  - script: jobs/customers.py
                    job_type: pythonshell
                    glue_version: "3.0"
                """);
        settings.put("config", ".glue-health.yml");
        settings.put("number_of_workers", "4");
        HealthCheckRequest r = read();
        assertThat(r.parallelism()).isEqualTo(2);
        assertThat(r.checks()).extracting(CheckSpec::jobName).containsExactly("orders", "customers");
        // job entry beats step, step beats file defaults
        assertThat(r.checks().get(0).numberOfWorkers()).isEqualTo(3);
        assertThat(r.checks().get(0).glueVersion()).isEqualTo("4.0");
        assertThat(r.checks().get(1).jobType()).isEqualTo(JobType.PYTHONSHELL);
    }

    @Test
    void stepSettingsBeatFileDefaults() throws IOException {
        Files.writeString(workspace.resolve(".glue-health.yml"), """
                defaults:
                  number_of_workers: 5
                jobs:
                  - script: jobs/orders.py
                """);
        settings.put("config", ".glue-health.yml");
        settings.put("number_of_workers", "4");
        assertThat(read().checks().get(0).numberOfWorkers()).isEqualTo(4);
    }

    @Test
    void configFilesRefuseCredentialsUnknownKeysAndBadYaml() throws IOException {
        Files.writeString(workspace.resolve("bad.yml"), """
                secret_key: abc
                defaults:
                  numbr_of_workers: 3
                jobs:
                  - script: jobs/orders.py
                    repo: other/repo
                """);
        settings.put("config", "bad.yml");
        assertThat(problems()).containsExactlyInAnyOrder(
                "config: bad.yml: 'secret_key' at the top level: credentials never belong in the repository; pass them as CI secrets",
                "config: bad.yml: 'numbr_of_workers' is not a setting (did you mean number_of_workers?) in defaults",
                "config: bad.yml: 'repo' in jobs entry 1: the build context comes from the CI, not from the file");
        Files.writeString(workspace.resolve("broken.yml"), "jobs: [\n  - script: a\n");
        settings.put("config", "broken.yml");
        assertThat(problems()).singleElement().asString().startsWith("config: 'broken.yml' is not valid YAML (line");
    }

    @Test
    void jobsAsAJsonArray() {
        settings.put("jobs", "[{\"script\": \"jobs/orders.py\"}, {\"script\": \"jobs/customers.py\", \"job_type\": \"pythonshell\"}]");
        assertThat(read().checks()).extracting(CheckSpec::jobType).containsExactly(JobType.GLUEETL, JobType.PYTHONSHELL);
    }

    @Test
    void problemsOfSeveralJobsNameTheJob() {
        settings.put("jobs", List.of(Map.of("script", "jobs/orders.py", "worker_type", "huge"),
                Map.of("script", "jobs/customers.py", "timeout", "0")));
        assertThat(problems()).containsExactlyInAnyOrder(
                "jobs[orders].worker_type: 'huge' is not a Glue worker type; glueetl jobs take "
                        + "G.1X, G.2X, G.4X, G.8X, G.12X, G.16X, R.1X, R.2X, R.4X, R.8X",
                "jobs[customers].timeout: 0 is out of range; use 1 to 10080 minutes");
    }

    @Test
    void conflictingSettings() {
        settings.put("script", "jobs/orders.py");
        settings.put("jobs", List.of(Map.of("script", "jobs/customers.py")));
        assertThat(problems()).containsExactly("script: cannot be combined with jobs; list the script among the jobs instead");
    }

    @Test
    void wrongTypesAndUnknownValuesAreNamed() {
        settings.put("script", "jobs/orders.py");
        settings.put("number_of_workers", "three");
        settings.put("job_type", "gluetl");
        settings.put("sweep", "maybe");
        settings.put("max_wait", "soon");
        assertThat(problems()).containsExactlyInAnyOrder(
                "number_of_workers: 'three' is not a whole number",
                "job_type: 'gluetl' is not allowed; use one of glueetl, pythonshell, glueray (did you mean glueetl?)",
                "sweep: 'maybe' is not a boolean; use true or false",
                "max_wait: 'soon' is not a duration; give minutes (20) or a number with a unit (90s, 15m, 1h)");
    }

    @Test
    void unknownSettingsAreWarningsWithTheClosestName() {
        settings.put("script", "jobs/orders.py");
        settings.put("scripts_buckt", "x");
        assertThat(read().warnings()).containsExactly("unknown setting 'scripts_buckt' is ignored (did you mean scripts_bucket?)");
    }

    @Test
    void secretValuesNeverAppearInProblems() {
        settings.put("script", "jobs/orders.py");
        settings.put("access_key", "NOTAKEY-FAKEFAKEFAKE1234");
        settings.put("external_id", "ext-id-very-secret");
        assertThat(problems()).containsExactlyInAnyOrder(
                "secret_key: is missing: access_key is set, so secret_key must be set too",
                "external_id: needs assume_role")
                .noneMatch(p -> p.contains("NOTAKEY-FAKE") || p.contains("very-secret"));
    }

    @Test
    void awsEnvironmentFallbacks() {
        settings.put("script", "jobs/orders.py");
        HealthCheckRequest r = read(Map.of("AWS_DEFAULT_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "NOTAKEY-ENVENVENVENV0000",
                "AWS_SECRET_ACCESS_KEY", "env-secret-value", "AWS_SESSION_TOKEN", "env-token-value"));
        assertThat(r.connection().region()).contains("eu-west-1");
        assertThat(r.connection().credentialSource()).isEqualTo("static keys from environment with session token");
        assertThat(r.redactor().mask("x env-secret-value y env-token-value")).isEqualTo("x **** y ****");
        assertThat(r.connection().toString()).doesNotContain("env-secret-value").doesNotContain("env-token-value");
    }

    @Test
    void settingsKeysBeatEnvironmentKeysAsAWhole() {
        settings.put("script", "jobs/orders.py");
        settings.put("access_key", "NOTAKEY-SETTINGSSETTING1");
        settings.put("secret_key", "settings-secret");
        HealthCheckRequest r = read(Map.of("AWS_ACCESS_KEY_ID", "NOTAKEY-ENV", "AWS_SECRET_ACCESS_KEY", "env", "AWS_SESSION_TOKEN", "envtoken"));
        assertThat(r.connection().credentialSource()).isEqualTo("static keys from settings");
    }

    @Test
    void localEndpointNeedsNoRoleOrBucket() {
        settings.remove("role");
        settings.remove("scripts_bucket");
        settings.put("endpoint", "local");
        settings.put("script", "jobs/orders.py");
        CheckSpec spec = read().checks().get(0);
        assertThat(spec.role()).isEqualTo(SettingsReader.LOCAL_ROLE);
        assertThat(spec.scriptsBucket().toString()).isEqualTo(SettingsReader.LOCAL_SCRIPTS_BUCKET);
    }

    @Test
    void sweepModeNeedsNoScript() {
        settings.put("mode", "sweep");
        assertThat(read().mode()).isEqualTo(HealthCheckRequest.Mode.SWEEP);
    }

    @Test
    void contextSettingsOverrideTheDetectedContext() {
        settings.put("script", "jobs/orders.py");
        settings.put("pull_request", "12");
        settings.put("repo", "data/other");
        HealthCheckRequest r = read();
        assertThat(r.context().repo()).isEqualTo("data/other");
        assertThat(r.context().pullRequest()).contains("12");
        assertThat(r.context().buildNumber()).contains("7");
    }
}
