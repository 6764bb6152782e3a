package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.gluehealthcheck.standins.NeedsJenkins;

/**
 * Compile-only stand-in for {@code hudson.model.Descriptor}, Jenkins core 2.555.3: the two constructors,
 * {@code getDisplayName()}, {@code load()} and {@code save()} (upstream implements them from {@code Loadable} and
 * {@code Saveable}; it also implements {@code OnMaster}). Never packaged; {@code load} and {@code save} throw, since
 * they read and write the Jenkins home.
 *
 * @param <T> the described type
 */
public abstract class Descriptor<T extends Describable<T>> {

    protected Descriptor(Class<? extends T> clazz) {
    }

    protected Descriptor() {
    }

    public @NonNull String getDisplayName() {
        return NeedsJenkins.unavailable();
    }

    public synchronized void load() {
        NeedsJenkins.unavailable();
    }

    public synchronized void save() {
        NeedsJenkins.unavailable();
    }
}
