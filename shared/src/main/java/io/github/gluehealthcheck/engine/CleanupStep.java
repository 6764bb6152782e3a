package io.github.gluehealthcheck.engine;

import java.io.Serial;
import java.io.Serializable;

/**
 * One thing cleanup did, or could not do, and why: reported so a user knows exactly what (if anything) is left.
 *
 * @param action  what was attempted, e.g. {@code stop run}, {@code delete job}, {@code delete staged script}
 * @param outcome how it went
 * @param detail  what, and why when it failed (never a secret)
 */
public record CleanupStep(String action, Outcome outcome, String detail) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** How one cleanup action went. */
    public enum Outcome {
        DONE, SKIPPED, KEPT, FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean leftSomethingBehind() {
        return outcome == Outcome.FAILED || outcome == Outcome.KEPT;
    }

    @Override
    public String toString() {
        return action + ": " + outcome.label() + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
