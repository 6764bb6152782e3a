package hudson.model;

/** Compile-only stand-in for {@code hudson.model.ModelObject}, Jenkins core 2.555.3. Never packaged. */
public interface ModelObject {
    String getDisplayName();
}
