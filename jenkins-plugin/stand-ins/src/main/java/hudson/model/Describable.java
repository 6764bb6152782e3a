package hudson.model;

import io.github.gluehealthcheck.standins.NeedsJenkins;
/**
 * Compile-only stand-in for {@code hudson.model.Describable}, Jenkins core 2.555.3. Upstream's default
 * {@code getDescriptor()} looks the descriptor up in Jenkins; here it throws. Never packaged.
 *
 * @param <T> the describable type
 */
public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        return NeedsJenkins.unavailable();
    }
}
