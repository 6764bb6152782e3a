package io.github.gluehealthcheck.engine.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many status reads a plan may still make this second: at most {@code perSecond} in any second, counted over the
 * last second (a sliding window, so reads cannot bunch at the edge of two seconds). Not thread-safe: {@link PlanRun}
 * uses it under its own lock.
 */
final class StatusReadBudget {
    private static final Duration WINDOW = Duration.ofSeconds(1);

    private final int perSecond;
    private final Deque<Instant> recent = new ArrayDeque<>();

    StatusReadBudget(int perSecond) {
        this.perSecond = perSecond;
    }

    /** When the next read may be made: {@code now}, or when the oldest read of the last second leaves the window. */
    Instant nextFree(Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
            recent.removeFirst();
        }
        return recent.size() < perSecond ? now : recent.peekFirst().plus(WINDOW);
    }

    /** A read was made at {@code now}. */
    void spend(Instant now) {
        recent.addLast(now);
    }
}
