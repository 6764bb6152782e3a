package hudson;

import java.util.AbstractList;

/**
 * Compile-only stand-in for {@code hudson.ExtensionList}, Jenkins core 2.555.3: only
 * {@code public static <U> U lookupSingleton(Class<U>)}. Upstream also implements {@code OnMaster}. Never packaged;
 * the body throws because looking up extensions needs a running Jenkins.
 *
 * @param <T> the extension type
 */
public class ExtensionList<T> extends AbstractList<T> {

    protected ExtensionList() {
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }
}
