package io.github.gluehealthcheck.engine.aws;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What went wrong in an AWS call, classified for the verdict and the exit code, with a one-line message that
 * names the error and never carries a request, a header or a credential.
 *
 * <p>How each kind is handled is one table, {@link Kind} and its {@link ErrorClass}: a transient failure is asked
 * again with backoff until the step's deadline; an answer that arrived but cannot be read is asked again a few times
 * only (the same endpoint gives the same answer); a denied call is not asked again at all; not found and conflicts
 * are decided by each call.
 */
public final class AwsFailure {

    /** How a class of failure is handled: whether, and how often, the call is made again. */
    public enum ErrorClass {
        /** Throttling, 5xx, a connection reset or refused, a timeout: retried with backoff within the deadline. */
        TRANSIENT(Integer.MAX_VALUE),
        /**
         * A 2xx answer the SDK could not read (a timestamp in the wrong format, a truncated body, an HTML page where
         * JSON or XML belongs): asked again at most {@link #UNREADABLE_ATTEMPTS} times in all, then the check cannot
         * be carried out.
         */
        UNREADABLE(UNREADABLE_ATTEMPTS),
        /** Refused credentials or a missing permission: asking again cannot help, so it is asked once. */
        DENIED(1),
        /** Not found, conflicts, invalid requests: what they mean depends on the call, which decides. */
        PER_CALL(1);

        private final int attempts;

        ErrorClass(int attempts) {
            this.attempts = attempts;
        }

        /** How many attempts in all a call gets for failures of this class ({@code MAX_VALUE}: until the deadline). */
        public int attempts() {
            return attempts;
        }
    }

    /** Attempts in all for an answer that cannot be read. */
    public static final int UNREADABLE_ATTEMPTS = 3;

    /** Kinds of failure that users act on differently, each with the class that says how it is handled. */
    public enum Kind {
        /** No credentials, or AWS rejected them. */
        CREDENTIALS(ErrorClass.DENIED),
        /** The credentials lack a permission. */
        ACCESS_DENIED(ErrorClass.DENIED),
        /** No answer: network, DNS, timeouts, endpoint down. */
        UNREACHABLE(ErrorClass.TRANSIENT),
        /** AWS asked us to slow down (after the SDK's own retries). */
        THROTTLED(ErrorClass.TRANSIENT),
        /** AWS failed (5xx) or timed out on its side. */
        SERVICE(ErrorClass.TRANSIENT),
        /** An answer arrived but could not be read. */
        UNREADABLE(ErrorClass.UNREADABLE),
        /** The thing named does not exist. */
        NOT_FOUND(ErrorClass.PER_CALL),
        /** AWS refused the request as invalid, or as in conflict with the current state. */
        INVALID(ErrorClass.PER_CALL),
        /** A failure on this side, not an answer from AWS (a script S3 will not show, a job that is not ours). */
        LOCAL(ErrorClass.PER_CALL);

        private final ErrorClass errorClass;

        Kind(ErrorClass errorClass) {
            this.errorClass = errorClass;
        }

        public ErrorClass errorClass() {
            return errorClass;
        }
    }

    /** Where a denied call's permission is granted; named in every denial. */
    public static final String CI_POLICY = "the CI policy of the Terraform module (terraform/iam.tf)";

    private static final Set<String> CREDENTIAL_CODES = Set.of("UnrecognizedClientException", "InvalidClientTokenId",
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "InvalidToken",
            "IncompleteSignature", "MissingAuthenticationToken", "AuthFailure", "RequestExpired");
    private static final Set<String> SERVICE_CODES = Set.of("InternalServiceException", "InternalFailure",
            "InternalError", "ServiceUnavailable", "ServiceUnavailableException", "OperationTimeoutException");
    /** How the SDK says a 2xx answer could not be read (sdk-core's unmarshalling and protocol parsers). */
    private static final List<String> UNREADABLE_MARKERS = List.of("Unable to unmarshall response",
            "Unable to parse", "Unable to unmarshall", "Unexpected end-of-input", "Unexpected character",
            "Unrecognized token", "Failed to parse XML");

    private final Kind kind;
    private final String errorCode;
    private final String message;
    private final String operation;
    private final int sdkAttempts;

    private AwsFailure(Kind kind, String errorCode, String message, String operation, int sdkAttempts) {
        this.sdkAttempts = sdkAttempts;
        this.kind = kind;
        this.errorCode = errorCode;
        this.message = message;
        this.operation = operation;
    }

