package hudson;

/** Compile-only stand-in for the marker interface {@code hudson.ExtensionPoint}, Jenkins core 2.555.3. Never packaged. */
public interface ExtensionPoint {
}
