package io.github.gluehealthcheck.jenkins.run;

import io.github.gluehealthcheck.engine.CheckHandle;
import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.aws.CallerIdentity;
import io.github.gluehealthcheck.engine.sweep.SweepResult;
import io.github.gluehealthcheck.engine.sweep.SweptJob;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a {@code glueHealthCheck} step has got to, job by job: the state Pipeline persists with the running step and
 * resumes from after a controller restart. Per job it keeps the engine's small {@link CheckHandle} (job name, run id,
 * staged key, deadline, log cursors) while the run goes on and the outcome once it is over; for the step, the
 * {@link ResumeSettings}, the identity and the sweep. Nothing in it is secret.
 *
 * <p>Each job moves PENDING, STARTING (begin: stage, create, start), RUNNING (polls), FINISHING (finish or cancel:
 * verdict and cleanup), DONE. All methods are synchronized; so is serialization, so a snapshot is never half-updated.
 */
public final class CheckProgress implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Where one job is. */
    public enum JobState {
        PENDING, STARTING, RUNNING, FINISHING, DONE
    }

    /** One job's place, handle and outcome. */
    public static final class Slot implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        private final String name;
        private JobState state = JobState.PENDING;
        private CheckHandle handle;
        private JobOutcome outcome;

        Slot(String name) {
            this.name = name;
        }
    }

    private final String id;
    private final ResumeSettings resume;
    private final Instant startedAt;
    private final String account;
    private final String identityArn;
    private final int parallelism;
    private final ArrayList<Slot> slots = new ArrayList<>();
    private final ArrayList<String[]> swept = new ArrayList<>();
    private final int sweepExamined;
    private final String sweepError;
    private final boolean sweptFirst;
    private String cancelReason;
    // Not persisted: after a restart the report is made (again) by whoever finishes the last job.
    private transient boolean reported;

    /**
     * A new step's progress: every job PENDING.
     *
     * @param id          the step's own id
     * @param jobs        the jobs' base names, in the plan's order
     * @param parallelism how many jobs may be STARTING, RUNNING or FINISHING at once
     * @param identity    who the checks run as
     * @param sweep       the sweep before the checks, or null
     */
    public CheckProgress(String id, ResumeSettings resume, Instant startedAt, List<String> jobs, int parallelism,
            CallerIdentity identity, SweepResult sweep) {
        this.id = id;
        this.resume = resume;
        this.startedAt = startedAt;
        this.account = identity.account();
        this.identityArn = identity.arn();
        this.parallelism = parallelism;
        jobs.forEach(j -> slots.add(new Slot(j)));
        this.sweptFirst = sweep != null;
        this.sweepExamined = sweep == null ? 0 : sweep.examined();
        this.sweepError = sweep == null ? null : sweep.error();
        if (sweep != null) {
            for (SweptJob j : sweep.swept()) {
                swept.add(new String[] {j.jobName(), j.repo(), j.expiresAt() == null ? null : j.expiresAt().toString(),
                        j.outcome().name(), j.detail()});
            }
        }
    }

    public String id() {
        return id;
    }

    public ResumeSettings resume() {
        return resume;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public CallerIdentity identity() {
        return new CallerIdentity(account, identityArn);
    }

    /** The sweep made before the checks, or null. */
    public SweepResult sweep() {
        if (!sweptFirst) {
            return null;
        }
        List<SweptJob> jobs = new ArrayList<>();
        for (String[] j : swept) {
            jobs.add(new SweptJob(j[0], j[1], j[2] == null ? null : Instant.parse(j[2]), SweptJob.Outcome.valueOf(j[3]), j[4]));
        }
        return new SweepResult(sweepExamined, jobs, sweepError);
    }

    public synchronized int size() {
        return slots.size();
    }

    public synchronized String name(int job) {
        return slots.get(job).name;
    }

    public synchronized JobState state(int job) {
        return slots.get(job).state;
    }

    public synchronized CheckHandle handle(int job) {
        return slots.get(job).handle;
    }

    /** Moves PENDING jobs to STARTING while fewer than {@code parallelism} are under way; none once cancelled. */
    public synchronized List<Integer> startNext() {
        List<Integer> started = new ArrayList<>();
        if (cancelReason != null) {
            return started;
        }
        long busy = slots.stream().filter(s -> s.state == JobState.STARTING || s.state == JobState.RUNNING
                || s.state == JobState.FINISHING).count();
        for (int i = 0; i < slots.size() && busy < parallelism; i++) {
            if (slots.get(i).state == JobState.PENDING) {
                slots.get(i).state = JobState.STARTING;
                started.add(i);
                busy++;
            }
        }
        return started;
    }

    /**
     * The job's run started: RUNNING with this handle.
     *
     * @return false when the step was cancelled meanwhile: the job is FINISHING and the caller must cancel it
     */
    public synchronized boolean started(int job, CheckHandle handle) {
        Slot s = slots.get(job);
        s.handle = handle;
        if (cancelReason != null) {
            s.state = JobState.FINISHING;
            return false;
        }
        s.state = JobState.RUNNING;
        return true;
    }

    /**
     * A poll read the run: keeps the newer handle.
     *
     * @return false when the job is no longer RUNNING (a cancel took it over), so the poll's outcome is dropped
     */
    public synchronized boolean polled(int job, CheckHandle handle) {
        Slot s = slots.get(job);
        if (s.state != JobState.RUNNING) {
            return false;
        }
        s.handle = handle;
        return true;
    }

    /**
     * The run is over (or its deadline passed): FINISHING.
     *
     * @return false when the job was not RUNNING (a cancel already took it over)
     */
    public synchronized boolean finishing(int job, CheckHandle handle) {
        Slot s = slots.get(job);
        if (s.state != JobState.RUNNING) {
            return false;
        }
        s.handle = handle;
        s.state = JobState.FINISHING;
        return true;
    }

    /** The job is over: DONE with its result. */
    public synchronized void done(int job, CheckResult result) {
        Slot s = slots.get(job);
        s.outcome = JobOutcome.of(result);
        s.state = JobState.DONE;
    }

    /**
     * Cancels the step (build aborted): no job starts any more, PENDING jobs are DONE as cancelled, and the RUNNING
     * ones move to FINISHING for the caller to cancel.
     *
     * @return the jobs the caller must cancel (stop the run, clean up); empty when already cancelled
     */
    public synchronized List<Integer> cancel(String reason) {
        List<Integer> toCancel = new ArrayList<>();
        if (cancelReason != null) {
            return toCancel;
        }
        cancelReason = reason;
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            if (s.state == JobState.PENDING) {
                s.outcome = JobOutcome.of(CheckResult.builder().baseName(s.name).status(CheckStatus.CANCELLED)
                        .reason("cancelled (" + reason + ") before it started").build());
                s.state = JobState.DONE;
            } else if (s.state == JobState.RUNNING) {
                s.state = JobState.FINISHING;
                toCancel.add(i);
            }
        }
        return toCancel;
    }

    public synchronized boolean cancelled() {
        return cancelReason != null;
    }

    public synchronized String cancelReason() {
        return cancelReason;
    }

    /**
     * After a controller restart: a job that was STARTING may or may not have been created, and a PENDING one cannot
     * be started any more (its settings were not persisted); both end as ERROR, saying so. RUNNING and FINISHING jobs
     * carry on from their handles.
     */
    public synchronized void afterRestart() {
        for (Slot s : slots) {
            if (s.state == JobState.STARTING) {
                s.outcome = JobOutcome.of(CheckResult.builder().baseName(s.name).status(CheckStatus.ERROR)
                        .reason("the Jenkins controller restarted while the job was being created; if it was, the "
                                + "sweeper deletes it once it expires").build());
                s.state = JobState.DONE;
            } else if (s.state == JobState.PENDING) {
                s.outcome = JobOutcome.of(CheckResult.builder().baseName(s.name).status(CheckStatus.ERROR)
                        .reason("not checked: the Jenkins controller restarted before this job's turn").build());
                s.state = JobState.DONE;
            }
        }
    }

    /**
     * Ends every job that is not DONE as ERROR, naming what may be left: used when AWS cannot be reached again after a
     * restart, so the step still ends, reports and fails rather than waiting forever.
     */
    public synchronized void abandon(String why) {
        for (Slot s : slots) {
            if (s.state != JobState.DONE) {
                String left = s.handle == null ? "" : "; " + s.handle.jobName() + " (run " + s.handle.runId()
                        + ") is left to Glue's timeout and the sweeper";
                s.outcome = JobOutcome.of(CheckResult.builder().baseName(s.name).status(CheckStatus.ERROR)
                        .jobName(s.handle == null ? null : s.handle.jobName())
                        .runId(s.handle == null ? null : s.handle.runId())
                        .reason(why + left).build());
                s.state = JobState.DONE;
            }
        }
    }

    public synchronized List<Integer> inState(JobState state) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).state == state) {
                out.add(i);
            }
        }
        return out;
    }

    public synchronized boolean allDone() {
        return slots.stream().allMatch(s -> s.state == JobState.DONE);
    }

    /** Each job's result, in the plan's order; call once {@link #allDone()}. */
    public synchronized List<CheckResult> results() {
        List<CheckResult> out = new ArrayList<>();
        for (Slot s : slots) {
            if (s.outcome == null) {
                throw new IllegalStateException(s.name + " is not done");
            }
            out.add(s.outcome.toResult());
        }
        return out;
    }

    /**
     * Marks the step's report as made.
     *
     * @return false if it already was (so the report is made once even if completion races)
     */
    public synchronized boolean markReported() {
        if (reported) {
            return false;
        }
        reported = true;
        return true;
    }

    /** What the step waits for, for {@code getStatus()}: a short lowercase phrase. */
    public synchronized String describe(Instant now) {
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
                case DONE -> s.name + " " + s.outcome.status().name().toLowerCase(Locale.ROOT);
            });
        }
        return (cancelReason != null ? "cancelling (" + cancelReason + "): " : "glue health check: ")
                + String.join("; ", parts);
    }

    @Serial
    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }
}
