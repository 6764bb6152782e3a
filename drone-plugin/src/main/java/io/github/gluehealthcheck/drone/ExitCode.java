package io.github.gluehealthcheck.drone;

import io.github.gluehealthcheck.engine.CheckStatus;

/** The exit codes of the CLI and the plugin image (DESIGN.md); CI steps and scripts branch on them. */
enum ExitCode {
    /** Every check passed, or changed_only skipped every job (or a dry run / sweep went through). */
    PASSED(0),
    /** A check ran and failed. */
    FAILED(1),
    /** The settings cannot be used; nothing was called. */
    BAD_SETTINGS(2),
    /**
     * The check could not be carried out: credentials, permissions, AWS unreachable, reports not writable, or a
     * local run that cannot judge the job (no Python, a library Glue provides missing here).
     */
    NOT_CARRIED_OUT(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /**
     * The exit for an overall verdict. A cancelled run only ends here when the JVM is stopping on a signal, and
     * then the JVM's own status (143 or 130) is what the CI sees.
     */
    static ExitCode of(CheckStatus status) {
        return switch (status) {
            case PASSED, SKIPPED -> PASSED;
            case FAILED -> FAILED;
            case ERROR, CANCELLED, NOT_CHECKED_LOCALLY -> NOT_CARRIED_OUT;
        };
    }
}
