package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
    private final PollSchedule schedule = PollSchedule.adaptive();

    @Test
    void startsFastAndGrowsToOneSecond() {
        assertThat(schedule.next(0, Duration.ZERO, "STARTING")).isEqualTo(Duration.ofMillis(100));
        assertThat(schedule.next(1, Duration.ofMillis(100), "STARTING")).isEqualTo(Duration.ofMillis(125));
        assertThat(schedule.next(20, Duration.ofSeconds(30), "RUNNING")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anEarlyEndIsSeenWithinAQuarterOfASecondAndATwoMinuteRunCostsAFewReadsMore() {
        Duration at = Duration.ZERO;
        int reads = 0;
        java.util.List<Long> firstReads = new java.util.ArrayList<>();
        while (at.compareTo(Duration.ofMinutes(2)) < 0) {
            Duration wait = schedule.next(reads, at, "RUNNING");
            at = at.plus(wait);
            reads++;
            if (reads <= 5) {
                firstReads.add(at.toMillis());
            }
        }
        assertThat(firstReads).containsExactly(100L, 225L, 381L, 576L, 820L);
        // One a second would be 120; the fast start adds a handful.
        assertThat(reads).isBetween(120, 130);
    }

    @Test
    void atMostSixReadsAMinuteAfterTwoMinutes() {
        Duration elapsed = Duration.ofMinutes(2);
        int reads = 0;
        Duration minute = Duration.ZERO;
        while (minute.compareTo(Duration.ofMinutes(1)) < 0) {
            Duration wait = schedule.next(200 + reads, elapsed.plus(minute), "RUNNING");
            minute = minute.plus(wait);
            reads++;
        }
        assertThat(reads).isLessThanOrEqualTo(6);
    }

    @Test
    void queuedRunsAreReadSlowly() {
        assertThat(schedule.next(3, Duration.ofSeconds(5), "WAITING")).isEqualTo(Duration.ofSeconds(10));
    }
}
