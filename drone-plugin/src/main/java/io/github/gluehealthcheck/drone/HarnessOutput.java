package io.github.gluehealthcheck.drone;

import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.UntrustedText;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Harness CI step outputs: {@code KEY=value} lines appended to the file {@code DRONE_OUTPUT} names, which later
 * steps read as {@code <+steps.STEP.output.outputVariables.HEALTH>}.
 */
final class HarnessOutput {

    private HarnessOutput() {
    }

    /** The lines: HEALTH=passed|failed|not_checked_locally|skipped|error, FAILED_JOBS=a,b (jobs that did not pass), REPORT=report.json. */
    static String lines(PlanResult result, Path reportJson) {
        String health = result.status() == CheckStatus.PASSED ? "passed"
                : result.status() == CheckStatus.FAILED ? "failed"
                : result.status() == CheckStatus.NOT_CHECKED_LOCALLY ? "not_checked_locally"
                : result.status() == CheckStatus.SKIPPED ? "skipped" : "error";
        return "HEALTH=" + health + "\n"
                + "FAILED_JOBS=" + value(String.join(",", result.failedJobs())) + "\n"
                + "REPORT=" + (reportJson == null ? "" : value(reportJson.toString())) + "\n";
    }

    /** One line, whatever it holds: a line break in a value would start an output of its own. */
    private static String value(String v) {
        return UntrustedText.oneLine(v);
    }

    static void append(Path file, PlanResult result, Path reportJson) throws IOException {
        Files.writeString(file, lines(result, reportJson), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
