package hudson;

import hudson.remoting.VirtualChannel;
import io.github.gluehealthcheck.standins.NeedsJenkins;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

/**
 * Compile-only stand-in for {@code hudson.FilePath}, Jenkins core 2.555.3: only the members this plugin uses, with
 * upstream's signatures. Upstream implements {@code SerializableOnlyOverRemoting} (a {@link Serializable}). Never
 * packaged; every body throws, since a workspace on an agent needs a running Jenkins (tests run the plugin's
 * {@link FileCallable}s on a local directory themselves).
 */
public final class FilePath implements Serializable {
    private static final long serialVersionUID = 1L;

    private FilePath() {
    }

    /** Upstream's nested {@code FilePath.FileCallable}: code run on the machine where the file is. */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    public String getRemote() {
        return NeedsJenkins.unavailable();
    }

    public boolean isRemote() {
        return NeedsJenkins.unavailable();
    }

    public <T> T act(FileCallable<T> callable) throws IOException, InterruptedException {
        return NeedsJenkins.unavailable();
    }
}
