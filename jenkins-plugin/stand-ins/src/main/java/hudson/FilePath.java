package hudson;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;

/**
 * Compile-only stand-in for {@code hudson.FilePath}, Jenkins core 2.555.3: only the members this plugin uses, with
 * upstream's signatures. Upstream implements {@code SerializableOnlyOverRemoting} (a {@link Serializable}). Never
 * packaged; every body throws, since a workspace on an agent needs a running Jenkins (tests use a local directory).
 */
public final class FilePath implements Serializable {
    private static final long serialVersionUID = 1L;

    public FilePath(File localPath) {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public boolean isRemote() {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public FilePath getParent() {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public void copyTo(FilePath target) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public void copyFrom(FilePath src) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }
}
