package io.github.gluehealthcheck.engine.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.spec.CiContext;
import org.junit.jupiter.api.Test;

class JobNamesTest {

    @Test
    void nameIsTraceable() {
        CiContext ctx = CiContext.builder().repo("data/etl").pullRequest("12").buildNumber("34").build();
        assertThat(JobNames.jobName("glue-health-check", "orders", ctx, "ab12cd34"))
                .isEqualTo("glue-health-check-orders-etl-pr12-b34-ab12cd34");
    }

    @Test
    void nameIsSanitizedAndAtMost255Characters() {
        CiContext ctx = CiContext.builder().repo("data/" + "r".repeat(180)).buildNumber("1").build();
        String name = JobNames.jobName("ghc", "job with spaces!" + "j".repeat(120), ctx, "ab12cd34");
        assertThat(name).hasSizeLessThanOrEqualTo(255).matches("[A-Za-z0-9_-]+").startsWith("ghc-job-with-spaces-")
                .endsWith("-b1-ab12cd34");
    }

    @Test
    void checkIdsDiffer() {
        assertThat(JobNames.newCheckId()).matches("[0-9a-f]{8}").isNotEqualTo(JobNames.newCheckId());
    }
}
