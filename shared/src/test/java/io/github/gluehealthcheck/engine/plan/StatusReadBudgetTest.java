package io.github.gluehealthcheck.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The plan's status-read budget on a fake clock: reads start at least 1/N s apart, counted when their thread starts
 * them, so no sliding second holds more than N however late the threads start.
 */
class StatusReadBudgetTest {
    static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void theNextReadIsFreeAGapAfterThePreviousOneStartedNotAfterItWasHandedOut() {
        StatusReadBudget budget = new StatusReadBudget(5);
        assertThat(budget.nextFree(T)).isEqualTo(T);
        budget.handed();
        assertThat(budget.nextFree(T.plusMillis(10))).as("none while the read handed out has not started").isNull();
        budget.started(T.plusMillis(80));

        assertThat(budget.nextFree(T.plusMillis(90))).as("a fifth of a second and 10 ms after it started")
                .isEqualTo(T.plusMillis(290));
        assertThat(budget.nextFree(T.plusMillis(500))).isEqualTo(T.plusMillis(500));
    }

    @Test
    void atOneASecondAGapKeepsBackOnly10Ms() {
        StatusReadBudget budget = new StatusReadBudget(1);
        budget.handed();
        budget.started(T);
        assertThat(budget.nextFree(T)).isEqualTo(T.plusMillis(1010));
    }

    @Test
    void aReadTheExecutorRefusedFreesTheNextAtOnce() {
        StatusReadBudget budget = new StatusReadBudget(2);
        budget.handed();
        budget.withdrawn();
        assertThat(budget.nextFree(T)).isEqualTo(T);
    }

    @Test
    void aGapIsRoundedUpSoThatNoSecondHoldsOneReadTooMany() {
        StatusReadBudget budget = new StatusReadBudget(3);
        budget.handed();
        budget.started(T);
        Instant at = T;
        for (int i = 0; i < 3; i++) {
            at = budget.nextFree(at);
            budget.handed();
            budget.started(at);
        }
        assertThat(at).as("the fourth read after the first").isAfter(T.plusSeconds(1));
    }

    /**
     * Twenty runs always due, handed out as the plan does (one at a time, when free), their threads starting 0 to
     * 150 ms late at random: the starts, where the budget is counted, never put more than N into any second.
     */
    @Test
    void noSlidingSecondHoldsMoreThanTheBudgetWhenThreadsStartLate() {
        for (int perSecond : new int[] {1, 2, 3, 5, 7, 20}) {
            StatusReadBudget budget = new StatusReadBudget(perSecond);
            Random random = new Random(perSecond);
            List<Instant> starts = new ArrayList<>();
            Instant now = T;
            Instant pendingStart = null;
            while (now.isBefore(T.plusSeconds(60))) {
                if (pendingStart != null && !now.isBefore(pendingStart)) {
                    budget.started(pendingStart);
                    starts.add(pendingStart);
                    pendingStart = null;
                }
                Instant free = budget.nextFree(now);
                if (free != null && !free.isAfter(now)) {
                    budget.handed();
                    pendingStart = now.plusMillis(random.nextInt(151));
                }
                now = now.plusMillis(1);
            }
            assertThat(mostInAnySecond(starts)).as("most reads in any second at %d a second", perSecond)
                    .isLessThanOrEqualTo(perSecond);
            // And the budget is used: a read at least every gap plus the latest start.
            assertThat(starts.size()).as("reads in 60 s at %d a second", perSecond)
                    .isGreaterThanOrEqualTo(60_000 / (1000 / perSecond + 151));
        }
    }

    /** The most instants in any half-open second [t, t + 1 s), t anywhere. */
    static int mostInAnySecond(List<Instant> sorted) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            while (!sorted.get(first).plus(Duration.ofSeconds(1)).isAfter(sorted.get(last))) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }
}
