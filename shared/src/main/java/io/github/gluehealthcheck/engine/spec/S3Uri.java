package io.github.gluehealthcheck.engine.spec;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket[/key]} location. Bucket names follow S3's general-purpose naming rules, so a typo is
 * reported before any AWS call rather than as an opaque service error.
 */
public record S3Uri(String bucket, String key) {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_LIKE = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    public S3Uri {
        key = key == null ? "" : key;
    }

    /** Parses {@code text}, or says what is wrong with it (as a message without the setting's name). */
    public static Result parse(String text) {
        if (text == null || text.isBlank()) {
            return Result.error("must be an s3:// URI, e.g. s3://my-bucket/path");
        }
        String t = text.trim();
        if (!t.startsWith("s3://")) {
            return Result.error("'" + t + "' is not an s3:// URI; use s3://bucket/path");
        }
        String rest = t.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..") || IP_LIKE.matcher(bucket).matches()) {
            return Result.error("'" + bucket + "' is not a valid S3 bucket name (3-63 lowercase letters, digits, '.' and '-', "
                    + "starting and ending with a letter or digit)");
        }
        if (key.contains("//") || key.chars().anyMatch(c -> c < 0x20)) {
            return Result.error("'" + t + "' has an empty path segment or a control character");
        }
        return new Result(new S3Uri(bucket, key), null);
    }

    /** The key with any trailing slash removed: the prefix under which objects are staged. */
    public String prefix() {
        return key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    }

    /** This location with {@code child} appended as a key below it. */
    public S3Uri resolve(String child) {
        String p = prefix();
        return new S3Uri(bucket, p.isEmpty() ? child : p + "/" + child);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (key.isEmpty() ? "" : "/" + key);
    }

    /** Either a parsed URI or an error message. */
    public record Result(S3Uri uri, String error) {
        static Result error(String message) {
            return new Result(null, message);
        }

        public Optional<S3Uri> value() {
            return Optional.ofNullable(uri);
        }
    }
}
