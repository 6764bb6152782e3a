package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.gluehealthcheck.standins.NeedsJenkins;
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

    public FilePath(@NonNull File localPath) {
        NeedsJenkins.unavailable();
    }

    public String getRemote() {
        return NeedsJenkins.unavailable();
    }

    public boolean isRemote() {
        return NeedsJenkins.unavailable();
    }

    public @NonNull FilePath child(String relOrAbsolute) {
        return NeedsJenkins.unavailable();
    }

    public @CheckForNull FilePath getParent() {
        return NeedsJenkins.unavailable();
    }

    public boolean exists() throws IOException, InterruptedException {
        return NeedsJenkins.unavailable();
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        return NeedsJenkins.unavailable();
    }

    public long length() throws IOException, InterruptedException {
        return NeedsJenkins.unavailable();
    }

    public void mkdirs() throws IOException, InterruptedException {
        NeedsJenkins.unavailable();
    }

    public void copyTo(FilePath target) throws IOException, InterruptedException {
        NeedsJenkins.unavailable();
    }

    public void copyFrom(FilePath src) throws IOException, InterruptedException {
        NeedsJenkins.unavailable();
    }
}
