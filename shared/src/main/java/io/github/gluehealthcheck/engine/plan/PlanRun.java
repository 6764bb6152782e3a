package io.github.gluehealthcheck.engine.plan;

import io.github.gluehealthcheck.engine.Cancellation;
import io.github.gluehealthcheck.engine.CheckHandle;
import io.github.gluehealthcheck.engine.CheckNotStartedException;
import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckSetupException;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.HealthCheck;
import io.github.gluehealthcheck.engine.Phase;
import io.github.gluehealthcheck.engine.PollOutcome;
import io.github.gluehealthcheck.engine.ProgressListener;
import io.github.gluehealthcheck.engine.aws.AwsClients;
import io.github.gluehealthcheck.engine.aws.CallerIdentity;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.sweep.SweepResult;
import io.github.gluehealthcheck.engine.sweep.Sweeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntConsumer;

/**
 * A plan being carried out, step-wise, so that a durable caller can persist its small {@link PlanProgress} and resume
 * after a restart: {@link #begin()} (preflight, sweep, start up to {@code parallelism} checks), {@link #poll()}
 * (advance every check, start queued ones as slots free), {@link #finish()} (the verdict), {@link #cancel(String)}.
 * {@link PlanRunner#run} is the blocking loop over them.
 *
 * <p>The run decides what runs when; the caller only gives it threads and calls it. The blocking AWS calls of each
 * check (begin, a status read, finish, cancel) run on the given executor, one at a time per check, so {@link #poll()}
 * and {@link #cancel(String)} never wait for AWS; whenever such a call ends, and when a status read starts (which
 * frees the plan's next one), the run calls its wake-up, so the caller polls again at once instead of when
 * {@link PlanPoll#nextPoll()} says.
 */
public final class PlanRun {
    /** How soon to poll again when no status read is due: the wake-up usually comes first. */
    static final Duration IDLE = Duration.ofSeconds(1);
    /**
     * A read that starts at most this late keeps its run's beat (a thread's or the caller's wake-up lateness); one
     * held back longer by the budget starts a new beat, so it does not come due again at once ahead of the others.
     */
    static final Duration ON_BEAT = Duration.ofMillis(100);

    private final AwsClients aws;
    private final EngineOptions options;
    private final HealthCheck check;
    private final PlanProgress progress;
    /** The plan's checks (they hold secret arguments, so they are never persisted); null when resumed without them. */
    private final HealthCheckPlan plan;
    private final ProgressListener listener;
    private final Executor executor;
    private final Runnable wake;
    /** Lets a check that is starting notice that the plan was cancelled. */
    private final Cancellation cancellation = new Cancellation();
    /** Jobs with a call under way on the executor; guarded by this. */
    private final Set<Integer> busy = new HashSet<>();
    /** When each running job's next status read is due; guarded by this. Not persisted: after a restart, at once. */
    private final Map<Integer, Instant> due = new HashMap<>();
    /** The plan's status-read budget: the last read's start and whether one is handed out; guarded by this. */
    private final StatusReadBudget reads;

    PlanRun(AwsClients aws, EngineOptions options, HealthCheck check, PlanProgress progress, HealthCheckPlan plan,
            ProgressListener listener, Executor executor, Runnable wake) {
        this.aws = aws;
        this.options = options;
        this.check = check;
        this.progress = progress;
        this.plan = plan;
        this.listener = listener;
        this.executor = executor;
        this.wake = wake;
        this.reads = new StatusReadBudget(options.statusReadsPerSecond());
    }

    /** The state to persist; it is what {@link PlanRunner#resume} takes back. */
    public PlanProgress progress() {
        return progress;
    }

    /**
     * Confirms the identity, sweeps this repository's expired leftovers when the plan asks for it, then starts up to
     * {@code parallelism} checks. Makes AWS calls on the calling thread. After a failed preflight every job is an
     * ERROR and the run is done; after a cancellation nothing starts. When every job is skipped, nothing is called.
     */
    public void begin() {
        if (progress.began()) {
            return;
        }
        if (plan == null) {
            throw new IllegalStateException("a plan resumed without its checks cannot begin");
        }
        if (plan.nothingToCheck()) {
            // No job needs AWS: no identity to confirm, and the sweep waits for a build that checks something.
            say(l -> l.phase(null, Phase.PREFLIGHT, "nothing to check: every job is skipped; no AWS call is made"));
            progress.began(null, null);
        } else if (!progress.cancelled()) {
            say(l -> l.phase(null, Phase.PREFLIGHT, "credentials: " + aws.credentialSource() + ", region " + aws.region()));
            CallerIdentity identity;
            try {
                identity = check.preflight();
            } catch (CheckSetupException e) {
                progress.setupFailed(e.getMessage(), plan.checks().stream()
                        .map(s -> base(s).status(CheckStatus.ERROR).reason(e.getMessage()).build()).toList());
                wake.run();
                return;
            }
            say(l -> l.phase(null, Phase.PREFLIGHT, "running as " + identity.arn()));
            progress.began(identity, sweep(identity));
        } else {
            progress.began(null, null);
        }
        poll();
    }

