package org.jenkinsci.remoting;

/**
 * Compile-only stand-in for {@code org.jenkinsci.remoting.RoleSensitive}, remoting 3355.v388858a_47b_33 (the version
 * Jenkins core 2.555.3 builds with): {@code FilePath.FileCallable} extends it. Never packaged.
 */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
