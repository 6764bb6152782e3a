package io.github.gluehealthcheck.engine.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the runs of matching jobs behave instead of the default (run the Python shell script, or syntax-check a
 * Spark/Ray script). A script is a sequence of states held for a while and log lines written, then an ending:
 *
 * <pre>{@code
 * RunScript expired = RunScript.builder()
 *         .starting(Duration.ofMillis(100))
 *         .running(Duration.ofMillis(200))
 *         .thenEnd("EXPIRED", "Job run expired before it got capacity");
 *
 * RunScript queued = RunScript.builder()
 *         .waiting(Duration.ofSeconds(1), "Waiting for worker capacity (FLEX)")
 *         .running(Duration.ofMillis(200))
 *         .logOutput("processed 10 rows")
 *         .thenSucceed();
 *
 * RunScript hangs = RunScript.builder().running(Duration.ZERO).stuckInStoppingWhenStopped().thenRunUntilStopped();
 * RunScript future = RunScript.builder().running(Duration.ofMillis(50)).thenEnd("SOME_FUTURE_STATE", null);
 * }</pre>
 *
 * The job's Timeout counts from the first RUNNING state and ends the run as TIMEOUT wherever it is. BatchStopJobRun
 * moves the run to STOPPING and then, by default, at once to STOPPED; see {@link Builder#stoppingTakes} and
 * {@link Builder#stuckInStoppingWhenStopped}.
 */
public final class RunScript {

    /** One thing the run does, in order. */
    sealed interface Step permits StateStep, LogStep {
    }

    /** Be in {@code state} (with an optional StateDetail) for {@code duration}. */
    record StateStep(String state, Duration duration, String stateDetail) implements Step {
    }

    /** Write lines to the run's output (or error) log stream. */
    record LogStep(boolean error, List<String> lines) implements Step {
    }

    /** What happens after the last step. */
    enum Ending {
        /** End in {@link #endState} with {@link #errorMessage}. */
        END,
        /** Stay in the last state until stopped (or timed out). */
        UNTIL_STOPPED,
        /** Behave as an unscripted run from here: run or check the job's script. */
        NORMALLY
    }

    final List<Step> steps;
    final Ending ending;
    final String endState;
    final String errorMessage;
    final boolean stuckInStopping;
    final Duration stoppingTakes;

    private RunScript(Builder b, Ending ending, String endState, String errorMessage) {
        this.steps = List.copyOf(b.steps);
        this.ending = ending;
        this.endState = endState;
        this.errorMessage = errorMessage;
        this.stuckInStopping = b.stuckInStopping;
        this.stoppingTakes = b.stoppingTakes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The states this script passes through, then its ending; for messages. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("RunScript[");
        for (Step step : steps) {
            if (step instanceof StateStep s) {
                b.append(s.state()).append(' ').append(s.duration().toMillis()).append("ms, ");
            } else if (step instanceof LogStep l) {
                b.append(l.error() ? "error" : "output").append(" x").append(l.lines().size()).append(", ");
            }
        }
        b.append(switch (ending) {
            case END -> "then " + endState;
            case UNTIL_STOPPED -> "until stopped";
            case NORMALLY -> "then normally";
        });
        if (stuckInStopping) {
            b.append(", stuck in STOPPING");
        } else if (!stoppingTakes.isZero()) {
            b.append(", stopping takes ").append(stoppingTakes.toMillis()).append("ms");
        }
        return b.append(']').toString();
    }

    /** Builds a {@link RunScript}: add steps in order, then call one of the {@code then...} methods. */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();
        private boolean stuckInStopping;
        private Duration stoppingTakes = Duration.ZERO;

        private Builder() {
        }

        /** STARTING for this long. */
        public Builder starting(Duration duration) {
            return state("STARTING", duration, null);
        }

        /** WAITING (queued for resources) for this long, with this StateDetail. */
        public Builder waiting(Duration duration, String stateDetail) {
            return state("WAITING", duration, stateDetail);
        }

        /** RUNNING for this long. */
        public Builder running(Duration duration) {
            return state("RUNNING", duration, null);
        }

        /** Any state, including one the SDK does not know, for this long. */
        public Builder state(String state, Duration duration) {
            return state(state, duration, null);
        }

        /** Any state with a StateDetail, for this long. */
        public Builder state(String state, Duration duration, String stateDetail) {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(duration, "duration");
            if (state.isBlank() || duration.isNegative()) {
                throw new IllegalArgumentException("a state needs a name and a non-negative duration");
            }
            steps.add(new StateStep(state.toUpperCase(Locale.ROOT), duration, stateDetail));
            return this;
        }

        /** Write these lines to the run's output log stream (stdout for Python shell). */
        public Builder logOutput(String... lines) {
            steps.add(new LogStep(false, List.of(lines)));
            return this;
        }

        /** Write these lines to the run's error log stream (stderr for Python shell). */
        public Builder logError(String... lines) {
            steps.add(new LogStep(true, List.of(lines)));
            return this;
        }

        /** When stopped, stay in STOPPING for good (the run never reaches STOPPED). */
        public Builder stuckInStoppingWhenStopped() {
            this.stuckInStopping = true;
            return this;
        }

        /** When stopped, stay in STOPPING this long before STOPPED. */
        public Builder stoppingTakes(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("stoppingTakes must not be negative");
            }
            this.stoppingTakes = duration;
            return this;
        }

        /** End SUCCEEDED. */
        public RunScript thenSucceed() {
            return new RunScript(this, Ending.END, "SUCCEEDED", null);
        }

        /** End FAILED with this ErrorMessage. */
        public RunScript thenFail(String errorMessage) {
            return new RunScript(this, Ending.END, "FAILED", errorMessage);
        }

        /**
         * End in any state (EXPIRED, ERROR, TIMEOUT, or one the SDK does not know yet) with this ErrorMessage
         * (may be null).
         */
        public RunScript thenEnd(String state, String errorMessage) {
            Objects.requireNonNull(state, "state");
            if (state.isBlank()) {
                throw new IllegalArgumentException("state must not be blank");
            }
            return new RunScript(this, Ending.END, state.toUpperCase(Locale.ROOT), errorMessage);
        }

        /** Stay in the last state (RUNNING if none was given) until stopped or timed out. */
        public RunScript thenRunUntilStopped() {
            return new RunScript(this, Ending.UNTIL_STOPPED, null, null);
        }

        /** After these steps, run (Python shell) or syntax-check (Spark/Ray) the job's script as usual. */
        public RunScript thenRunNormally() {
            return new RunScript(this, Ending.NORMALLY, null, null);
        }
    }
}
