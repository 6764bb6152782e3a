package io.github.gluehealthcheck.drone;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.CleanupStep;
import io.github.gluehealthcheck.engine.LogLine;
import io.github.gluehealthcheck.engine.Phase;
import io.github.gluehealthcheck.engine.ProgressListener;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.UntrustedText;
import io.github.gluehealthcheck.engine.glue.RunCost;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The step log: one line per phase and run-state change, Glue's log lines (prefixed with the job's name when
 * several jobs run), warnings, debug detail when asked for, and the final summary table. Every line is masked
 * before it is printed, and text from the job or Glue is neutralised ({@link UntrustedText}). Thread-safe: with several jobs the engine calls it from several threads at once.
 */
final class ConsoleOutput implements ProgressListener {
    private final PrintStream out;
    private final Style style;
    private final Redactor redactor;
    private final boolean debug;
    private final boolean severalJobs;

    ConsoleOutput(PrintStream out, Style style, Redactor redactor, boolean debug, boolean severalJobs) {
        this.out = out;
        this.style = style;
        this.redactor = redactor;
        this.debug = debug;
        this.severalJobs = severalJobs;
    }

    /** The same output, masking with {@code redactor} and showing debug lines when asked. */
    ConsoleOutput with(Redactor redactor, boolean debug, boolean severalJobs) {
        return new ConsoleOutput(out, style, redactor, debug, severalJobs);
    }

    Style style() {
        return style;
    }

    // ------------------------------------------------------------------ plain lines

    void line(String text) {
        String masked = redactor.mask(text);
        synchronized (out) {
            out.println(masked);
            out.flush();
        }
    }

    void warn(String text) {
        line(style.yellow("warning: ") + text);
    }

    void error(String text) {
        line(style.red("error: ") + text);
    }

    void debugLine(String text) {
        if (debug) {
            line(style.dim("debug: " + text));
        }
    }

    // ------------------------------------------------------------------ engine progress

    @Override
    public void phase(String job, Phase phase, String detail) {
        if (phase == Phase.VERDICT) {
            return; // verdict() says it with the reason
        }
        line(label(job, phase.label()) + (detail == null || detail.isEmpty() ? "" : " " + UntrustedText.oneLine(detail)));
    }

    @Override
    public void runState(String job, String state, String detail) {
        line(label(job, "state") + " " + style.bold(UntrustedText.oneLine(state))
                + (detail == null || detail.isEmpty() ? "" : " (" + UntrustedText.oneLine(detail) + ")"));
    }

    @Override
    public void logLine(String job, LogLine l) {
        // Masked whole first (a secret may be split over its lines), then each of its lines neutralised and marked
        // as the job's, so that no escape sequence reaches the terminal and no line passes for one of ours.
        String prefix = (severalJobs ? "[" + job + "] " : "  ") + (l.error() ? style.red("!") : style.dim("|")) + " ";
        StringBuilder b = new StringBuilder();
        for (String part : UntrustedText.lines(redactor.mask(l.message()))) {
            b.append(b.isEmpty() ? "" : "\n").append(prefix).append(part);
        }
        line(b.toString());
    }

    @Override
    public void verdict(String job, CheckResult r) {
        StringBuilder b = new StringBuilder(label(job, "verdict")).append(' ').append(status(r.status(), r.verdict()))
                .append(": ").append(UntrustedText.oneLine(r.reason()));
        if (r.state() != null && !r.reason().contains(r.state())) {
            b.append(" (").append(r.state()).append(')');
        }
        if (r.checkedOnly()) {
            b.append("; the script was compiled, not run (Spark and Ray cannot run locally)");
        }
        if (r.estimatedCostUsd() != null && !r.reused()) {
            b.append(String.format(Locale.ROOT, (r.local() ? ", ran locally at no cost; on AWS it would cost $%.4f"
                    : ", estimated cost $%.4f") + " at %s", r.estimatedCostUsd(), RunCost.PRICES_LABEL));
        }
        line(b.toString());
        if (r.errorMessage() != null && !r.errorMessage().isBlank()) {
            line(label(job, "verdict") + " Glue says: " + UntrustedText.oneLine(r.errorMessage()));
        }
    }

    @Override
    public void cleanup(String job, CleanupStep step) {
        String text = step.outcome() == CleanupStep.Outcome.FAILED ? style.yellow(step.toString()) : step.toString();
        line(label(job, "cleanup") + " " + text);
    }

