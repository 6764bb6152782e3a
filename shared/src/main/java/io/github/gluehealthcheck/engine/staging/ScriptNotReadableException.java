package io.github.gluehealthcheck.engine.staging;

/**
 * An {@code s3://} script that HeadObject cannot see. S3 answers 403 rather than 404 for a missing object when the
 * caller may not list the bucket, so both mean "missing or not readable" here.
 */
public final class ScriptNotReadableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScriptNotReadableException(String message) {
        super(message, null, false, false);
    }
}
