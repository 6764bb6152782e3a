package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.gluehealthcheck.standins.NeedsJenkins;

/**
 * Compile-only stand-in for {@code hudson.model.Actionable}, Jenkins core 2.555.3: only the action accessors this
 * plugin uses, with upstream's signatures. Upstream extends {@code AbstractModelObject} and implements
 * {@code ModelObjectWithContextMenu}. Never packaged; the bodies throw (they need a running Jenkins).
 */
public abstract class Actionable {

    public void addAction(@NonNull Action a) {
        NeedsJenkins.unavailable();
    }

    public boolean addOrReplaceAction(@NonNull Action a) {
        return NeedsJenkins.unavailable();
    }

    public <T extends Action> T getAction(Class<T> type) {
        return NeedsJenkins.unavailable();
    }
}
