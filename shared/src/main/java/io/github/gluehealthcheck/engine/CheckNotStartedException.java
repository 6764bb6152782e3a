package io.github.gluehealthcheck.engine;

/**
 * A check could not get as far as a running job (staging, creating or starting failed, or it was cancelled on the
 * way). Whatever it had created is already cleaned up; {@link #result()} says what happened.
 */
public final class CheckNotStartedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient CheckResult result;

    public CheckNotStartedException(CheckResult result) {
        super(result.reason(), null, false, false);
        this.result = result;
    }

    public CheckResult result() {
        return result;
    }
}
