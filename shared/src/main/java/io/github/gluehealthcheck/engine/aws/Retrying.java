package io.github.gluehealthcheck.engine.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The engine's own retries, on top of the SDK's: for failures that outlast the SDK's few attempts (a throttling
 * storm, an endpoint gone for ten seconds, Glue's concurrency limits). Exponential backoff with full jitter, within
 * a deadline, and stopped early by cancellation.
 */
public final class Retrying {
    private final Clock clock;
    private final Duration base;
    private final Duration cap;
    private final Sleeper sleeper;

    /** Sleeps, returning true when the wait was cut short by cancellation. */
    @FunctionalInterface
    public interface Sleeper {
        boolean sleep(Duration d);
    }

    /** Called before each retry, e.g. to report it. */
    @FunctionalInterface
    public interface RetryListener {
        void retrying(RuntimeException failure, int attempt, Duration wait);
    }

    public Retrying(Clock clock, Duration base, Duration cap, Sleeper sleeper) {
        this.clock = clock;
        this.base = base;
        this.cap = cap;
        this.sleeper = sleeper;
    }

    /**
     * Calls {@code call} until it returns, a failure is not {@code retryable}, the deadline passes, or
     * {@code cancelled} says stop; then the last failure is thrown. An answer that could not be read is asked
     * again whatever {@code retryable} says, but only up to {@link AwsFailure#UNREADABLE_ATTEMPTS} attempts in all:
     * the same endpoint tends to give the same answer.
     */
    public <T> T call(Supplier<T> call, Predicate<RuntimeException> retryable, Instant deadline,
            BooleanSupplier cancelled, RetryListener listener) {
        int attempt = 0;
        int unreadable = 0;
        while (true) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                attempt++;
                AwsFailure failure = AwsFailure.of(e);
                boolean again;
                if (failure.errorClass() == AwsFailure.ErrorClass.UNREADABLE) {
                    // Counted as the endpoint saw them: the SDK itself asks again for some (a truncated body).
                    unreadable += failure.sdkAttempts();
                    again = unreadable < AwsFailure.ErrorClass.UNREADABLE.attempts();
                } else {
                    again = retryable.test(e);
                }
                if (!again || cancelled.getAsBoolean()) {
                    throw e;
                }
                Duration wait = backoff(attempt);
                Instant now = clock.instant();
                if (now.plus(wait).isAfter(deadline)) {
                    Duration left = Duration.between(now, deadline);
                    if (left.toMillis() < 50) {
                        throw e;
                    }
                    wait = left;
                }
                listener.retrying(e, attempt, wait);
                if (sleeper.sleep(wait)) {
                    throw e;
                }
            }
        }
    }

    /** Full jitter: a random wait between 0 and min(cap, base * 2^(attempt-1)), at least 50 ms. */
    public Duration backoff(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() * (1L << Math.min(attempt - 1, 20)));
        return Duration.ofMillis(Math.max(50, ThreadLocalRandom.current().nextLong(ceiling + 1)));
    }

    /** Retries failures that {@link AwsFailure} calls transient. */
    public static boolean isTransient(RuntimeException e) {
        return AwsFailure.of(e).isTransient();
    }
}