    public static AwsFailure of(Throwable t) {
        String operation = FailedOperation.of(t);
        int attempts = t instanceof SdkException e && e.numAttempts() != null ? Math.max(1, e.numAttempts()) : 1;
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
            if (kind.errorClass() == ErrorClass.DENIED && operation != null) {
                String action = iamAction(operation);
                if (kind == Kind.CREDENTIALS) {
                    msg = (action == null ? operation : action) + " was refused: AWS did not accept the credentials ("
                            + msg + "); see " + CI_POLICY + " for the principals it grants";
                } else if (action != null) {
                    msg = action + " was denied (" + msg + "); the credentials need it: see " + CI_POLICY;
                } else {
                    msg = operation + " was denied (" + msg + "); see " + CI_POLICY;
                }
            }
            return new AwsFailure(kind, code, msg, operation, attempts);
        }
        if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
            return new AwsFailure(Kind.UNREACHABLE, null, "no answer from AWS in time (" + firstLine(t.getMessage()) + ")",
                    operation, attempts);
        }
        if (t instanceof SdkClientException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (m.contains("Unable to load credentials") || m.contains("credentials")
                    && (m.contains("Unable") || m.contains("not found") || m.contains("could not"))) {
                return new AwsFailure(Kind.CREDENTIALS, null, "no AWS credentials found (checked settings, "
                        + "environment, profile, web identity, container and instance credentials)", operation, attempts);
            }
            Throwable root = rootCause(e);
            if (unreadable(e)) {
                String reason = firstLine(m);
                String rootText = root != e && root.getMessage() != null ? firstLine(root.getMessage()) : null;
                if (rootText != null && !reason.contains(rootText)) {
                    reason = reason + ": " + rootText;
                }
                return new AwsFailure(Kind.UNREADABLE, null, "the answer to " + (operation == null ? "the call"
                        : operation) + " arrived but could not be read (" + reason + ")", operation, attempts);
            }
            String detail = root instanceof IOException && root != e
                    ? root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()))
                    : firstLine(m);
            return new AwsFailure(Kind.UNREACHABLE, null, "AWS could not be reached: " + detail, operation, attempts);
        }
        if (t instanceof AbortedException) {
            return new AwsFailure(Kind.UNREACHABLE, null, "the call was interrupted", operation, attempts);
        }
        return new AwsFailure(Kind.LOCAL, null, t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage())), operation, attempts);
    }

    /**
     * The IAM action a call needs, as a policy names it: the first action {@link AwsOperation} declares for it
     * ({@code s3:HeadObject} needs {@code s3:GetObject}); null for an operation that needs none (GetCallerIdentity);
     * {@code service:Operation} for one not declared there.
     */
    static String iamAction(String operation) {
        int colon = operation.indexOf(':');
        String service = operation.substring(0, colon);
        String name = operation.substring(colon + 1);
        for (AwsOperation o : AwsOperation.values()) {
            if (o.service().equals(service) && o.operation().equals(name)) {
                return o.iamActions().isEmpty() ? null : o.iamActions().get(0);
            }
        }
        return operation;
    }

    /** Whether the SDK got an answer and failed to read it, rather than failed to get one. */
    private static boolean unreadable(SdkClientException e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            // A connection that broke is no unreadable answer, even when the parser was the one to notice.
            if (c instanceof IOException && !c.getClass().getName().contains("jackson")) {
                return false;
            }
        }
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.time.format.DateTimeParseException || c.getClass().getName().contains("jackson")
                    || c.getClass().getName().contains("XMLStream")) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && UNREADABLE_MARKERS.stream().anyMatch(m::contains)) {
                return true;
            }
        }
        return false;
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

    /** The failed call as {@code service:Operation} (e.g. {@code glue:GetJobRun}), or null when not known. */
    public String operation() {
        return operation;
    }

    /** How many attempts the SDK made before it gave up (its own retries included); 1 when it does not say. */
    public int sdkAttempts() {
        return sdkAttempts;
    }

    /** How this failure is handled; see {@link ErrorClass}. */
    public ErrorClass errorClass() {
        return kind.errorClass();
    }

    /** True when trying again later may succeed. */
    public boolean isTransient() {
        return kind.errorClass() == ErrorClass.TRANSIENT;
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
