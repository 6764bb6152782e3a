package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Compile-only stand-in for {@code hudson.model.Result}, Jenkins core 2.555.3: only the constant the plugin uses,
 * {@code UNSTABLE}. Upstream is a final class of five such constants (with ordinals and ball colours) and implements
 * {@code CustomExportedBean}. Never packaged.
 */
public final class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final @NonNull Result UNSTABLE = new Result("UNSTABLE");

    private final String name;

    private Result(String name) {
        this.name = name;
    }

    @Override
    public @NonNull String toString() {
        return name;
    }
}
