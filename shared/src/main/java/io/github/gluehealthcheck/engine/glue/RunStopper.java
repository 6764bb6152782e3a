package io.github.gluehealthcheck.engine.glue;

import io.github.gluehealthcheck.engine.aws.AwsFailure;
import io.github.gluehealthcheck.engine.aws.Retrying;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;

/** Stops a run and waits, within a limit, for it to reach a final state: the first half of every cleanup. */
public final class RunStopper {
    private static final Duration READ_INTERVAL = Duration.ofMillis(500);
    private static final Duration READ_TIMEOUT_FLOOR = Duration.ofSeconds(1);

    private final GlueJobs jobs;
    private final Clock clock;
    private final Function<Duration, Boolean> sleeper;

    /**
     * @param sleeper waits for the given time; returns true when the wait was cut short and waiting should end
     */
    public RunStopper(GlueJobs jobs, Clock clock, Function<Duration, Boolean> sleeper) {
        this.jobs = jobs;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * How a stop went.
     *
     * @param finalState the state the run ended in, or null if it was still not final when the wait ran out
     * @param lastState  the last state seen
     * @param refused    why Glue refused to stop it, or null
     * @param unreadable why the run's state could not be read after the stop was asked (denied, or an answer that
     *                   could not be read), or null
     */
    public record Stopped(String finalState, String lastState, String refused, String unreadable) {
        public Stopped(String finalState, String lastState, String refused) {
            this(finalState, lastState, refused, null);
        }

        public boolean ended() {
            return finalState != null;
        }
    }

    /**
     * Asks Glue to stop the run and waits for its final state, both within {@code wait}: a stop refused by a
     * throttling burst or a 5xx is asked again until the wait is over.
     *
     * @throws RuntimeException the last failure of the stop call when Glue could not be asked within the wait
     */
    public Stopped stopAndWait(String jobName, String runId, Duration wait) {
        Instant until = clock.instant().plus(wait);
        Map<String, String> refused = stop(jobName, runId, until);
        // Glue refuses to stop a run that is already stopping (our stop took effect, its answer was lost) or that
        // it cannot stop: the first is waited for, the second not.
        boolean wasRefused = refused.containsKey(runId);
        String last = null;
        while (true) {
            Duration left = Duration.between(clock.instant(), until);
            try {
                last = jobs.getRun(jobName, runId, wasRefused || left.compareTo(READ_TIMEOUT_FLOOR) < 0
                        ? READ_TIMEOUT_FLOOR : left).jobRunStateAsString();
            } catch (EntityNotFoundException e) {
                return new Stopped("STOPPED", last, refused.get(runId));
            } catch (RuntimeException e) {
                // The stop was asked; a read that is denied or cannot be read will not tell when it took effect.
                if (!Retrying.isTransient(e)) {
                    return new Stopped(null, last, refused.get(runId), AwsFailure.of(e).message());
                }
                // A throttled or failed read says nothing about the run: keep reading until the wait is over, unless
                // Glue refused the stop, when waiting blind cannot end it.
                if (wasRefused) {
                    return new Stopped(null, last, refused.get(runId));
                }
            }
            if (last != null && JobRunVerdict.isFinal(last)) {
                return new Stopped(last, last, refused.get(runId));
            }
            if (wasRefused && last != null && !"STOPPING".equals(last)) {
                return new Stopped(null, last, refused.get(runId));
            }
            if (!clock.instant().isBefore(until)) {
                return new Stopped(null, last, refused.get(runId));
            }
            left = Duration.between(clock.instant(), until);
            if (sleeper.apply(left.compareTo(READ_INTERVAL) < 0 ? left : READ_INTERVAL)) {
                return new Stopped(null, last, refused.get(runId));
            }
        }
    }

    private Map<String, String> stop(String jobName, String runId, Instant until) {
        while (true) {
            try {
                return jobs.stop(jobName, List.of(runId));
            } catch (RuntimeException e) {
                // The run goes on (and is billed) until it is stopped: a transient failure is no reason to give up.
                Duration left = Duration.between(clock.instant(), until);
                if (!Retrying.isTransient(e) || left.isNegative() || left.isZero()
                        || sleeper.apply(left.compareTo(READ_INTERVAL) < 0 ? left : READ_INTERVAL)) {
                    throw e;
                }
            }
        }
    }
}
