package io.github.gluehealthcheck.engine.aws;

import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What went wrong in an AWS call, classified for the verdict and the exit code, with a one-line message that
 * names the error and never carries a request, a header or a credential.
 */
public final class AwsFailure {

    /** Kinds of failure that users act on differently. */
    public enum Kind {
        /** No credentials, or AWS rejected them. */
        CREDENTIALS,
        /** The credentials lack a permission. */
        ACCESS_DENIED,
        /** No answer: network, DNS, timeouts, endpoint down. */
        UNREACHABLE,
        /** AWS asked us to slow down (after the SDK's own retries). */
        THROTTLED,
        /** AWS failed (5xx) or timed out on its side. */
        SERVICE,
        /** The thing named does not exist. */
        NOT_FOUND,
        /** AWS refused the request as invalid. */
        INVALID
    }

    private static final Set<String> CREDENTIAL_CODES = Set.of("UnrecognizedClientException", "InvalidClientTokenId",
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "InvalidToken",
            "IncompleteSignature", "MissingAuthenticationToken", "AuthFailure", "RequestExpired");
    private static final Set<String> SERVICE_CODES = Set.of("InternalServiceException", "InternalFailure",
            "InternalError", "ServiceUnavailable", "ServiceUnavailableException", "OperationTimeoutException");

    private final Kind kind;
    private final String errorCode;
    private final String message;

    private AwsFailure(Kind kind, String errorCode, String message) {
        this.kind = kind;
        this.errorCode = errorCode;
        this.message = message;
    }

    public static AwsFailure of(Throwable t) {
        if (t instanceof AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String text = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                    ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorMessage();
            String msg = (code == null ? "HTTP " + e.statusCode() : code) + ": " + firstLine(text);
            Kind kind;
            if (code != null && CREDENTIAL_CODES.contains(code)) {
                kind = Kind.CREDENTIALS;
            } else if (e.statusCode() == 403 || (code != null && code.startsWith("AccessDenied"))) {
                kind = Kind.ACCESS_DENIED;
            } else if (e.isThrottlingException()) {
                kind = Kind.THROTTLED;
            } else if (e.statusCode() >= 500 || (code != null && SERVICE_CODES.contains(code))) {
                kind = Kind.SERVICE;
            } else if (e.statusCode() == 404 || (code != null && (code.contains("NotFound") || code.startsWith("NoSuch")))) {
                kind = Kind.NOT_FOUND;
            } else {
                kind = Kind.INVALID;
            }
            return new AwsFailure(kind, code, msg);
        }
        if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
            return new AwsFailure(Kind.UNREACHABLE, null, "no answer from AWS in time (" + firstLine(t.getMessage()) + ")");
        }
        if (t instanceof SdkClientException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (m.contains("Unable to load credentials") || m.contains("credentials")
                    && (m.contains("Unable") || m.contains("not found") || m.contains("could not"))) {
                return new AwsFailure(Kind.CREDENTIALS, null, "no AWS credentials found (checked settings, "
                        + "environment, profile, web identity, container and instance credentials)");
            }
            Throwable root = rootCause(e);
            String detail = root instanceof IOException && root != e
                    ? root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()))
                    : firstLine(m);
            return new AwsFailure(Kind.UNREACHABLE, null, "AWS could not be reached: " + detail);
        }
        if (t instanceof AbortedException) {
            return new AwsFailure(Kind.UNREACHABLE, null, "the call was interrupted");
        }
        return new AwsFailure(Kind.SERVICE, null, t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage())));
    }

    public Kind kind() {
        return kind;
    }

    /** The AWS error code, e.g. {@code AccessDeniedException}, or null for client-side failures. */
    public String errorCode() {
        return errorCode;
    }

    /** One line: error code and AWS's message, or what failed on our side. */
    public String message() {
        return message;
    }

    /** True when trying again later may succeed. */
    public boolean isTransient() {
        return kind == Kind.UNREACHABLE || kind == Kind.THROTTLED || kind == Kind.SERVICE;
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
