package hudson.model;

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

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }
}
