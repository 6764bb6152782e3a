package io.github.gluehealthcheck.standins;

/**
 * What the stand-ins' bodies call: they only compile the plugin, so running one is a mistake. A body that throws by
 * itself would make SpotBugs treat each call to it as the end of the caller's path, and so hide what follows the call
 * in the plugin (a null dereference, say); a call to this method keeps the stand-in's own body an ordinary one.
 */
public final class NeedsJenkins {
    private NeedsJenkins() {
    }

    /**
     * Fails: a compile-only stand-in was run.
     *
     * @param <T> whatever the stand-in returns
     * @return never
     */
    public static <T> T unavailable() {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    /**
     * A value for a stand-in's constant whose type only Jenkins makes (a {@code Permission}, an
     * {@code Authentication}): an instance made through the type's private constructor, or a proxy of an interface
     * that fails when called. Only its identity is of use, e.g. to tell {@code Item.EXTENDED_READ} from
     * {@code CredentialsProvider.USE_ITEM} in a test.
     *
     * @param <T> the constant's type
     * @param type the constant's type
     * @return a new, distinct instance
     */
    public static <T> T constant(Class<T> type) {
        if (type.isInterface()) {
            return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "toString" -> "stand-in " + type.getName();
                        default -> unavailable();
                    }));
        }
        try {
            java.lang.reflect.Constructor<T> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("stand-in " + type.getName() + " needs a private no-argument constructor", e);
        }
    }
}
