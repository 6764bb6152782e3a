package io.github.gluehealthcheck.engine.staging;

import io.github.gluehealthcheck.engine.spec.S3Uri;

/**
 * The script a check's job runs.
 *
 * @param location     where Glue reads it
 * @param uploadedByUs true when this check uploaded it (and so deletes it at cleanup)
 * @param bytes        its size, or -1 when unknown
 * @param content      for a workspace script, the bytes read once when it was placed: the very bytes that were
 *                     checked and hashed into its key are the ones uploaded, whatever happens to the file meanwhile;
 *                     null otherwise (an {@code s3://} script, or a check resumed after its upload)
 * @param eTag         for an {@code s3://} script, S3's ETag of it (what says its content changed); null otherwise
 * @param versionId    for an {@code s3://} script in a versioned bucket, its version; null otherwise
 */
public record StagedScript(S3Uri location, boolean uploadedByUs, long bytes, byte[] content, String eTag,
        String versionId) {

    public StagedScript(S3Uri location, boolean uploadedByUs, long bytes) {
        this(location, uploadedByUs, bytes, null, null, null);
    }

    public StagedScript(S3Uri location, boolean uploadedByUs, long bytes, byte[] content) {
        this(location, uploadedByUs, bytes, content, null, null);
    }
}
