package io.github.gluehealthcheck.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.Cancellation;
import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.LocalAws;
import io.github.gluehealthcheck.engine.ProgressListener;
import io.github.gluehealthcheck.engine.local.ErrorKind;
import io.github.gluehealthcheck.engine.local.FaultRule;
import io.github.gluehealthcheck.engine.report.Badge;
import io.github.gluehealthcheck.engine.report.JsonReport;
import io.github.gluehealthcheck.engine.report.JunitReport;
import io.github.gluehealthcheck.engine.report.MarkdownSummary;
import io.github.gluehealthcheck.engine.reuse.PassRecord;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jobs that changed_only leaves out: reported as skipped, never run, and a plan of only those calls nothing. */
class SkippedJobsTest {
    @RegisterExtension
    final LocalAws local = new LocalAws();

    private PlanResult run(List<CheckSpec> specs, Map<String, String> skipped) {
        return new PlanRunner(local.aws, LocalAws.fastOptions().build()).run(
                new HealthCheckPlan(specs, local.context, 4, true, "glue-health-check", skipped), ProgressListener.NONE,
                new Cancellation());
    }

    @Test
    void skippedJobsAreReportedWithTheirReasonAndOnlyTheOthersRun() {
        List<CheckSpec> specs = List.of(local.pythonShell("a.py", "print('a')\n").build(),
                local.pythonShell("b.py", "print('b')\n").build(), local.pythonShell("c.py", "print('c')\n").build());

        PlanResult result = run(specs, Map.of("a", "unchanged: jobs/a.py did not change", "c", "unchanged: c"));

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.checks()).extracting(CheckResult::baseName).containsExactly("a", "b", "c");
        assertThat(result.checks()).extracting(CheckResult::status)
                .containsExactly(CheckStatus.SKIPPED, CheckStatus.PASSED, CheckStatus.SKIPPED);
        assertThat(local.endpoint.requests().count("glue", "CreateJob")).isEqualTo(1);
        assertThat(local.endpoint.requests().count("glue", "StartJobRun")).isEqualTo(1);
        assertThat(result.failedJobs()).isEmpty();

        assertThat(JsonReport.render(result)).contains("\"status\" : \"SKIPPED\"")
                .contains("\"reason\" : \"unchanged: jobs/a.py did not change\"").contains("\"skipped\" : 2");
        assertThat(JunitReport.render(result)).contains("skipped=\"2\"")
                .contains("<skipped message=\"SKIPPED: unchanged: jobs/a.py did not change\"");
        assertThat(MarkdownSummary.render(result)).contains("| a | skipped |")
                .contains("- a: unchanged: jobs/a.py did not change");
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void aPlanWhoseEveryJobIsSkippedMakesNoAwsCallAndIsSkipped() {
        List<CheckSpec> specs = List.of(local.pythonShell("a.py", "print('a')\n").build(),
                local.pythonShell("b.py", "print('b')\n").build());

        PlanResult result = run(specs, Map.of("a", "unchanged: a", "b", "unchanged: b"));

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.verdict()).isEqualTo("SKIPPED");
        assertThat(result.identity()).isNull();
        assertThat(result.sweep()).isNull();
        assertThat(local.endpoint.requests().count()).isZero();
        assertThat(Badge.render(result)).contains("glue health: skipped");
    }

    @Test
    void aFailedPreflightLeavesSkippedJobsSkipped() {
        local.endpoint.faults().add(FaultRule.on("sts", "GetCallerIdentity").error(ErrorKind.ACCESS_DENIED).always());
        List<CheckSpec> specs = List.of(local.pythonShell("a.py", "print('a')\n").build(),
                local.pythonShell("b.py", "print('b')\n").build());

        PlanResult result = run(specs, Map.of("a", "unchanged: a"));

        assertThat(result.checks()).extracting(CheckResult::status).containsExactly(CheckStatus.SKIPPED, CheckStatus.ERROR);
    }

    @Test
    void aReusedPassCountsOnlyTheJobsThatWereCheckedNotTheSkippedOnes() {
        PassRecord record = new PassRecord("f", "org/repo", "a", "34", null, null, Instant.parse("2026-12-01T10:00:00Z"),
                "jr_1", 60, 0.01);
        CheckResult reused = CheckResult.builder().baseName("a").status(CheckStatus.PASSED).reusedFrom(record).build();
        CheckResult ran = CheckResult.builder().baseName("b").status(CheckStatus.PASSED).build();
        CheckResult skipped = CheckResult.builder().baseName("c").status(CheckStatus.SKIPPED).build();
        Instant now = Instant.now();

        assertThat(new PlanResult(CheckStatus.PASSED, List.of(reused, skipped), local.context, null, null, null, now, now)
                .verdict()).isEqualTo("PASSED (reused)");
        assertThat(new PlanResult(CheckStatus.PASSED, List.of(reused, ran, skipped), local.context, null, null, null, now,
                now).verdict()).isEqualTo("PASSED (1 of 2 reused)");
    }
}
