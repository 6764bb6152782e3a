package io.github.gluehealthcheck.engine.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gluehealthcheck.engine.LocalAws;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;

/** A job that already has our name is adopted only when it carries this check's id; anything else is left alone. */
class ForeignJobTest {
    @RegisterExtension
    final LocalAws local = new LocalAws();
    GlueJobs jobs;
    CreateJobRequest request;

    @BeforeEach
    void setUp() {
        jobs = new GlueJobs(local.aws.glue(), local.aws.region(), "123456789012");
        CheckSpec spec = local.pythonShell("job.py", "print(1)\n").build();
        request = JobDefinition.createJobRequest(spec, "glue-health-check-job-etl-b1-0000beef",
                spec.scriptsBucket().resolve("x/job.py"), "test",
                Map.of(OwnershipTags.MARKER, OwnershipTags.MARKER_VALUE, OwnershipTags.CHECK_ID, "0000beef"));
    }

    private void existing(Map<String, String> tags) {
        local.aws.glue().createJob(r -> r.name("glue-health-check-job-etl-b1-0000beef").role("someone-elses-role")
                .command(c -> c.name("pythonshell").scriptLocation("s3://theirs/job.py")).maxCapacity(1.0).tags(tags));
    }

    @Test
    void aJobWithoutOurMarkerIsRefusedAndUntouched() {
        existing(Map.of("team", "payments"));
        assertThatThrownBy(() -> jobs.create(request, "0000beef")).isInstanceOf(ForeignJobException.class)
                .hasMessageContaining("is not managed by glue-health-check; it was left untouched");
        var job = local.endpoint.state().job("glue-health-check-job-etl-b1-0000beef").orElseThrow();
        assertThat(job.role()).isEqualTo("someone-elses-role");
        assertThat(local.endpoint.requests().count("glue", "DeleteJob")).isZero();
    }

    @Test
    void anotherChecksJobIsRefused() {
        existing(Map.of(OwnershipTags.MARKER, OwnershipTags.MARKER_VALUE, OwnershipTags.CHECK_ID, "11111111",
                OwnershipTags.REPO, "data/etl", OwnershipTags.BUILD, "1"));
        assertThatThrownBy(() -> jobs.create(request, "0000beef")).isInstanceOf(ForeignJobException.class)
                .hasMessageContaining("belongs to another health check (data/etl, build 1)");
    }

    @Test
    void ourOwnJobFromALostAnswerIsAdopted() {
        existing(Map.of(OwnershipTags.MARKER, OwnershipTags.MARKER_VALUE, OwnershipTags.CHECK_ID, "0000beef"));
        assertThat(jobs.create(request, "0000beef")).isEqualTo(GlueJobs.Created.ADOPTED);
    }
}
