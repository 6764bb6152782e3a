package hudson.model;

/**
 * Compile-only stand-in for {@code hudson.model.Actionable}, Jenkins core 2.555.3: only the action accessors this
 * plugin uses, with upstream's signatures. Upstream extends {@code AbstractModelObject} and implements
 * {@code ModelObjectWithContextMenu}. Never packaged; the bodies throw (they need a running Jenkins).
 */
public abstract class Actionable {

    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public boolean addOrReplaceAction(Action a) {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }
}
