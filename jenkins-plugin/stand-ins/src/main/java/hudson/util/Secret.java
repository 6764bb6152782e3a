package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.gluehealthcheck.standins.NeedsJenkins;
import java.io.Serializable;

/**
 * Compile-only stand-in for {@code hudson.util.Secret}, Jenkins core 2.555.3: a value kept encrypted on disk; only
 * {@code getPlainText()}. Never packaged; it throws.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private Secret() {
    }

    public @NonNull String getPlainText() {
        return NeedsJenkins.unavailable();
    }
}
