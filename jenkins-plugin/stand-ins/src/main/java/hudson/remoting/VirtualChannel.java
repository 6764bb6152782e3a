package hudson.remoting;

/**
 * Compile-only stand-in for {@code hudson.remoting.VirtualChannel}, remoting 3355.v388858a_47b_33 (the version
 * Jenkins core 2.555.3 builds with): only the type, which {@code FilePath.FileCallable.invoke} takes. Never packaged.
 */
public interface VirtualChannel {
}
