package io.github.gluehealthcheck.engine;

import io.github.gluehealthcheck.engine.logs.LogLayout;
import io.github.gluehealthcheck.engine.logs.SeenLines;
import io.github.gluehealthcheck.engine.spec.KeepJobPolicy;
import java.io.Serial;
import io.github.gluehealthcheck.engine.reuse.PassRecord;
import io.github.gluehealthcheck.engine.spec.BaseJobCopy;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A started health check: everything needed to poll, finish or cancel it, and nothing else. Small, immutable
 * and serializable, so a durable caller (the Jenkins step) persists it and resumes after a restart. Holds no
 * secret: job arguments stay in the job definition on AWS.
 */
public final class CheckHandle implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final int MAX_ERROR_LINES = 20;

    private final String checkId;
    private final String baseName;
    private final String jobName;
    private final String runId;
    private final String repo;
    private final String region;
    private final String scriptLocation;
    private final String stagedBucket;
    private final String stagedKey;
    private final String jobType;
    private final String glueVersion;
    private final BaseJobCopy baseJob;
    private final String passRecordAt;
    private final PassRecord passToRecord;
    private final String executionClass;
    private final double dpus;
    private final KeepJobPolicy keepJob;
    private final boolean checkedOnly;
    private final boolean local;
    private final Instant createdAt;
    private final Instant startedAt;
    private final Instant deadline;
    private final List<LogCursor> logCursors;
    private final Instant lastLogRead;
    private final List<String> recentErrorLines;
    private final RunSnapshot lastRun;
    private final boolean stopRequested;
    private final int polls;
    private final Duration waiting;
    private final LogLayout logLayout;
    private final SeenLines seenLines;
    private final Instant lastPolled;
    private final String cannotGoOn;
    private final String logsGivenUp;

    private CheckHandle(Builder b) {
        this.checkId = b.checkId;
        this.baseName = b.baseName;
        this.jobName = b.jobName;
        this.runId = b.runId;
        this.repo = b.repo;
        this.region = b.region;
        this.scriptLocation = b.scriptLocation;
        this.stagedBucket = b.stagedBucket;
        this.stagedKey = b.stagedKey;
        this.jobType = b.jobType;
        this.glueVersion = b.glueVersion;
        this.baseJob = b.baseJob;
        this.passRecordAt = b.passRecordAt;
        this.passToRecord = b.passToRecord;
        this.executionClass = b.executionClass;
        this.dpus = b.dpus;
        this.keepJob = b.keepJob;
        this.checkedOnly = b.checkedOnly;
        this.local = b.local;
        this.createdAt = b.createdAt;
        this.startedAt = b.startedAt;
        this.deadline = b.deadline;
        this.logCursors = List.copyOf(b.logCursors);
        this.lastLogRead = b.lastLogRead;
        List<String> lines = b.recentErrorLines;
        this.recentErrorLines = List.copyOf(lines.size() > MAX_ERROR_LINES ? lines.subList(lines.size() - MAX_ERROR_LINES, lines.size()) : lines);
        this.lastRun = b.lastRun;
        this.stopRequested = b.stopRequested;
        this.polls = b.polls;
        this.waiting = b.waiting;
        this.logLayout = b.logLayout;
        this.seenLines = b.seenLines;
        this.lastPolled = b.lastPolled;
        this.cannotGoOn = b.cannotGoOn;
        this.logsGivenUp = b.logsGivenUp;
    }

    static Builder builder() {
        return new Builder();
    }

    Builder toBuilder() {
        Builder b = new Builder();
        b.checkId = checkId;
        b.baseName = baseName;
        b.jobName = jobName;
        b.runId = runId;
        b.repo = repo;
        b.region = region;
        b.scriptLocation = scriptLocation;
        b.stagedBucket = stagedBucket;
        b.stagedKey = stagedKey;
        b.jobType = jobType;
        b.glueVersion = glueVersion;
        b.baseJob = baseJob;
        b.passRecordAt = passRecordAt;
        b.passToRecord = passToRecord;
        b.executionClass = executionClass;
        b.dpus = dpus;
        b.keepJob = keepJob;
        b.checkedOnly = checkedOnly;
        b.local = local;
        b.createdAt = createdAt;
        b.startedAt = startedAt;
        b.deadline = deadline;
        b.logCursors = new ArrayList<>(logCursors);
        b.lastLogRead = lastLogRead;
        b.recentErrorLines = new ArrayList<>(recentErrorLines);
        b.lastRun = lastRun;
        b.stopRequested = stopRequested;
        b.polls = polls;
        b.waiting = waiting();
        b.logLayout = logLayout;
        b.seenLines = seenLines();
        b.lastPolled = lastPolled;
        b.cannotGoOn = cannotGoOn;
        b.logsGivenUp = logsGivenUp;
        return b;
    }

    /** Random id of this check, also in the job's name and tags. */
    public String checkId() {
        return checkId;
    }

    /** The job's base name from the spec, e.g. {@code orders}. */
    public String baseName() {
        return baseName;
    }

    /** The temporary Glue job's full name. */
    public String jobName() {
        return jobName;
    }

    public String runId() {
        return runId;
    }

    public String repo() {
        return repo;
    }

    public String region() {
        return region;
    }

    /** The job's script location ({@code s3://...}). */
    public String scriptLocation() {
        return scriptLocation;
    }

    /** True when this check uploaded the script and so must delete it. */
    public boolean stagedByUs() {
        return stagedKey != null;
    }

    public String stagedBucket() {
        return stagedBucket;
    }

    public String stagedKey() {
        return stagedKey;
    }

    public String jobType() {
        return jobType;
    }

    public String glueVersion() {
        return glueVersion;
    }

    /** What the job copied from its {@code base_job}, or null. */
    public BaseJobCopy baseJob() {
        return baseJob;
    }

    /** {@code reuse_passed}: the {@code s3://} place where a pass is recorded, or null when none is. */
    public String passRecordAt() {
        return passRecordAt;
    }

    /** {@code reuse_passed}: the record to write on a pass (who, which fingerprint), without its run's figures. */
    public PassRecord passToRecord() {
        return passToRecord;
    }

    public String executionClass() {
        return executionClass;
    }

    public double dpus() {
        return dpus;
    }

    public KeepJobPolicy keepJob() {
        return keepJob;
    }

    /** True when the run was only syntax-checked (a Spark or Ray job on the local endpoint). */
    public boolean checkedOnly() {
        return checkedOnly;
    }

    /** True when the run is on a local endpoint (by {@code local} or by URL), whose verdicts have local limits. */
    public boolean local() {
        return local;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** After this the run is stopped and the check fails. */
    public Instant deadline() {
        return deadline;
    }

    public List<LogCursor> logCursors() {
        return logCursors;
    }

    public Instant lastLogRead() {
        return lastLogRead;
    }

    /** The last lines of the run's error output seen so far (at most 20). */
    public List<String> recentErrorLines() {
        return recentErrorLines;
    }

    /** What the last status read said, or null before the first. */
    public RunSnapshot lastRun() {
        return lastRun;
    }

    /** The last run state seen, or null before the first status read. */
    public String lastState() {
        return lastRun == null ? null : lastRun.state();
    }

    /** True once we asked Glue to stop the run (cancel or deadline). */
    public boolean stopRequested() {
        return stopRequested;
    }

    public int polls() {
        return polls;
    }

    /** Time the run spent queued for resources (WAITING), measured between status reads. */
    public Duration waiting() {
        return waiting == null ? Duration.ZERO : waiting; // null in a handle persisted by an older version
    }

    /** Where the run's log groups are; null in a handle persisted by an older version (its cursors stay as they are). */
    public LogLayout logLayout() {
        return logLayout;
    }

    /** The log lines shown so far, so that a line Glue writes to two groups is shown once. */
    public SeenLines seenLines() {
        return seenLines == null ? new SeenLines() : seenLines;
    }

    /** When the run's state was last read, or null before the first read. */
    public Instant lastPolled() {
        return lastPolled;
    }

    /**
     * Why the check cannot go on although the run may still be going (its state read was denied, or its answer
     * could not be read), or null: {@link HealthCheck#finish} then stops the run and gives an ERROR.
     */
    public String cannotGoOn() {
        return cannotGoOn;
    }

    /** Why the run's log lines are no longer read (denied, or answers that could not be read), or null. */
    public String logsGivenUp() {
        return logsGivenUp;
    }

    @Override
    public String toString() {
        return "CheckHandle[" + jobName + ", run " + runId + ", state " + lastState() + "]";
    }

    static final class Builder {
        private String checkId;
        private String baseName;
        private String jobName;
        private String runId;
        private String repo;
        private String region;
        private String scriptLocation;
        private String stagedBucket;
        private String stagedKey;
        private String jobType;
        private String glueVersion;
        private BaseJobCopy baseJob;
        private String passRecordAt;
        private PassRecord passToRecord;
        private String executionClass;
        private double dpus;
        private KeepJobPolicy keepJob = KeepJobPolicy.NEVER;
        private boolean checkedOnly;
        private boolean local;
        private Instant createdAt;
        private Instant startedAt;
        private Instant deadline;
        private List<LogCursor> logCursors = new ArrayList<>();
        private Instant lastLogRead;
        private List<String> recentErrorLines = new ArrayList<>();
        private RunSnapshot lastRun;
        private boolean stopRequested;
        private int polls;
        private Duration waiting = Duration.ZERO;
        private LogLayout logLayout;
        private SeenLines seenLines = new SeenLines();
        private Instant lastPolled;
        private String cannotGoOn;
        private String logsGivenUp;

        Builder checkId(String v) {
            checkId = v;
            return this;
        }

        Builder baseName(String v) {
            baseName = v;
            return this;
        }

        Builder jobName(String v) {
            jobName = v;
            return this;
        }

        Builder runId(String v) {
            runId = v;
            return this;
        }

        Builder repo(String v) {
            repo = v;
            return this;
        }

        Builder region(String v) {
            region = v;
            return this;
        }

        Builder scriptLocation(String v) {
            scriptLocation = v;
            return this;
        }

        Builder staged(String bucket, String key) {
            stagedBucket = bucket;
            stagedKey = key;
            return this;
        }

        Builder jobType(String v) {
            jobType = v;
            return this;
        }

        Builder glueVersion(String v) {
            glueVersion = v;
            return this;
        }

        Builder baseJob(BaseJobCopy v) {
            baseJob = v;
            return this;
        }

        Builder passRecord(String at, PassRecord record) {
            passRecordAt = at;
            passToRecord = record;
            return this;
        }

        Builder executionClass(String v) {
            executionClass = v;
            return this;
        }

        Builder dpus(double v) {
            dpus = v;
            return this;
        }

        Builder keepJob(KeepJobPolicy v) {
            keepJob = v;
            return this;
        }

        Builder checkedOnly(boolean v) {
            checkedOnly = v;
            return this;
        }

        Builder local(boolean v) {
            local = v;
            return this;
        }

        Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        Builder startedAt(Instant v) {
            startedAt = v;
            return this;
        }

        Builder deadline(Instant v) {
            deadline = v;
            return this;
        }

        Builder logCursors(List<LogCursor> v) {
            logCursors = new ArrayList<>(v);
            return this;
        }

        Builder lastLogRead(Instant v) {
            lastLogRead = v;
            return this;
        }

        Builder recentErrorLines(List<String> v) {
            recentErrorLines = new ArrayList<>(v);
            return this;
        }

        Builder lastRun(RunSnapshot v) {
            lastRun = v;
            return this;
        }

        Builder stopRequested(boolean v) {
            stopRequested = v;
            return this;
        }

        Builder logLayout(LogLayout v) {
            logLayout = v;
            return this;
        }

        Builder seenLines(SeenLines v) {
            seenLines = v;
            return this;
        }

        List<LogCursor> logCursors() {
            return logCursors;
        }

        Builder waiting(Duration v) {
            waiting = v;
            return this;
        }

        Builder lastPolled(Instant v) {
            lastPolled = v;
            return this;
        }

        Builder polls(int v) {
            polls = v;
            return this;
        }

        Builder cannotGoOn(String v) {
            cannotGoOn = v;
            return this;
        }

        Builder logsGivenUp(String v) {
            logsGivenUp = v;
            return this;
        }

        CheckHandle build() {
            return new CheckHandle(this);
        }
    }
}
