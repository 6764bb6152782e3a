package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintStream;
import java.io.Serializable;

/**
 * Compile-only stand-in for {@code hudson.model.TaskListener}, Jenkins core 2.555.3: only {@code getLogger()}, the
 * member this plugin uses. Upstream extends {@code SerializableOnlyOverRemoting} (a {@link Serializable}). Never
 * packaged.
 */
public interface TaskListener extends Serializable {
    @NonNull
    PrintStream getLogger();
}
