package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.gluehealthcheck.standins.NeedsJenkins;

/**
 * Compile-only stand-in for {@code hudson.security.AccessControlled}, Jenkins core 2.555.3: {@code hasPermission}, which
 * upstream answers from {@code getACL()} (true for the SYSTEM authentication). Never packaged; it throws.
 */
public interface AccessControlled {
    default boolean hasPermission(@NonNull Permission permission) {
        return NeedsJenkins.unavailable();
    }
}
