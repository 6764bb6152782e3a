package io.github.gluehealthcheck.engine.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One job run. Its driver thread moves it through states; API calls read it and request stops. All mutable fields
 * are guarded by this object's monitor, which also wakes the driver when a stop is requested.
 */
final class GlueRun {

    static final Set<String> ACTIVE_STATES = Set.of("STARTING", "RUNNING", "WAITING", "STOPPING");

    /** Why {@link #await} returned. */
    enum Wake { ELAPSED, DONE, STOP, TIMEOUT, SHUTDOWN }

    final String id;
    final GlueJob job;
    final Map<String, String> arguments;
    final List<String> scriptArguments;
    final int timeoutMinutes;
    final Double maxCapacity;
    final String workerType;
    final Integer numberOfWorkers;
    final String executionClass;
    final Instant startedOn;
    final RunScript script;
    private final Duration minuteLength;

    private String state = "STARTING";
    private String stateDetail;
    private Instant lastModifiedOn;
    private Instant completedOn;
    private String errorMessage;
    private Instant runningSince;
    private Instant deadline;
    private boolean ended;
    private boolean stopRequested;
    private boolean shuttingDown;

    GlueRun(String id, GlueJob job, Map<String, String> arguments, List<String> scriptArguments, int timeoutMinutes,
            Double maxCapacity, String workerType, Integer numberOfWorkers, String executionClass, RunScript script,
            Duration minuteLength) {
        this.id = id;
        this.job = job;
        this.arguments = Map.copyOf(arguments);
        this.scriptArguments = List.copyOf(scriptArguments);
        this.timeoutMinutes = timeoutMinutes;
        this.maxCapacity = maxCapacity;
        this.workerType = workerType;
        this.numberOfWorkers = numberOfWorkers;
        this.executionClass = executionClass;
        this.script = script;
        this.minuteLength = minuteLength;
        this.startedOn = Instant.now();
        this.lastModifiedOn = startedOn;
    }

    /** Moves to a non-final state. The job's Timeout starts counting at the first RUNNING. */
    synchronized void enter(String newState, String detail) {
        if (ended || stopRequested) {
            return;
        }
        state = newState;
        stateDetail = detail;
        lastModifiedOn = Instant.now();
        if ("RUNNING".equals(newState) && runningSince == null) {
            runningSince = lastModifiedOn;
            deadline = runningSince.plus(minuteLength.multipliedBy(timeoutMinutes));
        }
        notifyAll();
    }

    /** Ends the run in a final state (any name, even one the SDK does not know). */
    synchronized void end(String finalState, String message) {
        if (ended) {
            return;
        }
        state = finalState;
        stateDetail = null;
        errorMessage = message;
        lastModifiedOn = Instant.now();
        completedOn = lastModifiedOn;
        ended = true;
        notifyAll();
    }

    /** Moves an active run to STOPPING and wakes its driver; false when it cannot be stopped (ended or stopping). */
    synchronized boolean requestStop() {
        if (ended || stopRequested) {
            return false;
        }
        stopRequested = true;
        state = "STOPPING";
        stateDetail = null;
        lastModifiedOn = Instant.now();
        notifyAll();
        return true;
    }

    /** The endpoint is closing: the driver must let go at once. */
    synchronized void shutdown() {
        shuttingDown = true;
        notifyAll();
    }

    synchronized void wake() {
        notifyAll();
    }

    synchronized boolean isActive() {
        return !ended;
    }

    synchronized String state() {
        return state;
    }

    synchronized boolean stopRequested() {
        return stopRequested;
    }

    synchronized boolean shuttingDown() {
        return shuttingDown;
    }

    synchronized boolean hasRun() {
        return runningSince != null;
    }

    /**
     * Waits until {@code duration} passes (null: no limit), {@code done} turns true, a stop is requested, the
     * Timeout passes, or the endpoint closes, whichever is first.
     */
    synchronized Wake await(Duration duration, BooleanSupplier done, boolean honourStop) {
        long until = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (true) {
            if (shuttingDown) {
                return Wake.SHUTDOWN;
            }
            if (honourStop && stopRequested) {
                return Wake.STOP;
            }
            if (honourStop && deadline != null && !Instant.now().isBefore(deadline)) {
                return Wake.TIMEOUT;
            }
            if (done.getAsBoolean()) {
                return Wake.DONE;
            }
            long now = System.nanoTime();
            if (now - until >= 0) {
                return Wake.ELAPSED;
            }
            long waitNanos = until - now;
            if (honourStop && deadline != null) {
                waitNanos = Math.min(waitNanos, Duration.between(Instant.now(), deadline).toNanos() + 1_000_000);
            }
            // Bounded so that a done() condition nobody notifies about is still seen soon.
            waitNanos = Math.max(1_000_000, Math.min(waitNanos, 200_000_000L));
            try {
                wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Wake.SHUTDOWN;
            }
        }
    }

    synchronized long executionSeconds() {
        if (runningSince == null) {
            return 0;
        }
        Instant end = completedOn != null ? completedOn : Instant.now();
        return Math.round(Duration.between(runningSince, end).toMillis() / 1000.0);
    }

    /** GetJobRun's {@code JobRun}. */
    synchronized ObjectNode toJson(String logGroupName) {
        ObjectNode run = Json.object();
        run.put("Id", id);
        run.put("Attempt", 0);
        run.put("JobName", job.name);
        run.put("JobMode", "SCRIPT");
        run.put("StartedOn", Json.epochSeconds(startedOn));
        run.put("LastModifiedOn", Json.epochSeconds(lastModifiedOn));
        if (completedOn != null) {
            run.put("CompletedOn", Json.epochSeconds(completedOn));
        }
        run.put("JobRunState", state);
        if (!arguments.isEmpty()) {
            run.set("Arguments", Json.toObject(arguments));
        }
        if (errorMessage != null) {
            run.put("ErrorMessage", errorMessage);
        }
        if (stateDetail != null) {
            run.put("StateDetail", stateDetail);
        }
        long seconds = executionSeconds();
        run.put("ExecutionTime", seconds);
        run.put("Timeout", timeoutMinutes);
        if (maxCapacity != null) {
            run.put("MaxCapacity", maxCapacity);
        }
        if (workerType != null) {
            run.put("WorkerType", workerType);
        }
        if (numberOfWorkers != null) {
            run.put("NumberOfWorkers", numberOfWorkers);
        }
        if (job.glueVersion != null) {
            run.put("GlueVersion", job.glueVersion);
        }
        run.put("ExecutionClass", executionClass);
        run.put("LogGroupName", logGroupName);
        if ("FLEX".equals(executionClass) && maxCapacity != null) {
            run.put("DPUSeconds", seconds * maxCapacity);
        }
        return run;
    }

    synchronized LocalState.Run snapshot() {
        return new LocalState.Run(id, job.name, state, stateDetail, startedOn, lastModifiedOn, completedOn,
                errorMessage, arguments, scriptArguments, timeoutMinutes, executionSeconds(), !ended);
    }
}