    @Override
    public void warning(String job, String message) {
        warn((job == null ? "" : "[" + job + "] ") + UntrustedText.oneLine(message));
    }

    @Override
    public void debug(String job, String message) {
        debugLine((job == null ? "" : "[" + job + "] ") + UntrustedText.oneLine(message));
    }

    /** {@code [preflight]} for a step of the whole plan, {@code [orders] stage:} for one job's. */
    private static String label(String job, String what) {
        return job == null ? "[" + what + "]" : "[" + job + "] " + what + ":";
    }

    // ------------------------------------------------------------------ summary

    /** The final table: one row per job, then what failed and why, then where the reports are. */
    void summary(PlanResult result, Path reportDir, List<Path> reports) {
        line("");
        line(style.bold("Glue health check " + status(result.status(), result.verdict())) + String.format(Locale.ROOT,
                ": %d passed%s, %d failed, %d error(s)%s%s%s in %.1f s, %s $%.4f at %s",
                result.count(CheckStatus.PASSED),
                result.reusedCount() > 0 ? " (" + result.reusedCount() + " reused)" : "",
                result.count(CheckStatus.FAILED), result.count(CheckStatus.ERROR),
                result.count(CheckStatus.NOT_CHECKED_LOCALLY) > 0
                        ? ", " + result.count(CheckStatus.NOT_CHECKED_LOCALLY) + " not checked locally" : "",
                result.count(CheckStatus.CANCELLED) > 0 ? ", " + result.count(CheckStatus.CANCELLED) + " cancelled" : "",
                result.count(CheckStatus.SKIPPED) > 0 ? ", " + result.count(CheckStatus.SKIPPED) + " skipped" : "",
                result.durationSeconds(), result.local() ? "ran locally at no cost; on AWS it would cost"
                        : "estimated cost", result.estimatedCostUsd(), RunCost.PRICES_LABEL));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"JOB", "RESULT", "GLUE STATE", "DURATION", "EST. COST", "RUN"});
        for (CheckResult c : result.checks()) {
            rows.add(new String[] {c.baseName(), c.verdict(),
                    c.reused() ? "(not run)" : c.state() == null ? "-" : c.state(),
                    String.format(Locale.ROOT, "%.1f s", c.durationSeconds()),
                    c.estimatedCostUsd() == null ? "-" : String.format(Locale.ROOT, "$%.4f", c.estimatedCostUsd())
                            + (c.local() ? " on AWS" : ""),
                    c.reused() ? c.reusedFrom().runId() + " (" + c.reusedFrom().origin() + ")" : c.runId() == null ? "-" : c.runId()});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder(" ");
            for (int i = 0; i < row.length; i++) {
                b.append(' ').append(i == row.length - 1 ? row[i] : String.format("%-" + width[i] + "s ", row[i]));
            }
            line(b.toString().stripTrailing());
        }
        if (result.setupError() != null) {
            line("  could not run: " + UntrustedText.oneLine(result.setupError()));
        }
        for (CheckResult c : result.checks()) {
            if (c.status() == CheckStatus.PASSED && !c.leftSomethingBehind()) {
                continue;
            }
            line("  " + c.baseName() + ": " + UntrustedText.oneLine(c.reason())
                    + (c.errorMessage() != null && !c.errorMessage().isBlank() ? "; Glue says: " + UntrustedText.oneLine(c.errorMessage()) : ""));
            if (c.runId() != null && c.logsUrl() != null && c.status() != CheckStatus.PASSED) {
                line("    logs: " + c.logsUrl());
            }
            c.cleanup().stream().filter(CleanupStep::leftSomethingBehind)
                    .forEach(s -> line("    left behind: " + s));
        }
        if (!reports.isEmpty()) {
            StringBuilder names = new StringBuilder();
            reports.forEach(p -> names.append(' ').append(p.getFileName()));
            line("Reports in " + reportDir + ":" + names);
        }
    }

    String status(CheckStatus s) {
        return status(s, s.label());
    }

    /** The verdict's words (e.g. COMPILED ONLY, NOT CHECKED LOCALLY), coloured by its status. */
    String status(CheckStatus s, String verdict) {
        return switch (s) {
            case PASSED -> style.green(verdict);
            case FAILED -> style.red(verdict);
            case ERROR, CANCELLED, NOT_CHECKED_LOCALLY -> style.yellow(verdict);
            case SKIPPED -> verdict;
        };
    }
}
