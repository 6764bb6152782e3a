package io.github.gluehealthcheck.engine;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import software.amazon.awssdk.services.glue.model.JobRun;

/**
 * What the last status read said about the run: enough to give a verdict without reading it again.
 * Serializable, as part of a {@link CheckHandle}.
 */
public final class RunSnapshot implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String state;
    private final String stateDetail;
    private final String errorMessage;
    private final Integer attempt;
    private final Instant startedOn;
    private final Instant completedOn;
    private final Integer executionTimeSeconds;
    private final Double dpuSeconds;
    private final String logGroupName;

    RunSnapshot(String state, String stateDetail, String errorMessage, Integer attempt, Instant startedOn,
            Instant completedOn, Integer executionTimeSeconds, Double dpuSeconds) {
        this(state, stateDetail, errorMessage, attempt, startedOn, completedOn, executionTimeSeconds, dpuSeconds, null);
    }

    RunSnapshot(String state, String stateDetail, String errorMessage, Integer attempt, Instant startedOn,
            Instant completedOn, Integer executionTimeSeconds, Double dpuSeconds, String logGroupName) {
        this.logGroupName = logGroupName;
        this.state = state;
        this.stateDetail = stateDetail;
        this.errorMessage = errorMessage;
        this.attempt = attempt;
        this.startedOn = startedOn;
        this.completedOn = completedOn;
        this.executionTimeSeconds = executionTimeSeconds;
        this.dpuSeconds = dpuSeconds;
    }

    /** The run as read, with its texts masked: a snapshot is persisted with its handle, so it holds no secret. */
    static RunSnapshot of(JobRun run, Redactor redactor) {
        return new RunSnapshot(run.jobRunStateAsString(), redactor.mask(run.stateDetail()),
                redactor.mask(run.errorMessage()), run.attempt(), run.startedOn(), run.completedOn(),
                run.executionTime(), run.dpuSeconds(), run.logGroupName());
    }

    /** Glue's state string, e.g. RUNNING; may be one this SDK does not know. */
    public String state() {
        return state;
    }

    public String stateDetail() {
        return stateDetail;
    }

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

    public Integer executionTimeSeconds() {
        return executionTimeSeconds;
    }

    public Double dpuSeconds() {
        return dpuSeconds;
    }

    /** Where Glue says the run's output and error groups are ({@code /aws-glue/jobs}, ...); null if it did not say. */
    public String logGroupName() {
        return logGroupName;
    }

    @Override
    public String toString() {
        return state + (stateDetail == null ? "" : " (" + stateDetail + ")");
    }
}
