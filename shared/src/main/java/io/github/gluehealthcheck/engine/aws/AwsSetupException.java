package io.github.gluehealthcheck.engine.aws;

/** AWS cannot be reached as configured (no region, unreadable token file): the check cannot be carried out. */
public final class AwsSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AwsSetupException(String message) {
        super(message, null, false, false);
    }
}
