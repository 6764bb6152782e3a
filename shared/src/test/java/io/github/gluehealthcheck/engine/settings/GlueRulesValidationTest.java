package io.github.gluehealthcheck.engine.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.ExecutionClass;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import io.github.gluehealthcheck.engine.spec.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's answer to each input Glue's rules table decides, read as a step's settings are read (what
 * {@code --dry-run} shows before any AWS call): the wrong worker type for a job type, an end-of-life version, Ray
 * outside its regions, Glue's internal arguments, the tag limit with the engine's own tags, and the timeout range.
 */
class GlueRulesValidationTest {
    private static final String SPARK_TYPES = "G.1X, G.2X, G.4X, G.8X, G.12X, G.16X, R.1X, R.2X, R.4X, R.8X";

    @TempDir
    Path workspace;

    private final Map<String, Object> settings = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(workspace.resolve("jobs"));
        Files.writeString(workspace.resolve("jobs/orders.py"), "print(1)\n");
        settings.put("workspace", workspace.toString());
        settings.put("script", "jobs/orders.py");
        settings.put("role", "glue-ci");
        settings.put("scripts_bucket", "s3://ci-scripts/checks");
        settings.put("region", "us-east-1");
        settings.put("dry_run", "true");
    }

    private HealthCheckRequest read() {
        return SettingsReader.read(settings, Map.of(),
                CiContext.builder().provider("drone").repo("data/etl").buildNumber("7").pullRequest("12"));
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
    void aRayWorkerTypeOnASparkJobIsAnError() {
        settings.put("job_type", "glueetl");
        settings.put("worker_type", "Z.2X");
        assertThat(problems()).containsExactly("worker_type: Z.2X is for glueray jobs; glueetl jobs take " + SPARK_TYPES);
    }

    @Test
    void aSparkWorkerTypeOnARayJobIsAnError() {
        settings.put("job_type", "glueray");
        settings.put("worker_type", "G.1X");
        assertThat(problems()).containsExactly("worker_type: G.1X is for glueetl and gluestreaming jobs; glueray jobs take Z.2X");
    }

    @Test
    void aWorkerTypeTheTableDoesNotKnowIsAWarningNamingTheKnownOnes() {
        settings.put("worker_type", "G.3X");
        HealthCheckRequest request = read();
        assertThat(request.checks().get(0).workerType()).isEqualTo("G.3X");
        assertThat(request.warnings()).containsExactly("worker_type: 'G.3X' is not a worker type glue-health-check knows; "
                + "glueetl jobs take " + SPARK_TYPES + " (Glue will refuse it if it does not exist)");
    }

    @Test
    void theStreamingWorkerTypeIsRefusedForBatchSpark() {
        settings.put("worker_type", "G.025X");
        assertThat(problems()).containsExactly("worker_type: G.025X is for gluestreaming jobs; glueetl jobs take " + SPARK_TYPES);
    }

    @Test
    void aVersionPastItsEndOfLifeIsAnErrorWithTheDate() {
        settings.put("glue_version", "2.0");
        assertThat(problems()).containsExactly("glue_version: Glue 2.0 reached end of life on 2026-04-01 and takes no new "
                + "jobs; glueetl jobs take 3.0, 4.0, 5.0, 5.1");
    }

    @Test
    void aVersionNewerThanTheTableIsAWarning() {
        settings.put("glue_version", "6.0");
        assertThat(read().warnings()).singleElement().asString()
                .startsWith("glue_version: Glue 6.0 is newer than the versions glue-health-check knows");
    }

    @Test
    void rayOutsideItsRegionsIsAnError() {
        settings.put("job_type", "glueray");
        settings.put("region", "eu-central-1");
        assertThat(problems()).containsExactly("job_type: glueray jobs exist only in us-east-1, us-east-2, us-west-2, "
                + "ap-northeast-1, eu-west-1, not in eu-central-1");
    }

    @Test
    void rayInItsRegionsSaysThatItTakesNoNewCustomers() {
        settings.put("job_type", "glueray");
        settings.put("region", "eu-west-1");
        assertThat(read().warnings()).containsExactly("job_type: Glue for Ray takes no new customers since 2026-04-30; "
                + "only accounts that used it before can create Ray jobs");
    }

    @Test
    void sparkConfIsAUserParameter() {
        settings.put("arguments", "{\"--conf\": \"spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions\"}");
        assertThat(read().checks().get(0).arguments()).containsKey("--conf");
    }

    @Test
    void endpointIsInternalToGlue() {
        settings.put("arguments", "{\"--endpoint\": \"x\"}");
        assertThat(problems()).containsExactly(
                "arguments: key '--endpoint' is internal to Glue; --debug, --mode, --JOB_NAME, --endpoint cannot be set");
    }

    @Test
    void tagsCountTheEnginesOwnSoCreateJobNeverFailsOnTheLimit() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < 42; i++) {
            tags.put("team" + i, "data");
        }
        settings.put("tags", tags);
        assertThat(problems()).containsExactly("tags: 42 tags are too many; Glue allows 50 and up to 9 are used for "
                + "ownership and expiry, so at most 41");

        tags.remove("team41");
        CheckSpec spec = read().checks().get(0);
        Map<String, String> engine = OwnershipTags.forNewJob(read().context(), "c0ffee", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(60), "s3://ci-scripts/checks/orders.py");
        assertThat(engine).hasSize(CheckSpec.RESERVED_TAG_COUNT);
        assertThat(spec.tags().size() + engine.size()).isEqualTo(50);
    }

    @Test
    void timeoutsUpToSevenDaysAreAllowed() {
        settings.put("timeout", "5000");
        assertThat(read().checks().get(0).timeoutMinutes()).isEqualTo(5000);
        settings.put("timeout", "10081");
        assertThat(problems()).containsExactly("timeout: 10081 is out of range; use 1 to 10080 minutes");
    }

    @Test
    void flexWaitsForGluesDocumentedQueueByDefault() {
        settings.put("execution_class", "flex");
        settings.put("timeout", "10");
        CheckSpec spec = read().checks().get(0);
        assertThat(spec.executionClass()).isEqualTo(ExecutionClass.FLEX);
        assertThat(spec.maxWait()).isEqualTo(Duration.ofMinutes(10 + 20 + 10));
        settings.remove("execution_class");
        assertThat(read().checks().get(0).maxWait()).isEqualTo(Duration.ofMinutes(20));
    }
}
