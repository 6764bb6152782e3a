package io.github.gluehealthcheck.engine.staging;

import io.github.gluehealthcheck.engine.spec.S3Uri;

/**
 * The script a check's job runs.
 *
 * @param location     where Glue reads it
 * @param uploadedByUs true when this check uploaded it (and so deletes it at cleanup)
 * @param bytes        its size, or -1 when unknown
 */
public record StagedScript(S3Uri location, boolean uploadedByUs, long bytes) {
}
