package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;
import io.github.gluehealthcheck.standins.NeedsJenkins;

/**
 * Compile-only stand-in for {@code hudson.model.Item}, Jenkins core 2.555.3: an item (the Pipeline job a Snippet Generator form
 * belongs to) and its {@code EXTENDED_READ} permission. Upstream extends many more interfaces. Never packaged.
 */
public interface Item extends AccessControlled {
    Permission EXTENDED_READ = NeedsJenkins.constant(Permission.class);
}
