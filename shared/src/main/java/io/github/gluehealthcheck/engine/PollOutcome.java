package io.github.gluehealthcheck.engine;

import java.time.Duration;

/**
 * What one status read found.
 *
 * @param handle         the handle to continue with (log cursors and last state updated)
 * @param finished       the run reached a final state: call {@link HealthCheck#finish}
 * @param deadlinePassed max_wait passed before a final state: call {@link HealthCheck#finish}, which stops the run
 * @param nextPoll       how long to wait before the next read: counted from when this read began when it was
 *                       {@code answered} (a fixed rate), from its end when not (the wait after a failure)
 * @param answered       GetJobRun answered this time; false when the read was throttled or failed
 */
public record PollOutcome(CheckHandle handle, boolean finished, boolean deadlinePassed, Duration nextPoll,
        boolean answered) {

    /**
     * True when polling is over and {@link HealthCheck#finish} comes next: the run ended, max_wait passed, or its
     * state cannot be read at all ({@link CheckHandle#cannotGoOn()}), which ends the check as an error.
     */
    public boolean done() {
        return finished || deadlinePassed || handle.cannotGoOn() != null;
    }

    /** The state last seen, or null when the run could not be read yet. */
    public String state() {
        return handle.lastState();
    }
}
