package io.github.gluehealthcheck.engine.plan;

import io.github.gluehealthcheck.engine.Cancellation;
import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.HealthCheck;
import io.github.gluehealthcheck.engine.ProgressListener;
import io.github.gluehealthcheck.engine.aws.AwsClients;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Carries out plans: confirms the identity once, sweeps this repository's expired leftovers, then checks the jobs with
 * at most {@code parallelism} under way at once, and gives one overall verdict. {@link #start} and {@link #resume}
 * give a step-wise {@link PlanRun} for durable callers; {@link #run} is the blocking loop over it.
 */
public final class PlanRunner {
    /** How often the blocking loop looks at its cancellation while it waits. */
    private static final Duration CANCEL_CHECK = Duration.ofMillis(100);

    private final AwsClients aws;
    private final EngineOptions options;
    private final HealthCheck check;

    public PlanRunner(AwsClients aws, EngineOptions options) {
        this.aws = aws;
        this.options = options;
        this.check = new HealthCheck(aws, options);
    }

    public HealthCheck healthCheck() {
        return check;
    }

    /**
     * A new run of the plan; nothing is called until {@link PlanRun#begin()}.
     *
     * @param executor threads for the checks' blocking AWS calls (at most one call per check at a time)
     * @param wake     called whenever such a call ends, so the caller polls again
     */
    public PlanRun start(HealthCheckPlan plan, ProgressListener listener, Executor executor, Runnable wake) {
        return new PlanRun(aws, options, check, new PlanProgress(plan, options.clock().instant()), plan, listener,
                executor, wake);
    }

    /**
     * Resumes a run from its persisted progress (after a restart, in a new process, with new clients). Running checks
     * carry on from their handles; finishing ones finish again. A check that was being started may or may not have
     * been created, and ends as an ERROR saying so.
     *
     * @param plan the same plan, when the caller still has its checks: queued checks then start in their turn (and a
     *             plan that had not begun begins again); null when it has not (the checks' settings hold secrets and
     *             are not persisted): queued checks end as ERROR
     */
    public PlanRun resume(PlanProgress progress, HealthCheckPlan plan, ProgressListener listener, Executor executor,
            Runnable wake) {
        if (plan != null && plan.checks().size() != progress.size()) {
            throw new IllegalArgumentException("the plan has " + plan.checks().size() + " checks, the progress "
                    + progress.size());
        }
        progress.afterRestart(plan != null);
        return new PlanRun(aws, options, check, progress, plan, listener, executor, wake);
    }

    /** Runs a plan, blocking until every check is over and cleaned up; cancellation stops the checks and cleans up. */
    public PlanResult run(HealthCheckPlan plan, ProgressListener listener, Cancellation cancellation) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(plan.parallelism(), plan.checks().size()), r -> {
            Thread t = new Thread(r, "glue-health-check-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        WakeUp wake = new WakeUp();
        try {
            PlanRun run = start(plan, listener, pool, wake);
            if (cancellation.isCancelled()) {
                run.cancel(cancellation.reason());
            }
            run.begin();
            boolean told = false;
            while (true) {
                if (!told && cancellation.isCancelled()) {
                    run.cancel(cancellation.reason());
                    told = true;
                }
                PlanPoll next = run.poll();
                if (next.done()) {
                    return run.finish();
                }
                if (!wake.await(next.nextPoll(), told ? null : cancellation)) {
                    // Keep going: the checks notice the cancellation and clean up; returning now would report
                    // before cleanup ended.
                    cancellation.cancel("interrupted");
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Wakes the blocking loop when a check's call ends. */
    private static final class WakeUp implements Runnable {
        private boolean woken;

        @Override
        public synchronized void run() {
            woken = true;
            notifyAll();
        }

        /** Waits until woken, cancelled (unless null) or {@code max} passed; false when interrupted. */
        synchronized boolean await(Duration max, Cancellation cancellation) {
            long until = System.nanoTime() + max.toNanos();
            try {
                while (!woken && (cancellation == null || !cancellation.isCancelled())) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    wait(Math.max(1, Math.min(left, CANCEL_CHECK.toNanos()) / 1_000_000));
                }
                return true;
            } catch (InterruptedException e) {
                return false;
            } finally {
                woken = false;
            }
        }
    }
}
