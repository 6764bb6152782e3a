package io.github.gluehealthcheck.jenkins.run;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where a step's work runs: waits on the Jenkins timer, the work itself (which may block on AWS) on the plugin's
 * worker threads, never on the timer's own threads or the CPS VM thread. Once Jenkins is stopping both refuse work;
 * the step then resumes from its persisted state when Jenkins starts again, so a refusal is not a failure.
 */
public final class StepThreads {
    private static final Logger LOGGER = Logger.getLogger(StepThreads.class.getName());

    /** Work that may fail the way reading a step's context does. */
    public interface Work {
        void run() throws IOException, InterruptedException;
    }

    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final Consumer<Throwable> failed;

    /**
     * @param failed ends the step when work fails unexpectedly, rather than leaving it hanging
     */
    public StepThreads(ScheduledExecutorService timer, Executor workers, Consumer<Throwable> failed) {
        this.timer = timer;
        this.workers = workers;
        this.failed = failed;
    }

    /** After {@code delay}, runs {@code work} on a worker thread; null when Jenkins is stopping. */
    public ScheduledFuture<?> later(Duration delay, Work work) {
        try {
            return timer.schedule(() -> now(work), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.FINE, "Jenkins is stopping; glueHealthCheck resumes after the restart", e);
            return null;
        }
    }

    /** Runs {@code work} on a worker thread. */
    public void now(Work work) {
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } catch (IOException | InterruptedException | RuntimeException | Error e) {
                    LOGGER.log(Level.WARNING, "glueHealthCheck failed unexpectedly", e);
                    failed.accept(e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.FINE, "Jenkins is stopping; glueHealthCheck resumes after the restart", e);
        }
    }
}
