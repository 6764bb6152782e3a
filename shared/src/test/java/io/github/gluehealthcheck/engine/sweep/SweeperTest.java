package io.github.gluehealthcheck.engine.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.CheckSession;
import io.github.gluehealthcheck.engine.LocalAws;
import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.settings.SettingsReader;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.S3Uri;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/** The sweeper deletes only expired jobs with our marker (and repository), never a look-alike. */
class SweeperTest {
    @RegisterExtension
    final LocalAws local = new LocalAws();
    final Instant past = Instant.now().minus(Duration.ofHours(1));
    final Instant future = Instant.now().plus(Duration.ofHours(1));

    @BeforeEach
    void setUp() {
        local.aws.s3().createBucket(b -> b.bucket("ci-scripts"));
    }

    private void job(String name, Map<String, String> tags) {
        local.aws.glue().createJob(r -> r.name(name).role(LocalAws.ROLE).tags(tags)
                .command(c -> c.name("pythonshell").scriptLocation("s3://ci-scripts/x.py")).maxCapacity(0.0625));
    }

    private Map<String, String> ours(String repo, Instant expires) {
        Map<String, String> tags = new HashMap<>();
        tags.put(OwnershipTags.MARKER, OwnershipTags.MARKER_VALUE);
        tags.put(OwnershipTags.REPO, repo);
        tags.put(OwnershipTags.EXPIRES_AT, expires.toString());
        return tags;
    }

    /** Where this configuration stages scripts: {@code scripts_bucket: s3://ci-scripts/checks}. */
    static final S3Uri SCRIPTS = new S3Uri("ci-scripts", "checks");
    static final String OWN_SCRIPT = "checks/data/etl/pr7/b3/0a1b2c3d-0123456789ab/job.py";

    private SweepResult sweep(String repo) {
        List<String> notes = new ArrayList<>();
        return new Sweeper(local.aws, LocalAws.fastOptions().build())
                .sweep(new Sweeper.Scope("glue-health-check", repo, false).withScriptsBuckets(List.of(SCRIPTS)),
                        "123456789012", notes::add);
    }

