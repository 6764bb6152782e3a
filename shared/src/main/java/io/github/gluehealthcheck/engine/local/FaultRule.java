package io.github.gluehealthcheck.engine.local;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A fault to inject into matching requests. Immutable; each method returns a changed copy, so a rule reads as one
 * sentence:
 *
 * <pre>{@code
 * endpoint.faults().add(FaultRule.on("glue", "StartJobRun").error(ErrorKind.THROTTLING).times(3));
 * endpoint.faults().add(FaultRule.on("s3", "*").error(ErrorKind.CONNECTION_RESET).once());
 * endpoint.faults().add(FaultRule.on("glue", "GetJobRun").delay(Duration.ofSeconds(3)).forJob("hc-orders"));
 * endpoint.faults().add(FaultRule.on("glue", "CreateJob").error(ErrorKind.CONNECTION_RESET).afterHandling().once());
 * endpoint.faults().add(FaultRule.on("glue", "GetJobRun").error(ErrorKind.UNREADABLE_TIMESTAMP));
 * endpoint.faults().add(FaultRule.deny("glue:DeleteJob"));
 * }</pre>
 *
 * A rule without {@link #times(int)} applies {@linkplain #always() always}. The operation {@code "*"} matches every
 * operation of the service.
 */
public final class FaultRule {

    static final Set<String> SERVICES = Set.of("glue", "s3", "logs", "sts");
    static final int ALWAYS = -1;

    private final String service;
    private final String operation;
    private final String jobName;
    private final ErrorKind kind;
    private final Duration delay;
    private final int times;
    private final boolean afterHandling;
    private final String deniedAction;

    private FaultRule(String service, String operation, String jobName, ErrorKind kind, Duration delay, int times,
            boolean afterHandling) {
        this(service, operation, jobName, kind, delay, times, afterHandling, null);
    }

    private FaultRule(String service, String operation, String jobName, ErrorKind kind, Duration delay, int times,
            boolean afterHandling, String deniedAction) {
        this.service = service;
        this.operation = operation;
        this.jobName = jobName;
        this.kind = kind;
        this.delay = delay;
        this.times = times;
        this.afterHandling = afterHandling;
        this.deniedAction = deniedAction;
    }

    /**
     * A rule for one operation of a service, e.g. {@code on("glue", "StartJobRun")}; {@code "*"} for all of them.
     * It does nothing until {@link #error} or {@link #delay} says what happens.
     */
    public static FaultRule on(String service, String operation) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("service must be one of " + SERVICES + ", was " + service);
        }
        return new FaultRule(service, operation, null, null, null, ALWAYS, false);
    }

    /**
     * Deny an IAM action: every request that needs it is answered as AWS answers a caller without the permission
     * ({@link ErrorKind#ACCESS_DENIED}, naming the action). {@code s3:GetObject} covers HeadObject and GetObject,
     * {@code s3:ListBucket} the listings; every other action is the operation of the same name.
     */
    public static FaultRule deny(String iamAction) {
        Objects.requireNonNull(iamAction, "iamAction");
        int colon = iamAction.indexOf(':');
        String service = colon < 0 ? "" : iamAction.substring(0, colon);
        if (!SERVICES.contains(service) || colon == iamAction.length() - 1) {
            throw new IllegalArgumentException("an IAM action is service:Action with a service of " + SERVICES
                    + ", was " + iamAction);
        }
        return new FaultRule(service, "*", null, ErrorKind.ACCESS_DENIED, null, ALWAYS, false, iamAction);
    }

    /**
     * The IAM action a request needs, as the Service Authorization Reference lists them (HeadObject is authorised
     * by {@code s3:GetObject}, the object listings by {@code s3:ListBucket}).
     */
    static String iamActionOf(String service, String operation) {
        return switch (service + ":" + operation) {
            case "s3:HeadObject" -> "s3:GetObject";
            case "s3:ListObjectsV2", "s3:ListObjects" -> "s3:ListBucket";
            default -> service + ":" + operation;
        };
    }

    /** Answer matching requests with this error (any kind but {@link ErrorKind#DELAY}). */
    public FaultRule error(ErrorKind kind) {
        Objects.requireNonNull(kind, "kind");
        if (kind == ErrorKind.DELAY || kind == ErrorKind.OUTAGE) {
            throw new IllegalArgumentException("use delay(Duration) or outage(Duration) for a " + kind + " fault");
        }
        if (!kind.appliesTo(service)) {
            throw new IllegalArgumentException(kind + " is not an error " + service + " can send");
        }
        return new FaultRule(service, operation, jobName, kind, null, times, afterHandling);
    }

    /** Answer matching requests normally, but only after this delay (to exceed a client's timeout). */
    public FaultRule delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        return new FaultRule(service, operation, jobName, ErrorKind.DELAY, delay, times, afterHandling);
    }

    /**
     * The endpoint goes away when a matching request arrives: that request's connection is reset and the endpoint
     * stops listening for {@code duration}, then comes back on the same port with its state.
     */
    public FaultRule outage(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("outage must not be negative");
        }
        return new FaultRule(service, operation, jobName, ErrorKind.OUTAGE, duration, times, afterHandling);
    }

    /** Apply to the next {@code n} matching requests only. */
    public FaultRule times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be >= 1, was " + n);
        }
        return new FaultRule(service, operation, jobName, kind, delay, n, afterHandling, deniedAction);
    }

    /** Apply to the next matching request only. */
    public FaultRule once() {
        return times(1);
    }

    /** Apply to every matching request until {@link Faults#clear()} (the default). */
    public FaultRule always() {
        return new FaultRule(service, operation, jobName, kind, delay, ALWAYS, afterHandling, deniedAction);
    }

    /** Match only requests that name this Glue job. */
    public FaultRule forJob(String jobName) {
        return new FaultRule(service, operation, Objects.requireNonNull(jobName, "jobName"), kind, delay, times,
                afterHandling, deniedAction);
    }

    /**
     * Let the request take effect first and fail only its response: the job is created, the run started, but the
     * caller sees the error (or the reset). This is how a retry meets AlreadyExists or starts a second run.
     */
    public FaultRule afterHandling() {
        return new FaultRule(service, operation, jobName, kind, delay, times, true, deniedAction);
    }

    public String service() {
        return service;
    }

    public String operation() {
        return operation;
    }

    /** The job this rule is limited to, or null. */
    public String jobName() {
        return jobName;
    }

    /** What the rule does; null until {@link #error} or {@link #delay} is called. */
    public ErrorKind kind() {
        return kind;
    }

    /** The delay of a {@link ErrorKind#DELAY} rule (or the length of an {@link ErrorKind#OUTAGE}), else null. */
    public Duration delayDuration() {
        return delay;
    }

    /** How many matching requests the rule applies to; {@code -1} for always. */
    public int times() {
        return times;
    }

    public boolean isAfterHandling() {
        return afterHandling;
    }

    /** The IAM action a {@link #deny} rule denies, else null. */
    public String deniedAction() {
        return deniedAction;
    }

    boolean matches(AwsRequest request) {
        return service.equals(request.service)
                && (operation.equals("*") || operation.equals(request.operation))
                && (deniedAction == null || deniedAction.equals(iamActionOf(request.service, request.operation)))
                && (jobName == null || jobName.equals(request.jobName));
    }

    @Override
    public String toString() {
        return "FaultRule{" + (deniedAction != null ? "deny " + deniedAction : service + ":" + operation)
                + (jobName == null ? "" : " job=" + jobName) + " -> "
                + kind + (delay == null ? "" : " " + delay.toMillis() + "ms")
                + (times == ALWAYS ? " always" : " x" + times) + (afterHandling ? " after handling" : "") + "}";
    }
}
