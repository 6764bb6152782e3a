package io.github.gluehealthcheck.engine;

import java.time.Clock;
import java.time.Duration;

/**
 * How the engine paces itself. The defaults suit real Glue; tests shorten the waits.
 */
public final class EngineOptions {
    /** The plan's status-read budget when the step sets none ({@code status_reads_per_second}). */
    public static final int DEFAULT_STATUS_READS_PER_SECOND = 5;
    /**
     * The most {@code status_reads_per_second} may be: 20 runs on the adaptive schedule never make more than 100 reads
     * in a second (each at most five, in its first 0.8 s), so 100 is "no budget" for the plans people run.
     */
    public static final int MAX_STATUS_READS_PER_SECOND = 100;
    private final Clock clock;
    private final PollSchedule pollSchedule;
    private final Duration logReadInterval;
    private final Duration stopWait;
    private final Duration cancelStopWait;
    private final Duration expiryMargin;
    private final Duration keptJobLifetime;
    private final Duration retryBase;
    private final Duration retryCap;
    private final Duration stepRetryBudget;
    private final int statusReadsPerSecond;
    private final Redactor redactor;
    private final boolean localEndpoint;

    private EngineOptions(Builder b) {
        this.clock = b.clock;
        this.pollSchedule = b.pollSchedule;
        this.logReadInterval = b.logReadInterval;
        this.stopWait = b.stopWait;
        this.cancelStopWait = b.cancelStopWait;
        this.expiryMargin = b.expiryMargin;
        this.keptJobLifetime = b.keptJobLifetime;
        this.retryBase = b.retryBase;
        this.retryCap = b.retryCap;
        this.stepRetryBudget = b.stepRetryBudget;
        this.statusReadsPerSecond = b.statusReadsPerSecond;
        this.redactor = b.redactor;
        this.localEndpoint = b.localEndpoint;
    }

    public static EngineOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.clock = clock;
        b.pollSchedule = pollSchedule;
        b.logReadInterval = logReadInterval;
        b.stopWait = stopWait;
        b.cancelStopWait = cancelStopWait;
        b.expiryMargin = expiryMargin;
        b.keptJobLifetime = keptJobLifetime;
        b.retryBase = retryBase;
        b.retryCap = retryCap;
        b.stepRetryBudget = stepRetryBudget;
        b.statusReadsPerSecond = statusReadsPerSecond;
        b.redactor = redactor;
        b.localEndpoint = localEndpoint;
        return b;
    }

    public Clock clock() {
        return clock;
    }

    public PollSchedule pollSchedule() {
        return pollSchedule;
    }

    /** Log lines are read at most this often while a run goes on (and fully at its end). */
    public Duration logReadInterval() {
        return logReadInterval;
    }

    /** How long cleanup waits for a stopped run to reach a final state before deleting the job. */
    public Duration stopWait() {
        return stopWait;
    }

    /** The same wait when the check is cancelled: short, to finish within a CI's grace period. */
    public Duration cancelStopWait() {
        return cancelStopWait;
    }

    /** A job expires this long after its check's deadline; a sweeper may delete it after that. */
    public Duration expiryMargin() {
        return expiryMargin;
    }

    /** A job kept on purpose (keep_job) expires this long after the check ends. */
    public Duration keptJobLifetime() {
        return keptJobLifetime;
    }

    /** First backoff of the engine's own retries (StartJobRun limits, transient failures). */
    public Duration retryBase() {
        return retryBase;
    }

    public Duration retryCap() {
        return retryCap;
    }

    /** How long one step (stage, create, start) keeps retrying transient failures. */
    public Duration stepRetryBudget() {
        return stepRetryBudget;
    }

    /**
     * At most this many status reads (GetJobRun) a second for a whole plan, shared between its runs, oldest due first:
     * a plan of 20 runs does not multiply its calls against the account's Glue API rate. A single run is read at its
     * own pace, which never comes near it.
     */
    public int statusReadsPerSecond() {
        return statusReadsPerSecond;
    }

    public Redactor redactor() {
        return redactor;
    }

    /** True against the local endpoint, where Spark and Ray scripts are only syntax-checked. */
    public boolean localEndpoint() {
        return localEndpoint;
    }

    /** Builds options. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private PollSchedule pollSchedule = PollSchedule.adaptive();
        private Duration logReadInterval = Duration.ofSeconds(3);
        private Duration stopWait = Duration.ofMinutes(1);
        private Duration cancelStopWait = Duration.ofSeconds(10);
        private Duration expiryMargin = Duration.ofMinutes(15);
        private Duration keptJobLifetime = Duration.ofHours(24);
        private Duration retryBase = Duration.ofSeconds(1);
        private Duration retryCap = Duration.ofSeconds(20);
        private Duration stepRetryBudget = Duration.ofMinutes(2);
        private int statusReadsPerSecond = DEFAULT_STATUS_READS_PER_SECOND;
        private Redactor redactor = Redactor.NONE;
        private boolean localEndpoint;

        private Builder() {
        }

        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        public Builder pollSchedule(PollSchedule v) {
            pollSchedule = v;
            return this;
        }

        public Builder logReadInterval(Duration v) {
            logReadInterval = v;
            return this;
        }

        public Builder stopWait(Duration v) {
            stopWait = v;
            return this;
        }

        public Builder cancelStopWait(Duration v) {
            cancelStopWait = v;
            return this;
        }

        public Builder expiryMargin(Duration v) {
            expiryMargin = v;
            return this;
        }

        public Builder keptJobLifetime(Duration v) {
            keptJobLifetime = v;
            return this;
        }

        public Builder retryBase(Duration v) {
            retryBase = v;
            return this;
        }

        public Builder retryCap(Duration v) {
            retryCap = v;
            return this;
        }

        public Builder stepRetryBudget(Duration v) {
            stepRetryBudget = v;
            return this;
        }

        public Builder statusReadsPerSecond(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("statusReadsPerSecond must be at least 1");
            }
            statusReadsPerSecond = v;
            return this;
        }

        public Builder redactor(Redactor v) {
            redactor = v;
            return this;
        }

        public Builder localEndpoint(boolean v) {
            localEndpoint = v;
            return this;
        }

        public EngineOptions build() {
            return new EngineOptions(this);
        }
    }
}