    private SweepResult sweep(CallerIdentity identity) {
        if (!plan.sweepFirst() || progress.cancelled()) {
            return null;
        }
        say(l -> l.phase(null, Phase.SWEEP, "expired health-check jobs of " + progress.context().repo()));
        Sweeper.Scope scope = new Sweeper.Scope(plan.namePrefix(), progress.context().repo(), false)
                .withScriptsBuckets(plan.checks().stream().map(CheckSpec::scriptsBucket).toList());
        SweepResult sweep = new Sweeper(aws, options).sweep(scope, identity.account(),
                note -> say(l -> l.phase(null, Phase.SWEEP, note)));
        if (sweep.error() != null) {
            say(l -> l.warning(null, "sweep skipped: " + sweep.error()));
        } else {
            say(l -> l.phase(null, Phase.SWEEP, sweep.summary(true)));
        }
        return sweep;
    }

    /**
     * Advances every check: a status read for each running check whose read is due, the verdict and cleanup for each
     * whose run is over (or cancel, once the plan is cancelled), and a start for each queued check that has a free
     * slot. Hands the AWS calls to the executor and returns at once.
     */
    public synchronized PlanPoll poll() {
        if (!progress.began()) {
            return new PlanPoll(false, IDLE);
        }
        Instant now = options.clock().instant();
        // Status reads within the plan's budget, the longest-waiting first (never read yet before all): a run held
        // back keeps its earlier due time, so the reads go round the runs fairly.
        List<Integer> dueNow = new ArrayList<>();
        for (int job : progress.inState(PlanProgress.JobState.RUNNING)) {
            Instant at = due.get(job);
            if (!busy.contains(job) && (at == null || !now.isBefore(at))) {
                dueNow.add(job);
            }
        }
        dueNow.sort(Comparator.comparing(job -> due.getOrDefault(job, Instant.MIN)));
        // One read at a time is handed out; the next when it has started (its thread wakes the caller) and the
        // budget's gap has passed since.
        Instant heldUntil = null;
        for (int job : dueNow) {
            Instant free = reads.nextFree(now);
            if (free == null) {
                break;
            }
            if (free.isAfter(now)) {
                heldUntil = free;
                break;
            }
            reads.handed();
            if (!hand(job, this::read)) {
                reads.withdrawn();
            }
        }
        for (int job : progress.inState(PlanProgress.JobState.FINISHING)) {
            if (!busy.contains(job)) {
                hand(job, this::end);
            }
        }
        for (int job : progress.startNext()) {
            if (!hand(job, this::start)) {
                progress.notStarted(job, this::base);
            }
        }
        Duration next = heldUntil == null ? IDLE : Duration.between(now, heldUntil);
        for (int job : progress.inState(PlanProgress.JobState.RUNNING)) {
            Instant at = due.get(job);
            // A run already due but held back by the budget waits for heldUntil, not for its own due time.
            if (!busy.contains(job) && at != null && at.isAfter(now)) {
                Duration d = Duration.between(now, at);
                next = d.compareTo(next) < 0 ? d : next;
            }
        }
        return new PlanPoll(isDone(), next);
    }

    /** True when every job is over and no call is under way. */
    public synchronized boolean isDone() {
        return progress.began() && busy.isEmpty() && progress.allDone();
    }

    /** The plan's verdict, once {@link #isDone()}. */
    public PlanResult finish() {
        if (!isDone()) {
            throw new IllegalStateException("the plan is not over yet: " + progress.describe(options.clock().instant()));
        }
        return progress.result(options.clock().instant());
    }

    /**
     * Cancels the plan (build aborted, SIGTERM): nothing starts any more, checks being started notice it, running ones
     * are stopped and cleaned up by the following polls, and checks already finishing finish their cleanup. Returns at
     * once; keep polling until {@link #isDone()}. Cancelling twice keeps the first reason.
     */
    public void cancel(String reason) {
        if (progress.cancel(reason, this::base)) {
            cancellation.cancel(reason);
            wake.run();
        }
    }

