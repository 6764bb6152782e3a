package io.github.gluehealthcheck.engine;

/**
 * Receives a health check's progress, so each adapter renders it its own way (console lines, Jenkins log,
 * Drone step log). Called from the thread running the check; with several jobs, from several threads at once.
 * Implementations must be thread-safe and must not throw.
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
    };

    /**
     * A step begins or ends.
     *
     * @param job    the job's base name, or null for a step of the whole plan (preflight, sweep)
     * @param detail what is happening, in a few words
     */
    default void phase(String job, Phase phase, String detail) {
    }

    /** The run reached a new state ({@code detail} is Glue's StateDetail, or null). */
    default void runState(String job, String state, String detail) {
    }

    /** A new log line from the run. */
    default void logLine(String job, LogLine line) {
    }

    /** The verdict is known; cleanup follows. */
    default void verdict(String job, CheckResult result) {
    }

    /** One cleanup action finished. */
    default void cleanup(String job, CleanupStep step) {
    }

    /** Something worth a warning, e.g. a retried call or a failed cleanup step. */
    default void warning(String job, String message) {
    }

    /** Detail for log_level debug. Never contains a secret. */
    default void debug(String job, String message) {
    }
}
