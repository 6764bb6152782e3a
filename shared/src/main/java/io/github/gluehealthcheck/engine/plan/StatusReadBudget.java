package io.github.gluehealthcheck.engine.plan;

import java.time.Duration;
import java.time.Instant;

/**
 * The plan's status-read budget, {@code perSecond} reads a second: reads start at least {@code 1 s / perSecond}
 * apart (a token bucket that holds one token), so no second, wherever it begins, holds more than {@code perSecond}
 * of them. A read is counted when its thread starts the call, not when the plan hands it out, and the next read is
 * handed out only once the previous one has started: a thread that starts late delays the next read instead of
 * bunching with it at the endpoint. Not thread-safe: {@link PlanRun} uses it under its own lock.
 */
final class StatusReadBudget {
    private final Duration gap;
    /** When the last read started; null before the first. */
    private Instant lastStart;
    /** A read was handed out and its thread has not started it yet. */
    private boolean pending;

    /** {@code perSecond} is at least 1 ({@code EngineOptions} checks it). */
    StatusReadBudget(int perSecond) {
        // Rounded up: three gaps of a third of a second must not fit four reads into one second.
        this.gap = Duration.ofNanos((1_000_000_000L + perSecond - 1) / perSecond);
    }

    /** The least time between the starts of two reads. */
    Duration gap() {
        return gap;
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
