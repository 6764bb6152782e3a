package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
    private final PollSchedule schedule = PollSchedule.adaptive();

    @Test
    void startsFastAndGrowsToOneSecond() {
        assertThat(schedule.next(0, Duration.ZERO, "STARTING")).isEqualTo(Duration.ofMillis(200));
        assertThat(schedule.next(1, Duration.ofMillis(200), "STARTING")).isEqualTo(Duration.ofMillis(300));
        assertThat(schedule.next(10, Duration.ofSeconds(30), "RUNNING")).isEqualTo(Duration.ofSeconds(1));
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
