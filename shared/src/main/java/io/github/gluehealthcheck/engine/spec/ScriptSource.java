package io.github.gluehealthcheck.engine.spec;

import java.nio.file.Path;

/** Where a job's script comes from: an object already in S3, or a file in the CI workspace that gets staged. */
public sealed interface ScriptSource permits ScriptSource.InS3, ScriptSource.InWorkspace {

    /** The script's file name, e.g. {@code orders.py}. */
    String fileName();

    /** A script the user keeps in S3; it is checked with HeadObject and used as is. */
    record InS3(S3Uri uri) implements ScriptSource {
        @Override
        public String fileName() {
            String key = uri.key();
            return key.substring(key.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return uri.toString();
        }
    }

    /**
     * A file in the workspace; it is uploaded to the scripts bucket for the check and deleted afterwards.
     *
     * @param workspace    the workspace root (absolute, normalized)
     * @param relativePath the path as the user wrote it, relative to the workspace
     */
    record InWorkspace(Path workspace, String relativePath) implements ScriptSource {
        public Path file() {
            return workspace.resolve(relativePath).normalize();
        }

        @Override
        public String fileName() {
            return file().getFileName().toString();
        }

        @Override
        public String toString() {
            return relativePath;
        }
    }
}
