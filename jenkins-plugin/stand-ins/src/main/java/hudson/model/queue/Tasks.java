package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue.Task;
import io.github.gluehealthcheck.standins.NeedsJenkins;
import org.springframework.security.core.Authentication;

/**
 * Compile-only stand-in for {@code hudson.model.queue.Tasks}, Jenkins core 2.555.3: the authentication a task is likely to run as.
 * Never packaged; it throws.
 */
public class Tasks {
    private Tasks() {
    }

    public static @NonNull Authentication getAuthenticationOf2(@NonNull Task t) {
        return NeedsJenkins.unavailable();
    }
}
