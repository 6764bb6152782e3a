package io.github.gluehealthcheck.jenkins.progress;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CleanupStep;
import io.github.gluehealthcheck.engine.LogLine;
import io.github.gluehealthcheck.engine.Phase;
import io.github.gluehealthcheck.engine.ProgressListener;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.UntrustedText;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Writes a check's progress to the build's console: steps, run states, the run's own log lines (prefixed with the
 * job's name, so several jobs stay readable), verdicts, cleanup and warnings. The engine masks what it passes here;
 * this masks once more what it prints, and writes whole lines under one lock, since several jobs report at once.
 */
public final class ConsoleProgress implements ProgressListener {
    /** Starts every line of the step's own. */
    public static final String PREFIX = "[glue-health-check] ";

    private final PrintStream out;
    private final Redactor redactor;
    private final boolean debug;

    public ConsoleProgress(PrintStream out, Redactor redactor, boolean debug) {
        this.out = out;
        this.redactor = redactor;
        this.debug = debug;
    }

    /** A line of the step's own, e.g. which credentials source is used. */
    public void note(String text) {
        print(PREFIX + text);
    }

    @Override
    public void phase(String job, Phase phase, String detail) {
        print(PREFIX + who(job) + phase.label() + (detail == null || detail.isEmpty() ? "" : ": " + detail));
    }

    @Override
    public void runState(String job, String state, String detail) {
        print(PREFIX + who(job) + "run " + state + (detail == null ? "" : " (" + detail + ")"));
    }

    @Override
    public void logLine(String job, LogLine line) {
        // Each of the job's lines neutralised and marked as the job's: no escape sequence, no line passing for ours.
        for (String part : UntrustedText.lines(redactor.mask(line.message()))) {
            print((job == null ? "" : job) + (line.error() ? " ! " : " | ") + part);
        }
    }

    @Override
    public void verdict(String job, CheckResult result) {
        // A reused pass (reusePassed) says so: PASSED (reused from build N of <date>).
        StringBuilder b = new StringBuilder(PREFIX).append(who(job))
                .append(result.reused() ? result.verdict() : result.status().name());
        if (result.state() != null) {
            b.append(" (Glue ").append(result.state()).append(')');
        }
        b.append(": ").append(UntrustedText.oneLine(result.reason()));
        if (result.errorMessage() != null) {
            b.append(" - Glue says: ").append(UntrustedText.oneLine(result.errorMessage()));
        }
        if (result.estimatedCostUsd() != null) {
            b.append(String.format(Locale.ROOT, (result.local() ? "; ran locally at no cost; on AWS it would cost $%.4f"
                    : "; estimated cost $%.4f") + " at %s", result.estimatedCostUsd(),
                    io.github.gluehealthcheck.engine.glue.RunCost.PRICES_LABEL));
        }
        print(b.toString());
        if (result.checkedOnly()) {
            print(PREFIX + who(job) + "compiled only: the script was compiled, not run (the local endpoint cannot run Spark or Ray)");
        }
    }

    @Override
    public void cleanup(String job, CleanupStep step) {
        print(PREFIX + who(job) + "cleanup: " + step);
    }

    @Override
    public void warning(String job, String message) {
        print(PREFIX + who(job) + "WARNING: " + message);
    }

    @Override
    public void debug(String job, String message) {
        if (debug) {
            print(PREFIX + who(job) + "debug: " + message);
        }
    }

    private static String who(String job) {
        return job == null ? "" : job + ": ";
    }

    private void print(String line) {
        String masked = redactor.mask(line);
        synchronized (out) {
            out.println(masked);
        }
    }
}
