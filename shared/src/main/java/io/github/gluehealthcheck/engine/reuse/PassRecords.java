package io.github.gluehealthcheck.engine.reuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gluehealthcheck.engine.spec.S3Uri;
import io.github.gluehealthcheck.engine.staging.ScriptStager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Where passes are recorded and how they are read: {@code <scripts_bucket prefix>/<repository>/passes/<fingerprint>.json},
 * one object per fingerprint, overwritten by each new pass. One GetObject before a check, one PutObject after a pass.
 *
 * <p>Trust: a record is honoured only from this repository's part of the scripts prefix, and only when it names
 * the fingerprint it is stored under and this repository. Who can write there is IAM's to decide: the Terraform CI
 * policy grants PutObject under the scripts prefix to the CI principals only (per repository with
 * {@code ci_scope_by_repository}), and the Glue jobs' own role may only read it, so a job under test cannot record
 * its own pass.
 */
public final class PassRecords {
    /** What may go wrong reading a record, kept far from any real record (a few hundred bytes). */
    static final int MAX_RECORD_BYTES = 16 * 1024;
    /** A record written this far in the future is not believed (clock skew between CI machines is allowed for). */
    static final Duration FUTURE_SKEW = Duration.ofMinutes(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final S3Client s3;

    public PassRecords(S3Client s3) {
        this.s3 = s3;
    }

    /** The record's place: {@code <prefix>/<repository>/passes/<fingerprint>.json} in the scripts bucket. */
    public static S3Uri location(S3Uri scriptsBucket, String repo, Fingerprint fingerprint) {
        return scriptsBucket.resolve(ScriptStager.repositoryPart(repo) + "/passes/" + fingerprint.hex() + ".json");
    }

    /**
     * The record at {@code location}, if there is one this check may trust.
     *
     * @return empty when there is none (404) or it does not hold (another fingerprint or repository, unreadable)
     * @throws S3Exception when S3 refuses the read for another reason (the caller runs the check then)
     */
    public Lookup read(S3Uri location, Fingerprint fingerprint, String repo) {
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = s3.getObjectAsBytes(r -> r.bucket(location.bucket()).key(location.key()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return new Lookup(null, "no pass recorded");
            }
            throw e;
        }
        byte[] body = bytes.asByteArray();
        if (body.length > MAX_RECORD_BYTES) {
            return new Lookup(null, "the pass record is too large to be one");
        }
        try {
            JsonNode n = MAPPER.readTree(body);
            PassRecord record = new PassRecord(text(n, "fingerprint"), text(n, "repo"), text(n, "job"),
                    text(n, "build"), text(n, "buildUrl"), text(n, "commit"), Instant.parse(text(n, "passedAt")),
                    text(n, "runId"), n.path("durationSeconds").asDouble(),
                    n.path("estimatedCostUsd").isNumber() ? n.path("estimatedCostUsd").asDouble() : null);
            if (!fingerprint.hex().equals(record.fingerprint()) || !repo.equals(record.repo())
                    || !"PASSED".equals(text(n, "status"))) {
                return new Lookup(null, "the pass record there is not this check's");
            }
            return new Lookup(record, null);
        } catch (IOException | DateTimeParseException | NullPointerException e) {
            return new Lookup(null, "the pass record there cannot be read");
        }
    }

    /** Records a pass, replacing any earlier one of the same fingerprint. */
    public void write(S3Uri location, PassRecord record) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("format", 1);
        n.put("status", "PASSED");
        n.put("fingerprint", record.fingerprint());
        n.put("engineMajor", Fingerprint.ENGINE_MAJOR);
        n.put("repo", record.repo());
        n.put("job", record.job());
        n.put("build", record.build());
        n.put("buildUrl", record.buildUrl());
        n.put("commit", record.commit());
        n.put("passedAt", record.passedAt().toString());
        n.put("runId", record.runId());
        n.put("durationSeconds", record.durationSeconds());
        if (record.estimatedCostUsd() != null) {
            n.put("estimatedCostUsd", record.estimatedCostUsd());
        }
        byte[] body = n.toString().getBytes(StandardCharsets.UTF_8);
        s3.putObject(r -> r.bucket(location.bucket()).key(location.key()).contentType("application/json"),
                RequestBody.fromBytes(body));
    }

    /** Whether {@code record} may stand for a check now: younger than {@code maxAge}, and not from the future. */
    public static Optional<String> tooOld(PassRecord record, Duration maxAge, Instant now) {
        if (record.passedAt().isAfter(now.plus(FUTURE_SKEW))) {
            return Optional.of("the pass record is dated in the future");
        }
        if (!record.passedAt().plus(maxAge).isAfter(now)) {
            return Optional.of("the last pass (" + record.origin() + ") is older than reuse_passed");
        }
        return Optional.empty();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** What a read found: a record to reuse, or why there is none. */
    public record Lookup(PassRecord record, String none) {
        public Optional<PassRecord> found() {
            return Optional.ofNullable(record);
        }
    }
}
