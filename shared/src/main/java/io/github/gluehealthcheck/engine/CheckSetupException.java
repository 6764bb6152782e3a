package io.github.gluehealthcheck.engine;

import io.github.gluehealthcheck.engine.aws.AwsFailure;

/**
 * Checks cannot be carried out at all: credentials missing or rejected, permissions lacking, AWS unreachable
 * after retries. Adapters exit with code 3 on it. The message is one line and never contains a secret.
 */
public final class CheckSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient AwsFailure failure;

    public CheckSetupException(AwsFailure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    /** The AWS failure behind it, or null when it was not an AWS call that failed. */
    public AwsFailure failure() {
        return failure;
    }
}
