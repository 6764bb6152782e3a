package jenkins.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.gluehealthcheck.standins.NeedsJenkins;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Compile-only stand-in for {@code jenkins.util.Timer}, Jenkins core 2.555.3: {@code public static synchronized
 * ScheduledExecutorService get()}. Never packaged; it throws, so that a test that reaches the real timer by mistake
 * fails instead of passing on a timer that is not Jenkins'.
 */
public class Timer {
    private Timer() {
    }


    public static synchronized @NonNull ScheduledExecutorService get() {
        return NeedsJenkins.unavailable();
    }
}
