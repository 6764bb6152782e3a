package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.LogLine;
import io.github.gluehealthcheck.engine.Phase;
import io.github.gluehealthcheck.engine.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleOutputTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static LogLine line(String text, boolean error) {
        return new LogLine("/aws-glue/python-jobs/output", "jr_1", Instant.EPOCH, text, error);
    }

    @Test
    void onePhaseOrStateChangePerLine() {
        ConsoleOutput out = new ConsoleOutput(stream, Style.PLAIN, Redactor.NONE, false, false);
        out.phase(null, Phase.PREFLIGHT, "running as arn:aws:sts::1:assumed-role/ci");
        out.phase("orders", Phase.CREATE, "glue-health-check-orders-etl-b7-0a1b2c3d");
        out.runState("orders", "WAITING", "Waiting for capacity");
        out.verdict("orders", Plans.failed("orders", "KeyError: 'total'"));
        assertThat(printed().lines()).containsExactly(
                "[preflight] running as arn:aws:sts::1:assumed-role/ci",
                "[orders] create: glue-health-check-orders-etl-b7-0a1b2c3d",
                "[orders] state: WAITING (Waiting for capacity)",
                "[orders] verdict: FAILED: the job failed (FAILED), estimated cost $0.0005 at us-east-1 prices",
                "[orders] verdict: Glue says: KeyError: 'total'");
    }

    @Test
    void glueLogLinesArePrefixedWithTheJobOnlyWhenSeveralJobsRun() {
        new ConsoleOutput(stream, Style.PLAIN, Redactor.NONE, false, false).logLine("orders", line("read 5 orders", false));
        new ConsoleOutput(stream, Style.PLAIN, Redactor.NONE, false, true).logLine("orders", line("read 5 orders", false));
        new ConsoleOutput(stream, Style.PLAIN, Redactor.NONE, false, true).logLine("report", line("KeyError: 'total'", true));
        assertThat(printed().lines()).containsExactly("  | read 5 orders", "[orders] | read 5 orders",
                "[report] ! KeyError: 'total'");
    }

    @Test
    void debugLinesOnlyWhenAskedFor() {
        new ConsoleOutput(stream, Style.PLAIN, Redactor.NONE, false, false).debug("orders", "CreateJob ...");
        assertThat(printed()).isEmpty();
        new ConsoleOutput(stream, Style.PLAIN, Redactor.NONE, true, false).debug("orders", "CreateJob ...");
        assertThat(printed()).isEqualTo("debug: [orders] CreateJob ...\n");
    }

    @Test
    void everyLineIsMasked() {
        String secret = "fake-secret/not-a-real-key/example-0001";
        ConsoleOutput out = new ConsoleOutput(stream, Style.PLAIN, Redactor.of(List.of(secret)), true, false);
        out.line("key " + secret);
        out.warn("oops " + secret);
        out.debugLine("debug " + secret);
        assertThat(printed()).doesNotContain(secret).contains("key ****", "oops ****", "debug ****");
    }

    @Test
    void theSummaryIsATableWithWhatFailedAndWhereTheReportsAre() {
        ConsoleOutput out = new ConsoleOutput(stream, Style.PLAIN, Redactor.NONE, false, true);
        out.summary(Plans.of(CheckStatus.FAILED, Plans.passed("orders"), Plans.failed("report", "KeyError: 'total'")),
                Path.of("/drone/src/glue-health-check"), List.of(Path.of("/drone/src/glue-health-check/report.json"),
                        Path.of("/drone/src/glue-health-check/junit.xml")));
        assertThat(printed()).contains(
                "Glue health check FAILED: 1 passed, 1 failed, 0 error(s) in 60.0 s, estimated cost $0.0152",
                "  JOB     RESULT  GLUE STATE  DURATION  EST. COST  RUN\n",
                "  orders  PASSED  SUCCEEDED   42.5 s    $0.0147    jr_orders\n",
                "  report  FAILED  FAILED      30.0 s    $0.0005    jr_report\n",
                "  report: the job failed; Glue says: KeyError: 'total'\n",
                "    logs: https://console.aws.amazon.com/cloudwatch/home#logs/report\n",
                "Reports in /drone/src/glue-health-check: report.json junit.xml\n");
    }

    @Test
    void colourOnlyWhereItShowsAsColour() {
        assertThat(new Style(true).green("PASSED")).isEqualTo("\u001B[32mPASSED\u001B[0m");
        assertThat(Style.PLAIN.green("PASSED")).isEqualTo("PASSED");
        // A pipe (tests run without a console) is plain; a CI log viewer renders ANSI.
        assertThat(Style.detect(Map.of(), false).ansi()).isFalse();
        assertThat(Style.detect(Map.of(), true).ansi()).isTrue();
        assertThat(Style.detect(Map.of("NO_COLOR", "1"), true).ansi()).isFalse();
        assertThat(Style.detect(Map.of("TERM", "dumb"), true).ansi()).isFalse();
        assertThat(Style.detect(Map.of("FORCE_COLOR", "1"), false).ansi()).isTrue();
        ConsoleOutput out = new ConsoleOutput(stream, new Style(true), Redactor.NONE, false, false);
        out.verdict("orders", Plans.passed("orders"));
        assertThat(printed()).contains("\u001B[32mPASSED\u001B[0m");
    }

    @Test
    void aJobsLineCannotPassForOursNorActOnTheTerminal() {
        ConsoleOutput out = new ConsoleOutput(stream, Style.PLAIN, Redactor.NONE, false, true);
        out.logLine("orders", line("ok\n[orders] verdict: PASSED: the job succeeded\r\u001B[2K\u001B]52;c;eA==\u0007", false));
        out.verdict("orders", Plans.failed("orders", "boom\n[orders] verdict: PASSED"));
        assertThat(printed().split("\n", -1)).containsExactly(
                "[orders] | ok",
                "[orders] | [orders] verdict: PASSED: the job succeeded",
                "[orders] | \\x1b[2K\\x1b]52;c;eA==\\x07",
                "[orders] verdict: FAILED: the job failed (FAILED), estimated cost $0.0005 at us-east-1 prices",
                "[orders] verdict: Glue says: boom\\n[orders] verdict: PASSED",
                "");
    }

    @Test
    void aSecretSplitOverAJobsLinesIsMaskedBeforeTheyAreSplit() {
        String secret = "fake-secret/not-a-real-key/example-0001";
        ConsoleOutput out = new ConsoleOutput(stream, Style.PLAIN, Redactor.of(List.of(secret)), false, false);
        out.logLine("orders", line("key " + secret.substring(0, 11) + "\n" + secret.substring(11) + " end", false));
        assertThat(printed()).doesNotContain(secret.substring(0, 11)).doesNotContain(secret.substring(11))
                .isEqualTo("  | key **** end\n");
    }
}
