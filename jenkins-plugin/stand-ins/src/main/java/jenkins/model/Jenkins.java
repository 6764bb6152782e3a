package jenkins.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import io.github.gluehealthcheck.standins.NeedsJenkins;

/**
 * Compile-only stand-in for {@code jenkins.model.Jenkins}, Jenkins core 2.555.3: the singleton and the {@code ADMINISTER}
 * permission, which the global configuration's credentials list requires. Upstream extends {@code AbstractCIBase}
 * and implements many more interfaces. Never packaged; {@code get()} throws.
 */
public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = NeedsJenkins.constant(Permission.class);

    private Jenkins() {
    }

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        return NeedsJenkins.unavailable();
    }
}
