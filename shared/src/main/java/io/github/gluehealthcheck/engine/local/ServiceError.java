package io.github.gluehealthcheck.engine.local;

/**
 * An AWS error for the caller: the service's error code, HTTP status and message. Each service renders it in its
 * own wire form (JSON {@code __type}, S3 {@code <Error>}, STS {@code <ErrorResponse>}).
 */
final class ServiceError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final String code;
    final int status;

    ServiceError(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    static ServiceError badRequest(String code, String message) {
        return new ServiceError(code, 400, message);
    }
}
