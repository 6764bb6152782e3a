package org.jenkinsci.remoting;

/**
 * Compile-only stand-in for {@code org.jenkinsci.remoting.RoleChecker}, remoting 3355.v388858a_47b_33 (the version
 * Jenkins core 2.555.3 builds with): only the type, which {@code RoleSensitive.checkRoles} takes. Never packaged.
 */
public abstract class RoleChecker {
}
