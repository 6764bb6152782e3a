package io.github.gluehealthcheck.engine.local;

import java.time.Instant;
import java.util.Map;

/**
 * One request the local endpoint answered (or refused). Never holds a credential, a token or a request body;
 * {@code detail} carries only identifiers worth asserting on, e.g. {@code bucket}/{@code key} for S3,
 * {@code runId} for Glue, {@code roleArn}, {@code roleSessionName} and {@code externalId=present|absent} for STS.
 *
 * @param at when the request arrived
 * @param service {@code glue}, {@code s3}, {@code logs}, {@code sts}, or {@code unknown}
 * @param operation the operation's wire name, e.g. {@code StartJobRun}, {@code PutObject}
 * @param httpStatus the status sent, or {@code 0} when the connection was reset without a response
 * @param errorCode the error code sent (e.g. {@code ThrottlingException}), {@code null} when the call succeeded
 * @param jobName the Glue job the request names, or {@code null}
 * @param durationMillis time from arrival to the response (including injected delays)
 * @param detail identifiers of what the request touched; never secrets
 */
public record RecordedRequest(
        Instant at,
        String service,
        String operation,
        int httpStatus,
        String errorCode,
        String jobName,
        long durationMillis,
        Map<String, String> detail) {

    public RecordedRequest {
        detail = Map.copyOf(detail);
    }

    /** Whether this request was answered without an error. */
    public boolean succeeded() {
        return errorCode == null && httpStatus >= 200 && httpStatus < 400;
    }

    /** Whether this is the given service's operation, as in {@code is("glue", "StartJobRun")}. */
    public boolean is(String service, String operation) {
        return this.service.equals(service) && this.operation.equals(operation);
    }
}
