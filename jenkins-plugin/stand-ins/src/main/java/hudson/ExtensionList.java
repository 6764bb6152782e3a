package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.gluehealthcheck.standins.NeedsJenkins;
import java.util.AbstractList;

/**
 * Compile-only stand-in for {@code hudson.ExtensionList}, Jenkins core 2.555.3: only
 * {@code public static <U> U lookupSingleton(Class<U>)}. Upstream also implements {@code OnMaster}. Never packaged;
 * the body throws because looking up extensions needs a running Jenkins.
 *
 * @param <T> the extension type
 */
public class ExtensionList<T> extends AbstractList<T> {

    // Upstream's constructors take types the plugin never uses; private, so that nothing here can make one.
    private ExtensionList() {
    }

    public static @NonNull <U> U lookupSingleton(Class<U> type) {
        return NeedsJenkins.unavailable();
    }

    @Override
    public T get(int index) {
        return NeedsJenkins.unavailable();
    }

    @Override
    public int size() {
        return NeedsJenkins.unavailable();
    }
}
