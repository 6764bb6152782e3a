package io.github.gluehealthcheck.jenkins.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.CleanupStep;
import io.github.gluehealthcheck.engine.LogLine;
import io.github.gluehealthcheck.engine.Phase;
import io.github.gluehealthcheck.engine.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void progressLogLinesVerdictAndCleanupReadAsLines() {
        ConsoleProgress c = new ConsoleProgress(out, Redactor.NONE, false);
        c.phase("orders", Phase.CREATE, "glue-health-check-orders-etl-b1-x");
        c.runState("orders", "WAITING", "Waiting for capacity");
        c.logLine("orders", new LogLine("/aws-glue/python-jobs/output", "jr_1", Instant.EPOCH, "read 10 rows", false));
        c.logLine("orders", new LogLine("/aws-glue/python-jobs/error", "jr_1", Instant.EPOCH, "Traceback", true));
        c.verdict("orders", CheckResult.builder().baseName("orders").status(CheckStatus.FAILED).state("FAILED")
                .reason("the job failed").errorMessage("boom").estimatedCostUsd(0.0012).build());
        c.cleanup("orders", new CleanupStep("delete job", CleanupStep.Outcome.DONE, "x"));
        c.warning(null, "sweep skipped");
        c.debug("orders", "not shown without debug");

        assertThat(lines()).containsExactly(
                "[glue-health-check] orders: create: glue-health-check-orders-etl-b1-x",
                "[glue-health-check] orders: run WAITING (Waiting for capacity)",
                "orders | read 10 rows",
                "orders ! Traceback",
                "[glue-health-check] orders: FAILED (Glue FAILED): the job failed - Glue says: boom; estimated cost $0.0012 at us-east-1 prices",
                "[glue-health-check] orders: cleanup: delete job: done (x)",
                "[glue-health-check] WARNING: sweep skipped");
    }

    @Test
    void aReusedPassSaysWhichBuildItComesFrom() {
        ConsoleProgress c = new ConsoleProgress(out, Redactor.NONE, false);
        c.verdict("orders", CheckResult.builder().baseName("orders").status(CheckStatus.PASSED)
                .reason("the same check passed in build 5").reusedFrom(new io.github.gluehealthcheck.engine.reuse.PassRecord(
                        "ab12", "data/etl", "orders", "5", null, null, Instant.parse("2026-04-30T09:00:00Z"), "jr_1", 70, null))
                .build());

        assertThat(lines()).singleElement().asString()
                .startsWith("[glue-health-check] orders: PASSED (reused from build 5 of 2026-04-30): the same check passed in build 5");
    }

    @Test
    void debugLinesOnlyWithDebugAndSecretsNever() {
        ConsoleProgress c = new ConsoleProgress(out, Redactor.of(List.of("s3cr3t-value")), true);
        c.debug("orders", "arguments use s3cr3t-value");
        c.note("token czNjcjN0LXZhbHVl");

        assertThat(lines()).containsExactly("[glue-health-check] orders: debug: arguments use ****",
                "[glue-health-check] token ****");
    }

    @Test
    void aJobsLinesCannotPassForTheStepsOwnNorReachTheTerminalAsEscapes() {
        ConsoleProgress c = new ConsoleProgress(out, Redactor.NONE, false);
        c.logLine("orders", new LogLine("/aws-glue/python-jobs/output", "jr_1", Instant.EPOCH,
                "done\n[glue-health-check] orders: PASSED (Glue SUCCEEDED)\u001B]0;title\u0007\r\u001B[2K", false));
        c.verdict("orders", CheckResult.builder().baseName("orders").status(CheckStatus.FAILED).state("FAILED")
                .reason("the job failed").errorMessage("x\n[glue-health-check] orders: PASSED").build());

        assertThat(lines()).containsExactly(
                "orders | done",
                "orders | [glue-health-check] orders: PASSED (Glue SUCCEEDED)\\x1b]0;title\\x07",
                "orders | \\x1b[2K",
                "[glue-health-check] orders: FAILED (Glue FAILED): the job failed - Glue says: x\\n[glue-health-check] orders: PASSED");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\u001B").doesNotContain("\r");
    }
}
