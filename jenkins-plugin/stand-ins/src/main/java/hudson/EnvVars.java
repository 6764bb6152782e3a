package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compile-only stand-in for {@code hudson.EnvVars}, Jenkins core 2.555.3: a case-insensitive
 * {@code TreeMap<String, String>} with the no-argument and copy constructors, behaving as upstream's do. Upstream's
 * expansion and platform members are not mirrored (the plugin uses none). Never packaged.
 */
public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 1L;

    public EnvVars() {
        super(String.CASE_INSENSITIVE_ORDER);
    }

    public EnvVars(@NonNull Map<String, String> m) {
        this();
        putAll(m);
    }
}
