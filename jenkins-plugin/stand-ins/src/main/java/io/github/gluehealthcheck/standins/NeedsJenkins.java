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
}
