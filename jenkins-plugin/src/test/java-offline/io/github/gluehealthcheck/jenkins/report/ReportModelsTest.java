package io.github.gluehealthcheck.jenkins.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.CleanupStep;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.aws.CallerIdentity;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.spec.CiContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportModelsTest {
    static final String SECRET = "hunter2-secret-value";
    static final Redactor REDACTOR = Redactor.of(List.of(SECRET));
    static final CiContext CONTEXT = CiContext.builder().provider("jenkins").repo("data/etl").buildNumber("7").build();
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    static CheckResult passed(String name) {
        return CheckResult.builder().baseName(name).jobName("glue-health-check-" + name + "-etl-b7-abc").runId("jr_1")
                .status(CheckStatus.PASSED).state("SUCCEEDED").reason("the job succeeded").durationSeconds(64.2)
                .estimatedCostUsd(0.0147).consoleUrl("https://console/x").logsUrl("https://logs/x")
                .cleanup(List.of(new CleanupStep("delete job", CleanupStep.Outcome.DONE, "x"))).build();
    }

    static CheckResult failed(String name) {
        return CheckResult.builder().baseName(name).jobName("glue-health-check-" + name + "-etl-b7-def").runId("jr_2")
                .status(CheckStatus.FAILED).state("FAILED").reason("the job failed")
                .errorMessage("login " + SECRET + " refused").lastErrorLines(List.of("auth " + SECRET))
                .durationSeconds(30).estimatedCostUsd(0.0011).build();
    }

    static StepReport report(CheckStatus status, CheckResult... checks) {
        return StepReport.of("id-" + status, new PlanResult(status, List.of(checks), CONTEXT,
                new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/ci"), null, null, T0, T0.plusSeconds(90)),
                "jobs/orders.py", "eu-west-1", "glue-health-check", REDACTOR);
    }

    @Test
    void aStepReportMasksEveryTextItKeeps() {
        StepReport r = report(CheckStatus.FAILED, failed("orders"));

        JobReport j = r.getJobs().get(0);
        assertThat(j.getErrorMessage()).isEqualTo("login **** refused");
        assertThat(j.getLogExcerpt()).containsExactly("auth ****");
        assertThat(r.getSummaryLine() + ResultObject.of(r) + BuildBadge.of(List.of(r)).getTooltip()).doesNotContain(SECRET);
    }

    @Test
    void theBadgeShowsTheWorstResultAndNamesTheJobs() {
        BuildBadge pass = BuildBadge.of(List.of(report(CheckStatus.PASSED, passed("orders"), passed("customers"))));
        assertThat(pass.getStatus()).isEqualTo("PASSED");
        assertThat(pass.getSymbol()).isEqualTo("symbol-check");
        assertThat(pass.getColor()).isEqualTo("jenkins-!-success-color");
        assertThat(pass.getTooltip()).isEqualTo("Glue health check passed: orders, customers");

        BuildBadge fail = BuildBadge.of(List.of(report(CheckStatus.PASSED, passed("customers")),
                report(CheckStatus.FAILED, failed("orders"))));
        assertThat(fail.getStatus()).isEqualTo("FAILED");
        assertThat(fail.getSymbol()).isEqualTo("symbol-close-circle");
        assertThat(fail.getTooltip()).isEqualTo("Glue health check FAILED: orders FAILED; passed: customers");

        BuildBadge error = BuildBadge.of(List.of(report(CheckStatus.ERROR, CheckResult.builder().baseName("orders")
                .status(CheckStatus.ERROR).reason("could not confirm the AWS identity").build())));
        assertThat(error.getStatus()).isEqualTo("ERROR");
        assertThat(error.getSymbol()).isEqualTo("symbol-warning");

        assertThat(BuildBadge.worse("CANCELLED", "FAILED")).isEqualTo("FAILED");
        assertThat(BuildBadge.worse("ERROR", "CANCELLED")).isEqualTo("ERROR");
    }

    @Test
    void localModeVerdictsReadTheSameOnTheBadgeAndThePage() {
        CheckResult compiled = CheckResult.builder().baseName("spark").runId("jr_3").status(CheckStatus.PASSED)
                .state("SUCCEEDED").reason("the job succeeded").checkedOnly(true).local(true).build();
        StepReport compiledOnly = report(CheckStatus.PASSED, compiled);
        assertThat(compiledOnly.getStatusLabel()).isEqualTo("compiled only");
        assertThat(compiledOnly.getJobs().get(0).getStatusLabel()).isEqualTo("compiled only");
        BuildBadge compiledBadge = BuildBadge.of(List.of(compiledOnly));
        assertThat(compiledBadge.getTooltip()).isEqualTo("Glue health check compiled only: spark");
        assertThat(compiledBadge.getSymbol()).isEqualTo("symbol-check");

        CheckResult notChecked = CheckResult.builder().baseName("wrangle").runId("jr_4")
                .status(CheckStatus.NOT_CHECKED_LOCALLY).state("ERROR").local(true).estimatedCostUsd(0.0001)
                .reason("needs pandas, which Glue's Python shell provides; install it here or check on AWS").build();
        StepReport notCheckedReport = report(CheckStatus.NOT_CHECKED_LOCALLY, notChecked);
        assertThat(notCheckedReport.getSummaryLine()).startsWith("NOT CHECKED LOCALLY: wrangle NOT CHECKED LOCALLY")
                .contains("$0.0001 on AWS (ran locally at no cost)");
        assertThat(notCheckedReport.getJobs().get(0).getCostText()).isEqualTo("$0.0001 on AWS");
        BuildBadge badge = BuildBadge.of(List.of(notCheckedReport));
        assertThat(badge.getStatus()).isEqualTo("NOT_CHECKED_LOCALLY");
        assertThat(badge.getSymbol()).isEqualTo("symbol-warning");
        assertThat(BuildBadge.worse("NOT_CHECKED_LOCALLY", "FAILED")).isEqualTo("FAILED");
    }

    @Test
    void theSummaryLineNamesFailuresFirst() {
        assertThat(report(CheckStatus.PASSED, passed("orders")).getSummaryLine())
                .isEqualTo("passed: orders (1 job, 1m 30s, ~$0.0147 at us-east-1 prices)");
        assertThat(report(CheckStatus.FAILED, passed("customers"), failed("orders")).getSummaryLine())
                .isEqualTo("FAILED: orders FAILED (2 jobs, 1m 30s, ~$0.0158 at us-east-1 prices)");
    }

    static CheckResult skipped(String name) {
        return CheckResult.builder().baseName(name).status(CheckStatus.SKIPPED)
                .reason("unchanged: jobs/" + name + ".py did not change since the merge base 1a2b3c4 of origin/main and HEAD")
                .build();
    }

    @Test
    void skippedJobsAreNeitherPassedNorFailedAndAStepOfOnlySkippedJobsIsSkippedNotFailed() {
        StepReport some = report(CheckStatus.PASSED, passed("orders"), skipped("customers"));
        assertThat(some.getSummaryLine()).isEqualTo(
                "passed: orders; 1 skipped (changedOnly) (2 jobs, 1m 30s, ~$0.0147 at us-east-1 prices)");
        assertThat(some.getFailedJobs()).isEmpty();
        assertThat(some.getJobs().get(1).getStatusLabel()).isEqualTo("skipped");
        assertThat(some.getJobs().get(1).getReason()).startsWith("unchanged: jobs/customers.py");

        StepReport none = report(CheckStatus.SKIPPED, skipped("orders"), skipped("customers"));
        assertThat(none.isPassed()).isTrue();
        assertThat(none.getStatusLabel()).isEqualTo("skipped");
        assertThat(ResultObject.of(none)).containsEntry("status", "SKIPPED").containsEntry("passed", true)
                .containsEntry("failedJobs", List.of());
        BuildBadge badge = BuildBadge.of(List.of(none));
        assertThat(badge.getSymbol()).isEqualTo("symbol-status-nobuilt");
        assertThat(badge.getTooltip()).isEqualTo("Glue health check skipped; 2 skipped (changedOnly)");
        assertThat(BuildBadge.of(List.of(none, report(CheckStatus.FAILED, failed("payments")))).getStatus())
                .isEqualTo("FAILED");
    }

    @Test
    void theResultForTheScriptHoldsOnlyPlainValues() {
        Map<String, Object> r = ResultObject.of(report(CheckStatus.FAILED, passed("customers"), failed("orders")));

        assertThat(r).containsEntry("status", "FAILED").containsEntry("passed", false)
                .containsEntry("failedJobs", List.of("orders")).containsEntry("region", "eu-west-1");
        assertPlain(r);
        assertPlain(ResultObject.ofSweep("SWEPT", 2, 0, List.of("deleted x")));
        assertPlain(ResultObject.ofDryRun(List.of("orders"), List.of("dry run")));
    }

    static CheckResult reused(String name) {
        return CheckResult.builder().baseName(name).status(CheckStatus.PASSED).durationSeconds(0.2).estimatedCostUsd(0.0)
                .reason("the same script, job definition and arguments passed in build 5 of 2026-04-30")
                .reusedFrom(new io.github.gluehealthcheck.engine.reuse.PassRecord("ab12", "data/etl", name, "5",
                        "https://ci/job/etl/5/", "c0ffee", Instant.parse("2026-04-30T09:00:00Z"), "jr_earlier", 70, 0.0147))
                .build();
    }

    @Test
    void aPassReusedFromABuildOfUnknownNumberSaysReusedOnTheBadgeNotNull() {
        CheckResult noBuild = CheckResult.builder().baseName("orders").status(CheckStatus.PASSED)
                .reusedFrom(new io.github.gluehealthcheck.engine.reuse.PassRecord("ab12", "data/etl", "orders", null,
                        null, null, Instant.parse("2026-04-30T09:00:00Z"), "jr_earlier", 70, 0.0147))
                .build();
        StepReport r = report(CheckStatus.PASSED, noBuild);

        assertThat(BuildBadge.of(List.of(r)).getTooltip()).contains("orders (reused)").doesNotContain("null");
    }

    @Test
    void aReusedPassReadsAsSuchOnThePageTheBadgeAndInTheResult() {
        StepReport r = report(CheckStatus.PASSED, reused("orders"), passed("customers"));
        JobReport j = r.getJobs().get(0);

        assertThat(j.getStatusLabel()).isEqualTo("passed (reused from build 5 of 2026-04-30)");
        assertThat(j.isReused()).isTrue();
        assertThat(j.getReusedRunId()).isEqualTo("jr_earlier");
        assertThat(j.getGlueJobName()).isNull();
        assertThat(r.getJobs().get(1).isReused()).isFalse();
        assertThat(BuildBadge.of(List.of(r)).getTooltip()).contains("orders (reused from build 5)", "customers");
        Map<String, Object> result = ResultObject.of(r);
        assertThat(result).containsEntry("reusedJobs", List.of("orders")).containsEntry("passed", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) result.get("jobs");
        assertThat(jobs.get(0)).containsEntry("reused", true).containsEntry("reusedFromBuild", "5")
                .containsEntry("reusedRunId", "jr_earlier").containsEntry("reusedPassedAt", "2026-04-30T09:00:00Z");
        assertThat(jobs.get(1)).containsEntry("reused", false).doesNotContainKey("reusedRunId");
        assertPlain(result);
    }

    @Test
    void jobFiguresReadForPeople() {
        JobReport j = report(CheckStatus.PASSED, passed("orders")).getJobs().get(0);
        assertThat(j.getDurationText()).isEqualTo("1m 4s");
        assertThat(j.getCostText()).isEqualTo("$0.0147");
        assertThat(j.getStatusLabel()).isEqualTo("passed");
        assertThat(j.isLeftSomethingBehind()).isFalse();
        assertThat(StepReport.duration(3725)).isEqualTo("1h 2m");
    }

    /** Strings, numbers, booleans, lists and maps of those: what a sandboxed Pipeline script may read and keep. */
    static void assertPlain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return;
        }
        if (value instanceof List<?> list) {
            assertThat(value.getClass().getName()).isEqualTo("java.util.ArrayList");
            list.forEach(ReportModelsTest::assertPlain);
            return;
        }
        if (value instanceof Map<?, ?> map) {
            assertThat(value.getClass().getName()).isEqualTo("java.util.LinkedHashMap");
            map.keySet().forEach(k -> assertThat(k).isInstanceOf(String.class));
            map.values().forEach(ReportModelsTest::assertPlain);
            return;
        }
        throw new AssertionError("not a plain value: " + value.getClass());
    }
}
