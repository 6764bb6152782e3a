package io.github.gluehealthcheck.engine;

import java.time.Duration;

/**
 * How long to wait before the next status read. Adaptive: fast at first (reads 0.1, 0.23, 0.38, 0.58 and 0.82 s
 * after the start: a run that fails at once, a short run and the local endpoint are noticed within a quarter of a
 * second), at most one read a second for the first two minutes, then one every ten seconds, so a long run costs at
 * most six reads a minute.
 */
public interface PollSchedule {

    /**
     * The wait before the next status read.
     *
     * @param polls   status reads made so far
     * @param elapsed time since the run was started
     * @param state   the last state seen (e.g. WAITING), or null
     */
    Duration next(int polls, Duration elapsed, String state);

    /** The default schedule described above. */
    static PollSchedule adaptive() {
        return adaptive(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofSeconds(10));
    }

    /**
     * Starts at {@code first}, grows by a quarter each read up to {@code early}, and after {@code earlyPeriod} waits
     * {@code late} between reads. A run queued in WAITING is read at the late pace at once.
     */
    static PollSchedule adaptive(Duration first, Duration early, Duration earlyPeriod, Duration late) {
        return (polls, elapsed, state) -> {
            if ("WAITING".equals(state) || elapsed.compareTo(earlyPeriod) >= 0) {
                return late;
            }
            double grown = first.toMillis() * Math.pow(1.25, Math.min(polls, 40));
            return Duration.ofMillis((long) Math.min(grown, early.toMillis()));
        };
    }

    /** The same wait every time, as fixed-interval pollers do (used to compare against them). */
    static PollSchedule fixed(Duration interval) {
        return (polls, elapsed, state) -> interval;
    }
}
