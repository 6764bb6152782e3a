package io.github.gluehealthcheck.engine.glue;

import io.github.gluehealthcheck.engine.spec.CiContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tags that make a temporary job ours: a marker, the owning repository and build, and an expiry time after
 * which a sweeper may delete it. A job without the marker is never stopped or deleted, whatever its name.
 */
public final class OwnershipTags {
    public static final String MARKER = "glue-health-check:managed-by";
    public static final String MARKER_VALUE = "glue-health-check";
    public static final String REPO = "glue-health-check:repo";
    public static final String PULL_REQUEST = "glue-health-check:pull-request";
    public static final String BUILD = "glue-health-check:build";
    public static final String CREATED_AT = "glue-health-check:created-at";
    public static final String EXPIRES_AT = "glue-health-check:expires-at";
    public static final String CHECK_ID = "glue-health-check:check-id";
    public static final String PROVIDER = "glue-health-check:provider";
    public static final String STAGED_SCRIPT = "glue-health-check:staged-script";

    private OwnershipTags() {
    }

    /** The engine's own tags for a new job; the user's tags go alongside. */
    public static Map<String, String> forNewJob(CiContext context, String checkId, Instant createdAt, Instant expiresAt,
            String stagedScript) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(MARKER, MARKER_VALUE);
        tags.put(REPO, tagValue(context.repo()));
        context.pullRequest().ifPresent(pr -> tags.put(PULL_REQUEST, pr));
        context.buildNumber().ifPresent(b -> tags.put(BUILD, tagValue(b)));
        tags.put(CREATED_AT, createdAt.truncatedTo(ChronoUnit.SECONDS).toString());
        tags.put(EXPIRES_AT, expiresAt.truncatedTo(ChronoUnit.SECONDS).toString());
        tags.put(CHECK_ID, checkId);
        tags.put(PROVIDER, tagValue(context.provider()));
        if (stagedScript != null) {
            tags.put(STAGED_SCRIPT, tagValue(stagedScript));
        }
        return tags;
    }

    /** True when the tags carry our marker. */
    public static boolean isManaged(Map<String, String> tags) {
        return MARKER_VALUE.equals(tags.get(MARKER));
    }

    /** True when the tags say the job is ours and belongs to {@code repo}. */
    public static boolean isOwnedBy(Map<String, String> tags, String repo) {
        return isManaged(tags) && tagValue(repo).equals(tags.get(REPO));
    }

    public static Optional<Instant> expiresAt(Map<String, String> tags) {
        String value = tags.get(EXPIRES_AT);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Tag values allow letters, digits, spaces and {@code _.:/=+-@}, up to 256 characters. */
    public static String tagValue(String text) {
        String v = text.replaceAll("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]", "_");
        return v.length() > 256 ? v.substring(0, 256) : v;
    }
}
