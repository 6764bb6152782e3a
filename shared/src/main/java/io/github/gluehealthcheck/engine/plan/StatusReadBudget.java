package io.github.gluehealthcheck.engine.plan;

import java.time.Duration;
import java.time.Instant;

/**
 * The plan's status-read budget, {@code perSecond} reads a second: reads start at least {@code 1 s / perSecond} apart
 * and a little more (a token bucket that holds one token), so no second, wherever it begins, holds more than
 * {@code perSecond} of them. A read is counted when its thread starts the call, not when the plan hands it out, and
 * the next read is handed out only once the previous one has started: a thread that starts late delays the next read
 * instead of bunching with it at the endpoint. Not thread-safe: {@link PlanRun} uses it under its own lock.
 */
final class StatusReadBudget {
    /**
     * What each gap keeps back for a call's varying way to the endpoint: a twentieth of the gap, at most 10 ms. Reads
     * exactly {@code 1/N} s apart would put N + 1 arrivals into one second whenever the first of them reached the
     * endpoint a moment slower than the last; a single run read once a second at a budget of 1 loses only 10 ms.
     */
    static final Duration MOST_KEPT_BACK = Duration.ofMillis(10);

    private final Duration gap;
    /** When the last read started; null before the first. */
    private Instant lastStart;
    /** A read was handed out and its thread has not started it yet. */
    private boolean pending;

    /** {@code perSecond} is at least 1 ({@code EngineOptions} checks it). */
    StatusReadBudget(int perSecond) {
        // Rounded up, so that no rounding fits one read more into a second.
        Duration exact = Duration.ofNanos((1_000_000_000L + perSecond - 1) / perSecond);
        Duration keptBack = exact.dividedBy(20);
        this.gap = exact.plus(keptBack.compareTo(MOST_KEPT_BACK) < 0 ? keptBack : MOST_KEPT_BACK);
    }

    /**
     * When the next read may be handed out: {@code now}, a later instant, or null while a read handed out has not
     * started yet (its start is what frees the next one).
     */
    Instant nextFree(Instant now) {
        if (pending) {
            return null;
        }
        if (lastStart == null) {
            return now;
        }
        Instant free = lastStart.plus(gap);
        return free.isAfter(now) ? free : now;
    }

    /** A read was handed to a thread; no other is handed out until it starts. */
    void handed() {
        pending = true;
    }

    /** The read handed out will not be made after all (the executor refused it). */
    void withdrawn() {
        pending = false;
    }

    /** The read handed out starts its call at {@code at} (its thread says so, just before the call). */
    void started(Instant at) {
        pending = false;
        lastStart = at;
    }
}
