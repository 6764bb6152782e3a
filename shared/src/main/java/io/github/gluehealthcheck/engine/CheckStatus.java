package io.github.gluehealthcheck.engine;

/** A health check's verdict, and how every report names it. */
public enum CheckStatus {
    /** The job ran to SUCCEEDED. */
    PASSED("PASSED"),
    /** The job ran and did not succeed, or did not finish within max_wait. */
    FAILED("FAILED"),
    /** The check could not be carried out (credentials, permissions, AWS unreachable after retries). */
    ERROR("ERROR"),
    /** The check was stopped from outside (build aborted, SIGTERM) before it reached a verdict. */
    CANCELLED("CANCELLED"),
    /**
     * A local run that cannot judge the job (no Python here, or a library Glue provides is missing here): neither a
     * pass nor a failure, because on Glue the job may well succeed.
     */
    NOT_CHECKED_LOCALLY("NOT CHECKED LOCALLY"),
    /**
     * Not checked on purpose: with {@code changed_only}, nothing the job depends on changed in the pull request. It
     * neither passes nor fails a plan; a plan whose every job is skipped is SKIPPED, which exits 0.
     */
    SKIPPED("SKIPPED");

    private final String label;

    CheckStatus(String label) {
        this.label = label;
    }

    /** The words every report uses for this status. */
    public String label() {
        return label;
    }

    /**
     * The overall verdict of several checks: cancelled, then any failure fails, then error, then not checked
     * locally; all passed passes. Skipped checks do not count, unless every check was skipped.
     */
    public static CheckStatus overall(Iterable<CheckStatus> statuses) {
        boolean any = false;
        boolean failed = false;
        boolean error = false;
        boolean cancelled = false;
        boolean notChecked = false;
        boolean skipped = false;
        for (CheckStatus s : statuses) {
            if (s == SKIPPED) {
                skipped = true;
                continue;
            }
            any = true;
            failed |= s == FAILED;
            error |= s == ERROR;
            cancelled |= s == CANCELLED;
            notChecked |= s == NOT_CHECKED_LOCALLY;
        }
        if (cancelled) {
            return CANCELLED;
        }
        if (failed) {
            return FAILED;
        }
        if (!any && skipped) {
            return SKIPPED;
        }
        if (error || !any) {
            return ERROR;
        }
        if (notChecked) {
            return NOT_CHECKED_LOCALLY;
        }
        return PASSED;
    }
}
