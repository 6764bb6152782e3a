package io.github.gluehealthcheck.engine;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop checks early (build aborted, SIGTERM). Running checks notice it between calls and while
 * waiting, stop their Glue run and clean up. Thread-safe; cancelling twice keeps the first reason.
 */
public final class Cancellation {
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private volatile String reason;

    public void cancel(String why) {
        synchronized (this) {
            if (reason == null) {
                reason = why;
            }
        }
        cancelled.countDown();
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Why the checks were cancelled, or null. */
    public String reason() {
        return reason;
    }

    /**
     * Waits for {@code duration} unless cancelled first.
     *
     * @return true if cancelled
     */
    public boolean sleep(Duration duration) {
        try {
            return cancelled.await(Math.max(0, duration.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel("interrupted");
            return true;
        }
    }
}
