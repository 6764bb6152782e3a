package hudson.security;

import io.github.gluehealthcheck.standins.NeedsJenkins;
import org.springframework.security.core.Authentication;

/**
 * Compile-only stand-in for {@code hudson.security.ACL}, Jenkins core 2.555.3: the {@code SYSTEM2} authentication, as which the
 * credentials of a context without a task are listed. Never packaged.
 */
public abstract class ACL {
    public static final Authentication SYSTEM2 = NeedsJenkins.constant(Authentication.class);

    private ACL() {
    }
}
