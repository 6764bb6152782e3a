package io.github.gluehealthcheck.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * Wall-clock timestamps (microseconds on Linux): the endpoint stamps its records with {@link Instant#now()} in
 * another process on the same clock, so both sides can be subtracted.
 */
final class Clock {
    private Clock() {
    }

    static Instant now() {
        return Instant.now();
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
