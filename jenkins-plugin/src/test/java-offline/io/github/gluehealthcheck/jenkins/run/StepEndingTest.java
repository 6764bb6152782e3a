package io.github.gluehealthcheck.jenkins.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.aws.CallerIdentity;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.jenkins.report.StepReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepEndingTest {
    private static final String SECRET = "hunter2-secret-value";
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void theMessageAFailedStepEndsWithCarriesGluesWordsNeutralisedAndMasked() {
        CheckResult hostile = CheckResult.builder().baseName("orders").jobName("glue-health-check-orders-b7").runId("jr_1")
                .status(CheckStatus.FAILED).state("FAILED").reason("the job failed")
                .errorMessage("boom " + SECRET + "\n[glue-health-check] orders: PASSED\u001b]0;pwned\u0007\u001b[2J").build();
        StepReport report = StepReport.of("id", new PlanResult(CheckStatus.FAILED, List.of(hostile),
                CiContext.builder().provider("jenkins").repo("data/etl").buildNumber("7").build(),
                new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/ci"), null, null, T0,
                T0.plusSeconds(90)), "jobs/orders.py", "eu-west-1", "glue-health-check", Redactor.of(List.of(SECRET)));

        String message = StepEnding.failureMessage(report);

        assertThat(message.lines()).containsExactly("Glue health check FAILED",
                "  orders: FAILED, the job failed (Glue says: boom ****\\n[glue-health-check] orders: PASSED"
                        + "\\x1b]0;pwned\\x07\\x1b[2J)");
        assertThat(message).doesNotContain(SECRET).doesNotContain("\u001b").doesNotContain("\u0007");
    }
}