    /** Runs one job's call on the executor; false when the executor refused it (it is shutting down). */
    private boolean hand(int job, IntConsumer call) {
        busy.add(job);
        try {
            executor.execute(() -> {
                try {
                    call.accept(job);
                } finally {
                    synchronized (this) {
                        busy.remove(job);
                    }
                    wake.run();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            busy.remove(job);
            return false;
        }
    }

    private void start(int job) {
        CheckSpec spec = plan.checks().get(job);
        try {
            CheckHandle handle = check.begin(spec, progress.context(), listener, cancellation);
            // When the plan was cancelled meanwhile, the job is FINISHING and the next poll cancels it.
            progress.started(job, handle);
        } catch (CheckNotStartedException e) {
            progress.done(job, e.result());
        } catch (RuntimeException e) {
            progress.done(job, internalError(base(spec), e).build());
        }
    }

    private void read(int job) {
        CheckHandle before = progress.handle(job);
        Instant started;
        Instant wasDue;
        synchronized (this) {
            // Counted against the budget here, in the thread that makes the call, as the call starts.
            started = options.clock().instant();
            reads.started(started);
            wasDue = due.get(job);
        }
        wake.run();
        try {
            PollOutcome outcome = check.poll(before, listener);
            if (progress.polled(job, outcome.handle(), outcome.done()) && !outcome.done()) {
                synchronized (this) {
                    due.put(job, nextDue(wasDue, started, outcome));
                }
            }
        } catch (RuntimeException e) {
            // A defect of ours must not leave the run going or the job behind.
            if (progress.polled(job, before, true)) {
                CheckResult cancelled = check.cancel(before, "internal error: " + e.getClass().getSimpleName(), listener);
                progress.done(job, internalError(cancelled.toBuilder(), e).build());
            }
        }
    }

    /**
     * When a run's next read is due. At a fixed rate: its interval after this read began, on the beat it was due
     * when it began within {@link #ON_BEAT} of that, so neither the call's own time (nor a log read after it) nor a
     * thread's late start pushes the next read later. After a read that got no answer (throttled, failed), the
     * interval counts from its end, so failing reads do not come back to back.
     */
    private Instant nextDue(Instant wasDue, Instant started, PollOutcome outcome) {
        if (!outcome.answered()) {
            return options.clock().instant().plus(outcome.nextPoll());
        }
        boolean onBeat = wasDue != null && !started.isBefore(wasDue)
                && Duration.between(wasDue, started).compareTo(ON_BEAT) <= 0;
        return (onBeat ? wasDue : started).plus(outcome.nextPoll());
    }

    private void end(int job) {
        CheckHandle handle = progress.handle(job);
        CheckResult result;
        try {
            result = progress.cancelled() ? check.cancel(handle, progress.cancelReason(), listener)
                    : check.finish(handle, listener);
        } catch (RuntimeException e) {
            result = CheckResult.builder().baseName(handle.baseName()).jobName(handle.jobName()).runId(handle.runId())
                    .status(CheckStatus.ERROR).reason("internal error " + e.getClass().getName() + " while cleaning up; "
                    + "if its Glue job was left, the sweeper deletes it once it expires").build();
        }
        progress.done(job, result);
    }

    private CheckResult.Builder internalError(CheckResult.Builder result, RuntimeException e) {
        return result.status(CheckStatus.ERROR).reason("internal error " + e.getClass().getName() + ": "
                + options.redactor().mask(String.valueOf(e.getMessage())));
    }

    /** What is known of a job before it starts. */
    private CheckResult.Builder base(int job) {
        return plan == null ? CheckResult.builder().baseName(progress.name(job)) : base(plan.checks().get(job));
    }

    /** What every result of {@code spec} starts with: its name, script, job type and Glue version. */
    static CheckResult.Builder base(CheckSpec spec) {
        return CheckResult.builder().baseName(spec.jobName()).script(spec.script().toString())
                .jobType(spec.jobType().value()).glueVersion(spec.glueVersion());
    }

    /** A plan-wide event; a listener that throws must not stop the plan. Job events are masked by the check. */
    private void say(java.util.function.Consumer<ProgressListener> event) {
        try {
            event.accept(new MaskingListener());
        } catch (RuntimeException ignored) {
            // Progress output is best effort; the plan carries on.
        }
    }

    /** Masks the plan-wide lines with the plan's secrets before they reach the caller's listener. */
    private final class MaskingListener implements ProgressListener {
        @Override
        public void phase(String job, Phase phase, String detail) {
            listener.phase(job, phase, options.redactor().mask(detail));
        }

        @Override
        public void warning(String job, String message) {
            listener.warning(job, options.redactor().mask(message));
        }
    }
}
