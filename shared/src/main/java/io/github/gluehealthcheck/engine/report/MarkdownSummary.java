package io.github.gluehealthcheck.engine.report;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.UntrustedText;
import io.github.gluehealthcheck.engine.glue.RunCost;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import java.util.Locale;

/** {@code summary.md}: a table per job and the details of each failure, ready for a PR comment or a job summary. */
public final class MarkdownSummary {

    private MarkdownSummary() {
    }

    public static String render(PlanResult result) {
        StringBuilder b = new StringBuilder();
        b.append("## Glue health check: ").append(result.verdict().toLowerCase(Locale.ROOT)).append("\n\n");
        b.append(escape(result.context().repo()));
        result.context().pullRequest().ifPresent(pr -> b.append(", PR #").append(escape(pr)));
        result.context().buildNumber().ifPresent(n -> b.append(", build ").append(escape(n)));
        b.append(String.format(Locale.ROOT, "; %d job(s), %.1f s, %s $%.4f at %s%n%n", result.checks().size(),
                result.durationSeconds(), result.local() ? "ran locally at no cost; on AWS it would cost"
                        : "estimated cost", result.estimatedCostUsd(), RunCost.PRICES_LABEL));
        if (result.setupError() != null) {
            b.append("**Could not run:** ").append(escape(result.setupError())).append("\n\n");
        }
        b.append("| Job | Result | Glue state | Duration | Est. cost | Logs |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (CheckResult c : result.checks()) {
            b.append("| ").append(escape(c.baseName()))
                    .append(" | ").append(label(c))
                    .append(" | ").append(c.reused() ? "not run: reused run " + escape(c.reusedFrom().runId())
                            : c.state() == null ? "-" : escape(c.state()))
                    .append(c.waitingSeconds() >= 1 ? String.format(Locale.ROOT, " (queued %.0f s)", c.waitingSeconds()) : "")
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f s", c.durationSeconds()))
                    .append(" | ").append(c.estimatedCostUsd() == null ? "-" : String.format(Locale.ROOT, "$%.4f", c.estimatedCostUsd())
                            + (c.local() ? " on AWS" : ""))
                    .append(" | ").append(c.runId() == null || c.logsUrl() == null ? "-" : "[CloudWatch](<" + c.logsUrl().replace("<", "%3C").replace(">", "%3E") + ">)")
                    .append(" |\n");
        }
        if (result.count(CheckStatus.SKIPPED) > 0) {
            // One line per skipped job: a pull request that changes one of twenty jobs lists nineteen.
            b.append("\n**Skipped** (changed_only):\n\n");
            result.checks().stream().filter(c -> c.status() == CheckStatus.SKIPPED).forEach(c -> b.append("- ")
                    .append(escape(c.baseName())).append(": ").append(escape(c.reason())).append('\n'));
        }
        long reused = result.reusedCount();
        if (reused > 0) {
            b.append('\n').append(reused).append(" pass(es) reused from earlier builds (reuse_passed): the same script, "
                    + "job definition and arguments passed there, so no Glue job was created for them.\n");
        }
        for (CheckResult c : result.checks()) {
            if (c.status() == CheckStatus.SKIPPED || c.status() == CheckStatus.PASSED && !c.leftSomethingBehind()) {
                continue;
            }
            b.append("\n### ").append(escape(c.baseName())).append(": ").append(label(c)).append("\n\n");
            b.append(escape(c.reason())).append("\n");
            if (c.errorMessage() != null) {
                b.append("\nGlue says: ").append(escape(c.errorMessage())).append("\n");
            }
            if (!c.lastErrorLines().isEmpty()) {
                b.append("\n```\n");
                // In a fence nothing is Markdown or HTML; a line break (CR too) could end it, so each part is a line.
                c.lastErrorLines().forEach(l -> UntrustedText.lines(l)
                        .forEach(part -> b.append(part.replace("```", "'''").replace("~~~", "'''")).append('\n')));
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

    /** The check's verdict in the words of every report; a pass or a cancel in lower case, the rest shouted. */
    static String label(CheckResult c) {
        return switch (c.status()) {
            case PASSED, CANCELLED, SKIPPED -> c.verdict().toLowerCase(Locale.ROOT);
            case FAILED, ERROR, NOT_CHECKED_LOCALLY -> c.verdict();
        };
    }

    /** Text from a job, Glue or the build, as plain text: no Markdown, HTML, link or image comes out of it. */
    private static String escape(String s) {
        return UntrustedText.markdown(s);
    }
}
