package io.github.gluehealthcheck.engine.reuse;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A pass a later check may reuse: which check of which build passed, when, with which run, how long it took and what
 * it cost. Kept as one small JSON object in the scripts bucket ({@link PassRecords}); holds no secret.
 *
 * @param fingerprint      the {@link Fingerprint} of the check that passed
 * @param repo             the repository it belongs to
 * @param job              the job's base name
 * @param build            the build number, or null
 * @param buildUrl         the link to the build, or null
 * @param commit           the commit checked, or null
 * @param passedAt         when the check passed
 * @param runId            the Glue run that passed
 * @param durationSeconds  how long the check took
 * @param estimatedCostUsd what the run cost, estimated; null when unknown
 */
public record PassRecord(String fingerprint, String repo, String job, String build, String buildUrl, String commit,
        Instant passedAt, String runId, double durationSeconds, Double estimatedCostUsd) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** This pending record of a check, as it passed: when, with which run, how long it took and what it cost. */
    public PassRecord passed(Instant at, String passingRunId, double seconds, Double costUsd) {
        return new PassRecord(fingerprint, repo, job, build, buildUrl, commit, at, passingRunId, seconds, costUsd);
    }

    /** {@code build 12 of 2026-12-06} (UTC), or {@code a build of ...} when the build number is unknown. */
    public String origin() {
        return (build == null ? "a build" : "build " + build) + " of "
                + DateTimeFormatter.ISO_LOCAL_DATE.format(passedAt.atOffset(ZoneOffset.UTC));
    }
}
