package io.github.gluehealthcheck.jenkins.report;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CleanupStep;
import io.github.gluehealthcheck.engine.Redactor;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One job's outcome as the build page shows it: state, duration, error, log excerpt, cost and links. Every text went
 * through the request's redactor when this was made, so nothing here can show a secret. Saved with the build (XStream),
 * so it is a plain class of strings and numbers.
 */
public final class JobReport implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String glueJobName;
    private final String runId;
    private final String status;
    private final String state;
    private final String reason;
    private final String errorMessage;
    private final double durationSeconds;
    private final Integer executionTimeSeconds;
    private final Double estimatedCostUsd;
    private final String consoleUrl;
    private final String logsUrl;
    // ArrayList, not List.copyOf: XStream, which saves the build, cannot read back the JDK's immutable lists.
    private final ArrayList<String> logExcerpt;
    private final ArrayList<String> cleanup;
    private final boolean checkedOnly;
    /** The verdict in words (e.g. COMPILED ONLY); null in reports saved before it was kept. */
    private final String verdict;
    private final boolean local;
    private final boolean leftSomethingBehind;
    private final String script;
    /** reuse_passed: the earlier pass this result stands on (build, run, when, link); all null when the job ran. */
    private final String reusedFromBuild;
    private final String reusedRunId;
    private final String reusedPassedAt;
    private final String reusedBuildUrl;
    private final boolean reused;

    private JobReport(CheckResult r, Redactor redactor) {
        this.name = redactor.mask(r.baseName());
        this.glueJobName = redactor.mask(r.jobName());
        this.runId = r.runId();
        this.status = r.status().name();
        this.state = r.state();
        this.reason = redactor.mask(r.reason());
        this.errorMessage = redactor.mask(r.errorMessage());
        this.durationSeconds = r.durationSeconds();
        this.executionTimeSeconds = r.executionTimeSeconds();
        this.estimatedCostUsd = r.estimatedCostUsd();
        this.consoleUrl = r.runId() == null ? null : r.consoleUrl();
        this.logsUrl = r.runId() == null ? null : r.logsUrl();
        this.logExcerpt = new ArrayList<>();
        r.lastErrorLines().forEach(l -> logExcerpt.add(redactor.mask(l)));
        this.cleanup = new ArrayList<>();
        for (CleanupStep s : r.cleanup()) {
            cleanup.add(redactor.mask(s.toString()));
        }
        this.checkedOnly = r.checkedOnly();
        this.verdict = r.verdict();
        this.local = r.local();
        this.leftSomethingBehind = r.leftSomethingBehind();
        this.script = redactor.mask(r.script());
        this.reused = r.reused();
        this.reusedFromBuild = r.reused() ? redactor.mask(r.reusedFrom().build()) : null;
        this.reusedRunId = r.reused() ? r.reusedFrom().runId() : null;
        this.reusedPassedAt = r.reused() ? r.reusedFrom().passedAt().toString() : null;
        this.reusedBuildUrl = r.reused() ? redactor.mask(r.reusedFrom().buildUrl()) : null;
    }

    /** A report of {@code result}, every text masked with {@code redactor}. */
    public static JobReport of(CheckResult result, Redactor redactor) {
        return new JobReport(result, redactor);
    }

    /** The job's name as the user knows it, e.g. {@code orders}. */
    public String getName() {
        return name;
    }

    /** The temporary Glue job's name, or null if none was created. */
    public String getGlueJobName() {
        return glueJobName;
    }

    public String getRunId() {
        return runId;
    }

    /** PASSED, FAILED, ERROR, CANCELLED, NOT_CHECKED_LOCALLY or SKIPPED. */
    public String getStatus() {
        return status;
    }

    public boolean isPassed() {
        return "PASSED".equals(status);
    }

    /** Not checked on purpose (changedOnly): nothing it depends on changed; the reason says so. */
    public boolean isSkipped() {
        return "SKIPPED".equals(status);
    }

    /** Did not pass, and was not skipped ({@code changed_only}): what fails the step, as the engine counts it. */
    public boolean isFailed() {
        return !isPassed() && !isSkipped();
    }

    /** Glue's final run state, or null. */
    public String getState() {
        return state;
    }

    /** The verdict in one sentence. */
    public String getReason() {
        return reason;
    }

    /** Glue's ErrorMessage, or null. */
    public String getErrorMessage() {
        return errorMessage;
    }

    public double getDurationSeconds() {
        return durationSeconds;
    }

    public Integer getExecutionTimeSeconds() {
        return executionTimeSeconds;
    }

    /** Estimated cost in USD, or null when no run happened. */
    public Double getEstimatedCostUsd() {
        return estimatedCostUsd;
    }

    /** Link to the run in the Glue console, or null without a run. */
    public String getConsoleUrl() {
        return consoleUrl;
    }

    /** Link to the run's logs in CloudWatch, or null without a run. */
    public String getLogsUrl() {
        return logsUrl;
    }

    /** The last lines of the run's error output. */
    public List<String> getLogExcerpt() {
        return Collections.unmodifiableList(logExcerpt);
    }

    /** What cleanup did, one line per action. */
    public List<String> getCleanup() {
        return Collections.unmodifiableList(cleanup);
    }

    /** True when the script was only syntax-checked (Spark or Ray on the local endpoint). */
    public boolean isCheckedOnly() {
        return checkedOnly;
    }

    /** True when cleanup left something behind: a step failed, or the job was kept on purpose (keepJob). */
    public boolean isLeftSomethingBehind() {
        return leftSomethingBehind;
    }

    public String getScript() {
        return script;
    }

    /** Whether this is an earlier pass reused (reuse_passed): no Glue job was created for it in this build. */
    public boolean isReused() {
        return reused;
    }

    /** The build whose pass was reused, or null. */
    public String getReusedFromBuild() {
        return reusedFromBuild;
    }

    /** The run of the reused pass, or null. */
    public String getReusedRunId() {
        return reusedRunId;
    }

    /** When the reused pass passed (ISO-8601), or null. */
    public String getReusedPassedAt() {
        return reusedPassedAt;
    }

    /** Link to the build whose pass was reused, or null. */
    public String getReusedBuildUrl() {
        return reusedBuildUrl;
    }

    /** The result as a word for people: passed, FAILED, ERROR, cancelled. */
    public String getStatusLabel() {
        return StepReport.label(verdict != null ? verdict : status);
    }

    /** {@code 1m 20s}. */
    public String getDurationText() {
        return StepReport.duration(durationSeconds);
    }

    /** {@code $0.0147}, or {@code -}. */
    public String getCostText() {
        return estimatedCostUsd == null ? "-" : String.format(Locale.ROOT, "$%.4f", estimatedCostUsd) + (local ? " on AWS" : "");
    }
}
