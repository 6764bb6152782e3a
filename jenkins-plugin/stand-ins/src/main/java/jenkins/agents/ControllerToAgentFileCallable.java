package jenkins.agents;

import hudson.FilePath;
import io.github.gluehealthcheck.standins.NeedsJenkins;
import org.jenkinsci.remoting.RoleChecker;

/**
 * Compile-only stand-in for {@code jenkins.agents.ControllerToAgentFileCallable}, Jenkins core 2.555.3 (since
 * 2.485): a {@code FilePath.FileCallable} meant to run on an agent, typically a record; upstream's default
 * {@code checkRoles} checks {@code Roles.SLAVE}. Never packaged; the default body throws.
 */
public interface ControllerToAgentFileCallable<T> extends FilePath.FileCallable<T> {
    @Override
    default void checkRoles(RoleChecker checker) throws SecurityException {
        NeedsJenkins.unavailable();
    }
}
