package io.github.gluehealthcheck.engine;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Makes SIGTERM and SIGINT clean up: a JVM shutdown hook cancels the checks and holds the JVM open until they
 * have stopped their runs, deleted their jobs and written their reports ({@link #finished()}), or until the grace
 * period ends. SIGKILL cannot be caught; the sweeper handles what it leaves.
 */
public final class ShutdownGuard implements AutoCloseable {
    private final Cancellation cancellation;
    private final Duration grace;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean shuttingDown;

    private ShutdownGuard(Cancellation cancellation, Duration grace, String signalName) {
        this.cancellation = cancellation;
        this.grace = grace;
        this.hook = new Thread(() -> {
            shuttingDown = true;
            cancellation.cancel(signalName);
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "glue-health-check-shutdown");
    }

    /**
     * Installs the hook.
     *
     * @param grace how long the hook holds the JVM for cleanup (keep it under the CI's own grace, ~20 s)
     */
    public static ShutdownGuard install(Cancellation cancellation, Duration grace) {
        ShutdownGuard guard = new ShutdownGuard(cancellation, grace, "the process was asked to stop (SIGTERM/SIGINT)");
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /** Cleanup and reports are done: a running hook may let the JVM exit. */
    public void finished() {
        finished.countDown();
    }

    /**
     * True once the JVM is shutting down. Then {@code System.exit} must not be called (it would block forever);
     * return from main instead.
     */
    public boolean shuttingDown() {
        return shuttingDown;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    public Duration grace() {
        return grace;
    }

    /** Removes the hook when the process ends normally. */
    @Override
    public void close() {
        finished();
        if (!shuttingDown) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running; it returns now that finished() was called.
            }
        }
    }
}
