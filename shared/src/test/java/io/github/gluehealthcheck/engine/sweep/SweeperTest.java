package io.github.gluehealthcheck.engine.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.LocalAws;
import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import io.github.gluehealthcheck.engine.local.RunScript;
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

    private SweepResult sweep(String repo) {
        List<String> notes = new ArrayList<>();
        return new Sweeper(local.aws, LocalAws.fastOptions().build())
                .sweep(new Sweeper.Scope("glue-health-check", repo, false), "123456789012", notes::add);
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
        local.aws.s3().putObject(r -> r.bucket("ci-scripts").key("checks/data/etl/x/job.py"), RequestBody.fromString("print(1)"));
        Map<String, String> tags = ours("data/etl", past);
        tags.put(OwnershipTags.STAGED_SCRIPT, "s3://ci-scripts/checks/data/etl/x/job.py");
        job("glue-health-check-a-etl-b1-00000001", tags);
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ZERO).thenRunUntilStopped());
        String runId = local.aws.glue().startJobRun(r -> r.jobName("glue-health-check-a-etl-b1-00000001")).jobRunId();

        SweepResult result = sweep("data/etl");

        assertThat(result.deleted()).isEqualTo(1);
        assertThat(result.swept().get(0).detail()).contains("stopped run " + runId).contains("deleted its staged script");
        assertThat(local.endpoint.state().run(runId).orElseThrow().state()).isEqualTo("STOPPED");
        assertThat(remaining()).isEmpty();
        assertThat(local.endpoint.state().objectContent("ci-scripts", "checks/data/etl/x/job.py")).isEmpty();
    }

    @Test
    void aListingFailureIsReportedNotThrown() {
        local.endpoint.faults().add(io.github.gluehealthcheck.engine.local.FaultRule.on("glue", "ListJobs")
                .error(io.github.gluehealthcheck.engine.local.ErrorKind.ACCESS_DENIED).always());
        SweepResult result = sweep(null);
        assertThat(result.error()).startsWith("could not list jobs: AccessDeniedException");
    }
}
