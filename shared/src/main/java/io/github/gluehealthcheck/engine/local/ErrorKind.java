package io.github.gluehealthcheck.engine.local;

/**
 * What an injected fault does to a matching request. Error kinds answer in the service's own wire form, so the
 * SDK sees exactly what the real service would send; {@link #CONNECTION_RESET}, {@link #DELAY} and
 * {@link #OUTAGE} act on the connection instead.
 */
public enum ErrorKind {
    /** Glue/Logs {@code ThrottlingException} (400), S3 {@code SlowDown} (503), STS {@code Throttling} (400). */
    THROTTLING,
    /** HTTP 500: Glue {@code InternalServiceException}, S3 {@code InternalError}, Logs/STS {@code InternalFailure}. */
    INTERNAL_ERROR,
    /** HTTP 503: {@code ServiceUnavailable} (Logs {@code ServiceUnavailableException}). */
    SERVICE_UNAVAILABLE,
    /** Glue only: {@code ConcurrentRunsExceededException} (400). */
    CONCURRENT_RUNS_EXCEEDED,
    /** Glue {@code ResourceNumberLimitExceededException}, Logs {@code LimitExceededException} (400). */
    RESOURCE_NUMBER_LIMIT_EXCEEDED,
    /** Glue only: {@code OperationTimeoutException} (400). */
    OPERATION_TIMEOUT,
    /** Glue/Logs {@code AccessDeniedException} (400), S3/STS {@code AccessDenied} (403). */
    ACCESS_DENIED,
    /**
     * The request takes effect and its 2xx answer arrives, but every timestamp in it is an ISO-8601 string where the
     * protocol has a number (JSON: epoch seconds for Glue, epoch milliseconds for Logs) or an RFC 1123 date where it
     * has ISO-8601 (S3 XML) and the reverse in S3's {@code Last-Modified} header. An answer without a timestamp is
     * sent as it is.
     */
    UNREADABLE_TIMESTAMP,
    /** The request takes effect and its 2xx answer arrives cut in half (a consistent Content-Length). */
    TRUNCATED_BODY,
    /**
     * The request takes effect, but its 2xx answer arrives as an HTML page ({@code text/html}), as a proxy or a
     * captive portal sends: the body is replaced (an answer without a body keeps none) and the Content-Type too.
     */
    WRONG_CONTENT_TYPE,
    /** The connection is closed without any response. */
    CONNECTION_RESET,
    /** The request is answered normally, but only after a delay; set with {@link FaultRule#delay}. */
    DELAY,
    /**
     * The endpoint disappears: the matching request's connection is reset and nothing listens for a while (as if
     * the network or the service went away), then it comes back with its state; set with {@link FaultRule#outage}.
     */
    OUTAGE;

    /** Whether this kind spoils a real answer rather than replacing it: the request takes effect first. */
    boolean spoilsTheAnswer() {
        return this == UNREADABLE_TIMESTAMP || this == TRUNCATED_BODY || this == WRONG_CONTENT_TYPE;
    }

    /**
     * The denial AWS sends when the caller lacks {@code iamAction}, worded as IAM words it ("User: ... is not
     * authorized to perform: glue:DeleteJob on resource: ..."; the AWS IAM User Guide, "Troubleshoot access denied
     * error messages").
     */
    static ServiceError denied(String service, String iamAction) {
        String message = "User: arn:aws:iam::123456789012:user/local-ci is not authorized to perform: " + iamAction
                + " because no identity-based policy allows the " + iamAction + " action (injected fault)";
        return switch (service) {
            case "s3", "sts" -> new ServiceError("AccessDenied", 403, message);
            default -> ServiceError.badRequest("AccessDeniedException", message);
        };
    }

    /** Whether this kind can be answered by the given service. */
    boolean appliesTo(String service) {
        return switch (this) {
            case CONCURRENT_RUNS_EXCEEDED, OPERATION_TIMEOUT -> service.equals("glue");
            case RESOURCE_NUMBER_LIMIT_EXCEEDED -> service.equals("glue") || service.equals("logs");
            default -> true;
        };
    }

    /** The error this kind sends on the given service. */
    ServiceError toError(String service) {
        return switch (this) {
            case THROTTLING -> switch (service) {
                case "s3" -> new ServiceError("SlowDown", 503, "Please reduce your request rate.");
                case "sts" -> new ServiceError("Throttling", 400, "Rate exceeded");
                default -> new ServiceError("ThrottlingException", 400, "Rate exceeded");
            };
            case INTERNAL_ERROR -> switch (service) {
                case "glue" -> new ServiceError("InternalServiceException", 500, "Internal service error");
                case "s3" -> new ServiceError("InternalError", 500,
                        "We encountered an internal error. Please try again.");
                default -> new ServiceError("InternalFailure", 500,
                        "The request processing has failed because of an unknown error.");
            };
            case SERVICE_UNAVAILABLE -> new ServiceError(
                    service.equals("logs") ? "ServiceUnavailableException" : "ServiceUnavailable", 503,
                    "Service is unable to handle request.");
            case CONCURRENT_RUNS_EXCEEDED -> ServiceError.badRequest("ConcurrentRunsExceededException",
                    "Concurrent runs exceeded (injected fault)");
            case RESOURCE_NUMBER_LIMIT_EXCEEDED -> ServiceError.badRequest(
                    service.equals("logs") ? "LimitExceededException" : "ResourceNumberLimitExceededException",
                    "Resource number limit exceeded (injected fault)");
            case OPERATION_TIMEOUT -> ServiceError.badRequest("OperationTimeoutException",
                    "Operation timed out (injected fault)");
            case ACCESS_DENIED -> switch (service) {
                case "s3" -> new ServiceError("AccessDenied", 403, "Access Denied");
                case "sts" -> new ServiceError("AccessDenied", 403, "User is not authorized to perform this action");
                default -> ServiceError.badRequest("AccessDeniedException",
                        "User is not authorized to perform this action (injected fault)");
            };
            case CONNECTION_RESET, DELAY, OUTAGE, UNREADABLE_TIMESTAMP, TRUNCATED_BODY, WRONG_CONTENT_TYPE ->
                    throw new IllegalStateException(this + " is not an error response");
        };
    }
}
