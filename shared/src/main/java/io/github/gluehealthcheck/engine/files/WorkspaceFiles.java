package io.github.gluehealthcheck.engine.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Reading and writing files under a root (the CI workspace, which a pull request fills) without being led out of it
 * by a symbolic link the pull request committed: a link to {@code /etc/passwd} named like a config file, a report
 * directory linked to somewhere else, a {@code summary.md.tmp} link waiting for the report writer.
 *
 * <p>A path is inside when its lexical form is under the root and so is the real path (links resolved) of the
 * deepest part of it that exists. Files are read and written through the real path, the last step without
 * following a link; writes go to a new temporary file that is then renamed over the target, and a rename replaces
 * a link rather than writing through it.
 */
public final class WorkspaceFiles {

    private WorkspaceFiles() {
    }

    /** True when {@code path} (absolute, normalized) is lexically under {@code root} (absolute, normalized). */
    public static boolean isUnder(Path root, Path path) {
        return path.normalize().startsWith(root.normalize());
    }

    /** True when a link leads {@code path}, or the deepest part of it that exists, out of {@code root}'s real path. */
    public static boolean linksOutside(Path root, Path path) throws IOException {
        Path realRoot = root.toRealPath();
        Path existing = path.normalize();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return true;
        }
        if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
            return true; // a dangling link: where it leads cannot be checked, and a write would follow it
        }
        return !existing.toRealPath().startsWith(realRoot);
    }

    /**
     * Reads a file under {@code root}, at most {@code maxBytes}, refusing one that a link leads outside.
     *
     * @throws IOException when it cannot be read, is too large, or links outside ({@link OutsideException})
     */
    public static byte[] read(Path root, Path file, long maxBytes) throws IOException {
        if (!isUnder(root, file) || linksOutside(root, file)) {
            throw new OutsideException(file + " is outside the workspace " + root);
        }
        Path real = file.toRealPath();
        try (InputStream in = Files.newInputStream(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (content.length > maxBytes) {
                throw new TooLargeException(file.getFileName() + " is larger than " + maxBytes + " bytes");
            }
            return content;
        }
    }

    /** Creates {@code dir} (and missing parents) under {@code root}, refusing a path that a link leads outside. */
    public static Path createDirectories(Path root, Path dir) throws IOException {
        if (!isUnder(root, dir) || linksOutside(root, dir)) {
            throw new OutsideException(dir + " is outside the workspace " + root);
        }
        Files.createDirectories(dir);
        if (linksOutside(root, dir)) {
            throw new OutsideException(dir + " is outside the workspace " + root);
        }
        return dir;
    }

    /**
     * Replaces {@code file} under {@code root} with {@code content}, atomically where the file system can: written
     * to a temporary file of a new, unpredictable name in the same directory, then renamed over the target.
     */
    public static Path writeAtomically(Path root, Path file, String content) throws IOException {
        // getBytes replaces what UTF-8 cannot encode (an unpaired surrogate a job printed) instead of failing.
        return writeAtomically(root, file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #writeAtomically(Path, Path, String)} for bytes (a report copied to a Jenkins agent's workspace). */
    public static Path writeAtomically(Path root, Path file, byte[] content) throws IOException {
        Path dir = createDirectories(root, file.getParent());
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, content, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /** A file larger than its reader takes. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public TooLargeException(String message) {
            super(message);
        }
    }

    /** A path that lies, or a link leads, outside the workspace. */
    public static final class OutsideException extends IOException {
        private static final long serialVersionUID = 1L;

        public OutsideException(String message) {
            super(message);
        }
    }
}
