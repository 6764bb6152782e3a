package io.github.gluehealthcheck.engine.plan;

import io.github.gluehealthcheck.engine.CheckHandle;
import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.aws.CallerIdentity;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.sweep.SweepResult;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Where a plan has got to, job by job: what a durable caller persists and resumes from after a restart. Per job the
 * engine's small {@link CheckHandle} while its run goes on, and its {@link CheckResult} once it is over; for the plan,
 * the build, the identity, the sweep and whether it was cancelled. No clients, no settings, nothing secret.
 *
 * <p>Each job moves PENDING, STARTING (stage, create, start), RUNNING (status reads), FINISHING (verdict and cleanup,
 * or cancel), DONE. {@link PlanRun} makes the moves; every method is synchronized, and so is serialization, so a
 * snapshot is never half-updated.
 */
public final class PlanProgress implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Where one job is. */
    public enum JobState {
        PENDING, STARTING, RUNNING, FINISHING, DONE
    }

    /** One job's place, handle and result. */
    private static final class Slot implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        private final String name;
        private JobState state = JobState.PENDING;
        private CheckHandle handle;
        private CheckResult result;

        Slot(String name) {
            this.name = name;
        }
    }

    private final CiContext context;
    private final int parallelism;
    private final Instant startedAt;
    private final ArrayList<Slot> slots = new ArrayList<>();
    private boolean began;
    private CallerIdentity identity;
    private SweepResult sweep;
    private String setupError;
    private String cancelReason;
    /** Counts the changes worth persisting: a job moved, or its run's state changed. */
    private long revision;

    PlanProgress(HealthCheckPlan plan, Instant startedAt) {
        this.context = plan.context();
        this.parallelism = plan.parallelism();
        this.startedAt = startedAt;
        for (CheckSpec spec : plan.checks()) {
            Slot slot = new Slot(spec.jobName());
            String skip = plan.skipReason(spec);
            if (skip != null) {
                // Nothing of it runs: it is over before the plan begins, and every report shows it as skipped.
                slot.result = PlanRun.base(spec).status(CheckStatus.SKIPPED).reason(skip).build();
                slot.state = JobState.DONE;
            }
            slots.add(slot);
        }
    }

    /** The build the plan belongs to. */
    public CiContext context() {
        return context;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public synchronized int size() {
        return slots.size();
    }

    /** The job's base name. */
    public synchronized String name(int job) {
        return slots.get(job).name;
    }

    public synchronized JobState state(int job) {
        return slots.get(job).state;
    }

    /** The job's handle once its run started, else null. */
    public synchronized CheckHandle handle(int job) {
        return slots.get(job).handle;
    }

    /** True once preflight (and the sweep) are over: the jobs are under way, or the plan could not start. */
    public synchronized boolean began() {
        return began;
    }

    public synchronized boolean cancelled() {
        return cancelReason != null;
    }

    /** Why the plan was cancelled, or null. */
    public synchronized String cancelReason() {
        return cancelReason;
    }

    /**
     * Goes up with every change worth persisting (a job moved on, its run changed state, the plan was cancelled), so a
     * caller saves only when it changed.
     */
    public synchronized long revision() {
        return revision;
    }

    /** True when every job is DONE. */
    public synchronized boolean allDone() {
        return slots.stream().allMatch(s -> s.state == JobState.DONE);
    }

    synchronized List<Integer> inState(JobState state) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).state == state) {
                out.add(i);
            }
        }
        return out;
    }

    /** Preflight confirmed the identity, and the sweep (if any) is over: jobs may start. */
    synchronized void began(CallerIdentity who, SweepResult swept) {
        identity = who;
        sweep = swept;
        began = true;
        revision++;
    }

    /** Preflight failed: no job can be carried out, and each is an ERROR saying why. */
    synchronized void setupFailed(String why, List<CheckResult> notRun) {
        setupError = why;
        began = true;
        revision++;
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).state != JobState.DONE) { // a skipped job stays skipped
                done(i, notRun.get(i));
            }
        }
    }

    /** Moves PENDING jobs to STARTING while fewer than {@code parallelism} are under way; none once cancelled. */
    synchronized List<Integer> startNext() {
        List<Integer> started = new ArrayList<>();
        if (!began || cancelReason != null) {
            return started;
        }
        long busy = slots.stream().filter(s -> s.state == JobState.STARTING || s.state == JobState.RUNNING
                || s.state == JobState.FINISHING).count();
        for (int i = 0; i < slots.size() && busy < parallelism; i++) {
            if (slots.get(i).state == JobState.PENDING) {
                slots.get(i).state = JobState.STARTING;
                started.add(i);
                busy++;
                revision++;
            }
        }
        return started;
    }

    /** A start could not even be handed to a thread: the job waits for its turn again. */
    synchronized void notStarted(int job, IntFunction<CheckResult.Builder> base) {
        Slot s = slots.get(job);
        if (s.state == JobState.STARTING) {
            if (cancelReason == null) {
                s.state = JobState.PENDING;
            } else {
                done(job, cancelledBeforeStart(base.apply(job)));
            }
        }
    }

    /**
     * The job's run started.
     *
     * @return false when the plan was cancelled meanwhile: the job is FINISHING, to be cancelled
     */
    synchronized boolean started(int job, CheckHandle handle) {
        Slot s = slots.get(job);
        s.handle = handle;
        s.state = cancelReason == null ? JobState.RUNNING : JobState.FINISHING;
        revision++;
        return cancelReason == null;
    }

    /**
     * A status read came back: keeps the newer handle, and moves to FINISHING when polling is over.
     *
     * @return false when the job is no longer RUNNING (a cancel took it over), so the read is dropped
     */
    synchronized boolean polled(int job, CheckHandle handle, boolean over) {
        Slot s = slots.get(job);
        if (s.state != JobState.RUNNING) {
            return false;
        }
        if (over || !Objects.equals(s.handle.lastState(), handle.lastState())) {
            revision++;
        }
        s.handle = handle;
        if (over) {
            s.state = JobState.FINISHING;
        }
        return true;
    }

    /** The job is over. */
    synchronized void done(int job, CheckResult result) {
        Slot s = slots.get(job);
        s.result = result;
        s.state = JobState.DONE;
        revision++;
    }

    /**
     * Cancels the plan: no job starts any more, PENDING ones are DONE as cancelled, RUNNING ones move to FINISHING for
     * the caller to cancel. Jobs STARTING or FINISHING carry on: a start notices the cancellation, a finish cleans up.
     *
     * @param base what is known of each job before it starts
     * @return false when the plan was already cancelled
     */
    synchronized boolean cancel(String reason, IntFunction<CheckResult.Builder> base) {
        if (cancelReason != null) {
            return false;
        }
        cancelReason = reason;
        revision++;
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            if (s.state == JobState.PENDING) {
                done(i, cancelledBeforeStart(base.apply(i)));
            } else if (s.state == JobState.RUNNING) {
                s.state = JobState.FINISHING;
            }
        }
        return true;
    }

    /**
     * After a restart: a job that was STARTING may or may not have been created; and without the plan's checks
     * (settings are not persisted), a PENDING job cannot start any more. Both end as ERROR, saying so. RUNNING and
     * FINISHING jobs carry on from their handles.
     */
    synchronized void afterRestart(boolean checksKnown) {
        if (!checksKnown) {
            // Without the checks a plan that had not begun cannot begin any more: it ends with what it has.
            began = true;
        }
        for (Slot s : slots) {
            if (s.state == JobState.STARTING) {
                revision++;
                s.result = error(s.name, "a restart came while the job was being created; if it was created, the "
                        + "sweeper deletes it once it expires");
                s.state = JobState.DONE;
            } else if (s.state == JobState.PENDING && !checksKnown) {
                revision++;
                s.result = error(s.name, "not checked: a restart came before this job's turn");
                s.state = JobState.DONE;
            }
        }
    }

    /**
     * Ends every job that is not DONE as ERROR, naming what may be left: for when AWS cannot be reached again after a
     * restart, so the plan still ends and reports instead of waiting forever.
     */
    public synchronized void abandon(String why) {
        for (Slot s : slots) {
            if (s.state != JobState.DONE) {
                revision++;
                String left = s.handle == null ? "" : "; " + s.handle.jobName() + " (run " + s.handle.runId()
                        + ") is left to Glue's timeout and the sweeper";
                s.result = CheckResult.builder().baseName(s.name).status(CheckStatus.ERROR)
                        .jobName(s.handle == null ? null : s.handle.jobName())
                        .runId(s.handle == null ? null : s.handle.runId()).reason(why + left).build();
                s.state = JobState.DONE;
            }
        }
    }

    /** The plan's outcome, once {@link #allDone()}. */
    public synchronized PlanResult result(Instant finishedAt) {
        List<CheckResult> results = new ArrayList<>();
        for (Slot s : slots) {
            if (s.state != JobState.DONE) {
                throw new IllegalStateException(s.name + " is not done");
            }
            results.add(s.result);
        }
        CheckStatus status = setupError != null ? CheckStatus.ERROR : cancelReason != null ? CheckStatus.CANCELLED
                : CheckStatus.overall(results.stream().map(CheckResult::status).toList());
        return new PlanResult(status, results, context, identity, sweep, setupError, startedAt, finishedAt);
    }

    /** What the plan waits for, in a short lowercase phrase per job (e.g. for a CI's step status). */
    public synchronized String describe(Instant now) {
        if (!began) {
            return cancelReason != null ? "cancelling (" + cancelReason + ")"
                    : "glue health check: confirming the AWS identity and sweeping expired jobs";
        }
        List<String> parts = new ArrayList<>();
        for (Slot s : slots) {
            parts.add(switch (s.state) {
                case PENDING -> s.name + " waiting for its turn";
                case STARTING -> s.name + " staging, creating and starting its Glue job";
                case RUNNING -> s.name + " waiting for Glue run " + s.handle.runId() + " ("
                        + (s.handle.lastState() == null ? "not read yet" : s.handle.lastState().toLowerCase(Locale.ROOT))
                        + ", " + Duration.between(s.handle.startedAt(), now).toSeconds() + "s, deadline in "
                        + Math.max(0, Duration.between(now, s.handle.deadline()).toSeconds()) + "s)";
                case FINISHING -> s.name + (cancelReason != null ? " stopping its run and cleaning up"
                        : " reading its last log lines and cleaning up");
                case DONE -> s.name + " " + s.result.status().name().toLowerCase(Locale.ROOT);
            });
        }
        return (cancelReason != null ? "cancelling (" + cancelReason + "): " : "glue health check: ")
                + String.join("; ", parts);
    }

    private CheckResult cancelledBeforeStart(CheckResult.Builder base) {
        return base.status(CheckStatus.CANCELLED).reason("cancelled (" + cancelReason + ") before it started").build();
    }

    private static CheckResult error(String name, String why) {
        return CheckResult.builder().baseName(name).status(CheckStatus.ERROR).reason(why).build();
    }

    @Serial
    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }
}
