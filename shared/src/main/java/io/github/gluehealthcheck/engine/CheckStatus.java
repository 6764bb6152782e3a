package io.github.gluehealthcheck.engine;

/** A health check's verdict. */
public enum CheckStatus {
    /** The job ran to SUCCEEDED. */
    PASSED,
    /** The job ran and did not succeed, or did not finish within max_wait. */
    FAILED,
    /** The check could not be carried out (credentials, permissions, AWS unreachable after retries). */
    ERROR,
    /** The check was stopped from outside (build aborted, SIGTERM) before it reached a verdict. */
    CANCELLED;

    /** The overall verdict of several checks: any failure fails, then error, then cancelled; all passed passes. */
    public static CheckStatus overall(Iterable<CheckStatus> statuses) {
        boolean any = false;
        boolean failed = false;
        boolean error = false;
        boolean cancelled = false;
        for (CheckStatus s : statuses) {
            any = true;
            failed |= s == FAILED;
            error |= s == ERROR;
            cancelled |= s == CANCELLED;
        }
        if (cancelled) {
            return CANCELLED;
        }
        if (failed) {
            return FAILED;
        }
        if (error || !any) {
            return ERROR;
        }
        return PASSED;
    }
}
