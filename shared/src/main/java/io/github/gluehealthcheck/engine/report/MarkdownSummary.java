package io.github.gluehealthcheck.engine.report;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import java.util.Locale;

/** {@code summary.md}: a table per job and the details of each failure, ready for a PR comment or a job summary. */
public final class MarkdownSummary {

    private MarkdownSummary() {
    }

    public static String render(PlanResult result) {
        StringBuilder b = new StringBuilder();
        b.append("## Glue health check: ").append(result.status().name().toLowerCase(Locale.ROOT)).append("\n\n");
        b.append(result.context().repo());
        result.context().pullRequest().ifPresent(pr -> b.append(", PR #").append(pr));
        result.context().buildNumber().ifPresent(n -> b.append(", build ").append(n));
        b.append(String.format(Locale.ROOT, "; %d job(s), %.1f s, estimated cost $%.4f%n%n", result.checks().size(),
                result.durationSeconds(), result.estimatedCostUsd()));
        if (result.setupError() != null) {
            b.append("**Could not run:** ").append(escape(result.setupError())).append("\n\n");
        }
        b.append("| Job | Result | Glue state | Duration | Est. cost | Logs |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (CheckResult c : result.checks()) {
            b.append("| ").append(escape(c.baseName()))
                    .append(" | ").append(label(c.status())).append(c.checkedOnly() ? " (syntax-checked only)" : "")
                    .append(" | ").append(c.state() == null ? "-" : c.state())
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f s", c.durationSeconds()))
                    .append(" | ").append(c.estimatedCostUsd() == null ? "-" : String.format(Locale.ROOT, "$%.4f", c.estimatedCostUsd()))
                    .append(" | ").append(c.runId() == null ? "-" : "[CloudWatch](" + c.logsUrl() + ")")
                    .append(" |\n");
        }
        for (CheckResult c : result.checks()) {
            if (c.status() == CheckStatus.PASSED && !c.leftSomethingBehind()) {
                continue;
            }
            b.append("\n### ").append(escape(c.baseName())).append(": ").append(label(c.status())).append("\n\n");
            b.append(escape(c.reason())).append("\n");
            if (c.errorMessage() != null) {
                b.append("\nGlue says: ").append(escape(c.errorMessage())).append("\n");
            }
            if (!c.lastErrorLines().isEmpty()) {
                b.append("\n```\n");
                c.lastErrorLines().forEach(l -> b.append(l.replace("```", "'''")).append('\n'));
                b.append("```\n");
            }
            c.cleanup().stream().filter(s -> s.leftSomethingBehind())
                    .forEach(s -> b.append("\n- left behind: ").append(escape(s.toString())));
            if (c.leftSomethingBehind()) {
                b.append('\n');
            }
        }
        return b.toString();
    }

    static String label(CheckStatus s) {
        return switch (s) {
            case PASSED -> "passed";
            case FAILED -> "FAILED";
            case ERROR -> "ERROR";
            case CANCELLED -> "cancelled";
        };
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
