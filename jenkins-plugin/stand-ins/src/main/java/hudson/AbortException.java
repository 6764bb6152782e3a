package hudson;

import java.io.IOException;

/**
 * Compile-only stand-in for {@code hudson.AbortException}, Jenkins core 2.555.3: an {@link IOException} whose
 * message is shown without a stack trace. Same constructors as upstream. Never packaged.
 */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {
    }

    public AbortException(String message) {
        super(message);
    }
}