    private void put(String bucket, String key) {
        local.aws.s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("keep me"));
    }

    private void expiredJobNaming(String name, String repo, String stagedScript) {
        Map<String, String> tags = ours(repo, past);
        tags.put(OwnershipTags.STAGED_SCRIPT, stagedScript);
        job(name, tags);
    }

    private List<String> remaining() {
        return local.endpoint.state().jobs().stream().map(j -> j.name()).sorted().toList();
    }

    @Test
    void deletesExpiredManagedJobsOnly() {
        job("glue-health-check-a-etl-b1-00000001", ours("data/etl", past));
        job("glue-health-check-b-etl-b2-00000002", ours("data/etl", future));
        Map<String, String> noMarker = ours("data/etl", past);
        noMarker.remove(OwnershipTags.MARKER);
        job("glue-health-check-c-etl-b3-00000003", noMarker);
        Map<String, String> wrongMarker = ours("data/etl", past);
        wrongMarker.put(OwnershipTags.MARKER, "someone-else");
        job("glue-health-check-d-etl-b4-00000004", wrongMarker);
        job("glue-health-check-e-etl-b5-00000005", Map.of());
        job("other-prefix-f-etl-b6-00000006", ours("data/etl", past));

        SweepResult result = sweep(null);

        assertThat(result.deleted()).isEqualTo(1);
        assertThat(result.swept()).extracting(SweptJob::jobName).containsExactly("glue-health-check-a-etl-b1-00000001");
        assertThat(remaining()).containsExactly("glue-health-check-b-etl-b2-00000002", "glue-health-check-c-etl-b3-00000003",
                "glue-health-check-d-etl-b4-00000004", "glue-health-check-e-etl-b5-00000005", "other-prefix-f-etl-b6-00000006");
    }

    @Test
    void aRepositorysSweepLeavesOtherRepositoriesAlone() {
        job("glue-health-check-a-etl-b1-00000001", ours("data/etl", past));
        job("glue-health-check-a-etl-b1-00000002", ours("data/etl-other", past));
        assertThat(sweep("data/etl").deleted()).isEqualTo(1);
        assertThat(remaining()).containsExactly("glue-health-check-a-etl-b1-00000002");
        assertThat(sweep(null).deleted()).isEqualTo(1);
        assertThat(remaining()).isEmpty();
    }

    @Test
    void activeRunsAreStoppedFirstAndTheStagedScriptDeleted() {
        local.aws.s3().putObject(r -> r.bucket("ci-scripts").key(OWN_SCRIPT), RequestBody.fromString("print(1)"));
        Map<String, String> tags = ours("data/etl", past);
        tags.put(OwnershipTags.STAGED_SCRIPT, "s3://ci-scripts/" + OWN_SCRIPT);
        job("glue-health-check-a-etl-b1-00000001", tags);
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ZERO).thenRunUntilStopped());
        String runId = local.aws.glue().startJobRun(r -> r.jobName("glue-health-check-a-etl-b1-00000001")).jobRunId();

        SweepResult result = sweep("data/etl");

        assertThat(result.deleted()).isEqualTo(1);
        assertThat(result.swept().get(0).detail()).contains("stopped run " + runId).contains("deleted its staged script");
        assertThat(local.endpoint.state().run(runId).orElseThrow().state()).isEqualTo("STOPPED");
        assertThat(remaining()).isEmpty();
        assertThat(local.endpoint.state().objectContent("ci-scripts", OWN_SCRIPT)).isEmpty();
    }

    @Test
    void aPlantedJobWhoseTagNamesAnObjectOutsideTheScriptsBucketLeavesThatObject() {
        local.aws.s3().createBucket(b -> b.bucket("victim-bucket"));
        put("victim-bucket", "prod/config.json");
        expiredJobNaming("glue-health-check-x-etl-b1-00000001", "data/etl", "s3://victim-bucket/prod/config.json");

        SweepResult result = sweep("data/etl");

        assertThat(result.deleted()).as("the job itself is ours and expired").isEqualTo(1);
        assertThat(local.endpoint.state().objectContent("victim-bucket", "prod/config.json")).isPresent();
        assertThat(result.swept().get(0).detail()).contains("its staged script s3://victim-bucket/prod/config.json "
                + "was left alone: it is not under this repository's part of s3://ci-scripts/checks");
    }

    @Test
    void aPlantedJobWhoseTagNamesAnotherRepositorysStagedScriptLeavesIt() {
        String theirs = "checks/data/other/pr7/b3/0a1b2c3d-0123456789ab/job.py";
        String outsidePrefix = "elsewhere/data/etl/pr7/b3/0a1b2c3d-0123456789ab/job.py";
        String notAStagingKey = "checks/data/etl/config.json";
        for (String key : List.of(theirs, outsidePrefix, notAStagingKey)) {
            put("ci-scripts", key);
        }
        expiredJobNaming("glue-health-check-x-etl-b1-00000001", "data/etl", "s3://ci-scripts/" + theirs);
        expiredJobNaming("glue-health-check-x-etl-b1-00000002", "data/etl", "s3://ci-scripts/" + outsidePrefix);
        expiredJobNaming("glue-health-check-x-etl-b1-00000003", "data/etl", "s3://ci-scripts/" + notAStagingKey);
        // A repository named "data" is a prefix of "data/etl": its sweep must not reach data/etl's scripts.
        put("ci-scripts", OWN_SCRIPT);
        expiredJobNaming("glue-health-check-x-etl-b1-00000004", "data", "s3://ci-scripts/" + OWN_SCRIPT);

        SweepResult result = sweep(null);

        assertThat(result.deleted()).isEqualTo(4);
        assertThat(local.endpoint.state().objects()).extracting(o -> o.key())
                .containsExactlyInAnyOrder(theirs, outsidePrefix, notAStagingKey, OWN_SCRIPT);
        assertThat(result.swept()).allSatisfy(j -> assertThat(j.detail()).contains("was left alone"));
    }

    @Test
    void withoutAConfiguredScriptsBucketNoStagedScriptIsDeleted() {
        put("ci-scripts", OWN_SCRIPT);
        expiredJobNaming("glue-health-check-x-etl-b1-00000001", "data/etl", "s3://ci-scripts/" + OWN_SCRIPT);

        SweepResult result = new Sweeper(local.aws, LocalAws.fastOptions().build())
                .sweep(new Sweeper.Scope("glue-health-check", "data/etl", false), "123456789012", n -> { });

        assertThat(result.deleted()).isEqualTo(1);
        assertThat(local.endpoint.state().objectContent("ci-scripts", OWN_SCRIPT)).isPresent();
        assertThat(result.swept().get(0).detail()).contains("not under a configured scripts_bucket");
    }

    /** The settings of a {@code mode: sweep} step against the local endpoint, plus {@code more}. */
    private HealthCheckRequest sweepRequest(String... more) {
        Map<String, Object> settings = new HashMap<>(Map.of("mode", "sweep", "workspace", local.workspace.toString(),
                "endpoint", local.endpoint.uri().toString(), "region", "eu-west-1",
                "access_key", "NOTAKEY-SWEEPTEST00001", "secret_key", "sweep-test-secret-not-real"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return SettingsReader.read(settings, Map.of(), CiContext.builder().repo("ops/janitor").buildNumber("1"));
    }

    @Test
    void modeSweepDeletesAStagedScriptOnlyUnderThePipelinesScriptsBucketInTheJobsOwnRepository() {
        String theirs = "checks/data/other/pr2/b9/0a1b2c3d-0123456789ab/job.py";
        String third = "checks/data/third/pr1/b1/0a1b2c3d-0123456789ab/job.py";
        for (String key : List.of(OWN_SCRIPT, theirs, third)) {
            put("ci-scripts", key);
        }
        local.aws.s3().createBucket(b -> b.bucket("victim-bucket"));
        put("victim-bucket", "prod/config.json");
        expiredJobNaming("glue-health-check-x-etl-b1-00000001", "data/etl", "s3://ci-scripts/" + OWN_SCRIPT);
        expiredJobNaming("glue-health-check-x-oth-b1-00000002", "data/other", "s3://ci-scripts/" + theirs);
        // Planted: a job of data/etl claiming data/third's script, and one claiming an object in another bucket.
        expiredJobNaming("glue-health-check-x-etl-b1-00000003", "data/etl", "s3://ci-scripts/" + third);
        expiredJobNaming("glue-health-check-x-etl-b1-00000004", "data/etl", "s3://victim-bucket/prod/config.json");
        List<String> notes = new ArrayList<>();

        SweepResult result;
        try (CheckSession session = CheckSession.open(sweepRequest("scripts_bucket", "s3://ci-scripts/checks"),
                LocalAws.fastOptions())) {
            result = session.sweepAll(notes::add);
        }

        assertThat(result.deleted()).isEqualTo(4);
        assertThat(remaining()).isEmpty();
        assertThat(local.endpoint.state().objectContent("ci-scripts", OWN_SCRIPT)).isEmpty();
        assertThat(local.endpoint.state().objectContent("ci-scripts", theirs)).isEmpty();
        assertThat(local.endpoint.state().objectContent("ci-scripts", third)).isPresent();
        assertThat(local.endpoint.state().objectContent("victim-bucket", "prod/config.json")).isPresent();
    }

    @Test
    void modeSweepTakesNoScriptsBucketFromTheRepositorysConfigFile() throws Exception {
        java.nio.file.Files.writeString(local.workspace.resolve(".glue-health.yml"), """
                defaults:
                  scripts_bucket: s3://ci-scripts/checks
                jobs:
                  - script: jobs/orders.py
                """);
        put("ci-scripts", OWN_SCRIPT);
        expiredJobNaming("glue-health-check-x-etl-b1-00000001", "data/etl", "s3://ci-scripts/" + OWN_SCRIPT);

        HealthCheckRequest request = sweepRequest("config", ".glue-health.yml");
        SweepResult result;
        try (CheckSession session = CheckSession.open(request, LocalAws.fastOptions())) {
            result = session.sweepAll(n -> { });
        }

        assertThat(request.sweepScriptsBuckets()).isEmpty();
        assertThat(result.deleted()).isEqualTo(1);
        assertThat(local.endpoint.state().objectContent("ci-scripts", OWN_SCRIPT)).isPresent();
        assertThat(result.swept().get(0).detail()).contains("not under a configured scripts_bucket");
    }

    @Test
    void aListingFailureIsReportedNotThrown() {
        local.endpoint.faults().add(io.github.gluehealthcheck.engine.local.FaultRule.on("glue", "ListJobs")
                .error(io.github.gluehealthcheck.engine.local.ErrorKind.ACCESS_DENIED).always());
        SweepResult result = sweep(null);
        assertThat(result.error()).startsWith("could not list jobs: glue:ListJobs was denied (AccessDeniedException")
                .contains("terraform/iam.tf");
        // A denied listing is asked once: asking again cannot grant the permission.
        assertThat(local.endpoint.requests().count("glue", "ListJobs")).isEqualTo(1);
    }

    @Test
    void aThrottledListingIsAskedAgainWithinTheSweepNotLeftToTheNextOne() {
        job("glue-health-check-a-etl-b1-00000001", ours("data/etl", past));
        // More throttles than the SDK's own three attempts: only the sweeper's retries get through.
        local.endpoint.faults().add(io.github.gluehealthcheck.engine.local.FaultRule.on("glue", "ListJobs")
                .error(io.github.gluehealthcheck.engine.local.ErrorKind.THROTTLING).times(5));
        SweepResult result = sweep("data/etl");
        assertThat(result.error()).isNull();
        assertThat(result.deleted()).isEqualTo(1);
        assertThat(remaining()).isEmpty();
        assertThat(local.endpoint.requests().count("glue", "ListJobs")).isGreaterThanOrEqualTo(6);
    }
}
