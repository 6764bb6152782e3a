package io.github.gluehealthcheck.engine;

import io.github.gluehealthcheck.engine.reuse.PassRecord;
import io.github.gluehealthcheck.engine.spec.BaseJobCopy;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one health check: verdict, what Glue said, what it cost, where to look, and what cleanup did.
 * Immutable; contains no secret.
 */
public final class CheckResult implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String baseName;
    private final String jobName;
    private final String checkId;
    private final String runId;
    private final CheckStatus status;
    private final String state;
    private final String reason;
    private final String errorMessage;
    private final Integer attempt;
    private final Instant startedOn;
    private final Instant completedOn;
    private final Integer executionTimeSeconds;
    private final Double dpuSeconds;
    private final Double estimatedCostUsd;
    private final double durationSeconds;
    private final double waitingSeconds;
    private final List<String> lastErrorLines;
    private final String consoleUrl;
    private final String logsUrl;
    private final List<CleanupStep> cleanup;
    private final boolean checkedOnly;
    private final boolean local;
    private final String script;
    private final String jobType;
    private final String glueVersion;
    private final String region;
    private final BaseJobCopy baseJob;
    private final PassRecord reusedFrom;
    private final String passRecorded;

    private CheckResult(Builder b) {
        this.baseName = b.baseName;
        this.jobName = b.jobName;
        this.checkId = b.checkId;
        this.runId = b.runId;
        this.status = b.status;
        this.state = b.state;
        this.reason = b.reason;
        this.errorMessage = b.errorMessage;
        this.attempt = b.attempt;
        this.startedOn = b.startedOn;
        this.completedOn = b.completedOn;
        this.executionTimeSeconds = b.executionTimeSeconds;
        this.dpuSeconds = b.dpuSeconds;
        this.estimatedCostUsd = b.estimatedCostUsd;
        this.durationSeconds = b.durationSeconds;
        this.waitingSeconds = b.waitingSeconds;
        this.lastErrorLines = List.copyOf(b.lastErrorLines);
        this.consoleUrl = b.consoleUrl;
        this.logsUrl = b.logsUrl;
        this.cleanup = List.copyOf(b.cleanup);
        this.checkedOnly = b.checkedOnly;
        this.local = b.local;
        this.script = b.script;
        this.jobType = b.jobType;
        this.glueVersion = b.glueVersion;
        this.region = b.region;
        this.baseJob = b.baseJob;
        this.reusedFrom = b.reusedFrom;
        this.passRecorded = b.passRecorded;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.baseName = baseName;
        b.jobName = jobName;
        b.checkId = checkId;
        b.runId = runId;
        b.status = status;
        b.state = state;
        b.reason = reason;
        b.errorMessage = errorMessage;
        b.attempt = attempt;
        b.startedOn = startedOn;
        b.completedOn = completedOn;
        b.executionTimeSeconds = executionTimeSeconds;
        b.dpuSeconds = dpuSeconds;
        b.estimatedCostUsd = estimatedCostUsd;
        b.durationSeconds = durationSeconds;
        b.waitingSeconds = waitingSeconds;
        b.lastErrorLines = new ArrayList<>(lastErrorLines);
        b.consoleUrl = consoleUrl;
        b.logsUrl = logsUrl;
        b.cleanup = new ArrayList<>(cleanup);
        b.checkedOnly = checkedOnly;
        b.local = local;
        b.script = script;
        b.jobType = jobType;
        b.glueVersion = glueVersion;
        b.region = region;
        b.baseJob = baseJob;
        b.reusedFrom = reusedFrom;
        b.passRecorded = passRecorded;
        return b;
    }

    /** The job's base name, e.g. {@code orders}: how users name the check. */
    public String baseName() {
        return baseName;
    }

    /** The temporary Glue job's full name, or null if it was never created. */
    public String jobName() {
        return jobName;
    }

    public String checkId() {
        return checkId;
    }

    /** The Glue run id, or null if no run started. */
    public String runId() {
        return runId;
    }

    public CheckStatus status() {
        return status;
    }

    public boolean passed() {
        return status == CheckStatus.PASSED;
    }

    /** The run's final Glue state (e.g. SUCCEEDED, FAILED), or null if no run reached one. */
    public String state() {
        return state;
    }

    /** The verdict in one sentence, e.g. "the job failed" or "could not create the job: AccessDeniedException". */
    public String reason() {
        return reason;
    }

    /** Glue's ErrorMessage, or null. */
    public String errorMessage() {
        return errorMessage;
    }

    public Integer attempt() {
        return attempt;
    }

    public Instant startedOn() {
        return startedOn;
    }

    public Instant completedOn() {
        return completedOn;
    }

    /** Glue's ExecutionTime in seconds. */
    public Integer executionTimeSeconds() {
        return executionTimeSeconds;
    }

    /** Glue's DPUSeconds when reported, else execution time times DPUs. */
    public Double dpuSeconds() {
        return dpuSeconds;
    }

    /** Estimated cost in USD at us-east-1 list prices, or null when no run happened. */
    public Double estimatedCostUsd() {
        return estimatedCostUsd;
    }

    /** Wall time of the whole check, staging to cleanup. */
    public double durationSeconds() {
        return durationSeconds;
    }

    /** Seconds the run spent queued for resources (WAITING), e.g. a FLEX run waiting for capacity. */
    public double waitingSeconds() {
        return waitingSeconds;
    }

    /** The last lines of the run's error output. */
    public List<String> lastErrorLines() {
        return lastErrorLines;
    }

    /** Glue console link for the run (valid while the job exists, e.g. with keep_job). */
    public String consoleUrl() {
        return consoleUrl;
    }

    /** CloudWatch console link for the run's logs (they outlive the job). */
    public String logsUrl() {
        return logsUrl;
    }

    public List<CleanupStep> cleanup() {
        return cleanup;
    }

    /** True when cleanup left something behind (failed step, or a job kept on purpose). */
    public boolean leftSomethingBehind() {
        return cleanup.stream().anyMatch(CleanupStep::leftSomethingBehind);
    }

    /** True when the script was only syntax-checked, not run (Spark or Ray on the local endpoint). */
    public boolean checkedOnly() {
        return checkedOnly;
    }

    /** True when the run was on a local endpoint: it cost nothing, and its cost is what it would cost on AWS. */
    public boolean local() {
        return local;
    }

    /**
     * How every report names this result: the status's words, except that a Spark or Ray script that was only
     * compiled is never shown as a plain pass (nor its compile failure as a plain failure).
     */
    public String verdict() {
        if (reusedFrom != null && status == CheckStatus.PASSED) {
            return "PASSED (reused from " + reusedFrom.origin() + ")";
        }
        if (checkedOnly && status == CheckStatus.PASSED) {
            return "COMPILED ONLY";
        }
        if (checkedOnly && status == CheckStatus.FAILED) {
            return "FAILED (compiled only)";
        }
        return status.label();
    }

    public String script() {
        return script;
    }

    public String jobType() {
        return jobType;
    }

    public String glueVersion() {
        return glueVersion;
    }

    public String region() {
        return region;
    }

    /** What the temporary job copied from its {@code base_job}, or null without one. */
    public BaseJobCopy baseJob() {
        return baseJob;
    }

    /**
     * The earlier pass this result reuses ({@code reuse_passed}): no job was created and no run started for it in
     * this build; null when the check ran.
     */
    public PassRecord reusedFrom() {
        return reusedFrom;
    }

    /** Whether this result is an earlier pass reused rather than a run of this build. */
    public boolean reused() {
        return reusedFrom != null;
    }

    /** Where this pass was recorded for later checks to reuse, or null when it was not. */
    public String passRecorded() {
        return passRecorded;
    }

    @Override
    public String toString() {
        return "CheckResult[" + baseName + " " + status + (state != null ? " " + state : "") + ": " + reason + "]";
    }

    /** Builds a result. */
    public static final class Builder {
        private String baseName;
        private String jobName;
        private String checkId;
        private String runId;
        private CheckStatus status = CheckStatus.ERROR;
        private String state;
        private String reason = "";
        private String errorMessage;
        private Integer attempt;
        private Instant startedOn;
        private Instant completedOn;
        private Integer executionTimeSeconds;
        private Double dpuSeconds;
        private Double estimatedCostUsd;
        private double durationSeconds;
        private double waitingSeconds;
        private List<String> lastErrorLines = new ArrayList<>();
        private String consoleUrl;
        private String logsUrl;
        private List<CleanupStep> cleanup = new ArrayList<>();
        private boolean checkedOnly;
        private boolean local;
        private String script;
        private String jobType;
        private String glueVersion;
        private String region;
        private BaseJobCopy baseJob;
        private PassRecord reusedFrom;
        private String passRecorded;

        private Builder() {
        }

        public Builder baseName(String v) {
            baseName = v;
            return this;
        }

        public Builder jobName(String v) {
            jobName = v;
            return this;
        }

        public Builder checkId(String v) {
            checkId = v;
            return this;
        }

        public Builder runId(String v) {
            runId = v;
            return this;
        }

        public Builder status(CheckStatus v) {
            status = v;
            return this;
        }

        public Builder state(String v) {
            state = v;
            return this;
        }

        public Builder reason(String v) {
            reason = v;
            return this;
        }

        public Builder errorMessage(String v) {
            errorMessage = v;
            return this;
        }

        public Builder attempt(Integer v) {
            attempt = v;
            return this;
        }

        public Builder startedOn(Instant v) {
            startedOn = v;
            return this;
        }

        public Builder completedOn(Instant v) {
            completedOn = v;
            return this;
        }

        public Builder executionTimeSeconds(Integer v) {
            executionTimeSeconds = v;
            return this;
        }

        public Builder dpuSeconds(Double v) {
            dpuSeconds = v;
            return this;
        }

        public Builder estimatedCostUsd(Double v) {
            estimatedCostUsd = v;
            return this;
        }

        public Builder waitingSeconds(double v) {
            waitingSeconds = v;
            return this;
        }

        public Builder durationSeconds(double v) {
            durationSeconds = v;
            return this;
        }

        public Builder lastErrorLines(List<String> v) {
            lastErrorLines = new ArrayList<>(v);
            return this;
        }

        public Builder consoleUrl(String v) {
            consoleUrl = v;
            return this;
        }

        public Builder logsUrl(String v) {
            logsUrl = v;
            return this;
        }

        public Builder cleanup(List<CleanupStep> v) {
            cleanup = new ArrayList<>(v);
            return this;
        }

        public Builder addCleanup(CleanupStep step) {
            cleanup.add(step);
            return this;
        }

        public Builder checkedOnly(boolean v) {
            checkedOnly = v;
            return this;
        }

        public Builder local(boolean v) {
            local = v;
            return this;
        }

        public Builder script(String v) {
            script = v;
            return this;
        }

        public Builder jobType(String v) {
            jobType = v;
            return this;
        }

        public Builder glueVersion(String v) {
            glueVersion = v;
            return this;
        }

        public Builder region(String v) {
            region = v;
            return this;
        }

        public Builder baseJob(BaseJobCopy v) {
            baseJob = v;
            return this;
        }

        public Builder reusedFrom(PassRecord v) {
            reusedFrom = v;
            return this;
        }

        public Builder passRecorded(String v) {
            passRecorded = v;
            return this;
        }

        public CheckResult build() {
            return new CheckResult(this);
        }
    }
}
