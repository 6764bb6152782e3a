package io.github.gluehealthcheck.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The plan's status-read budget: at most so many reads in any second, a sliding window. */
class StatusReadBudgetTest {
    static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void allowsAsManyReadsAsTheBudgetInOneSecondThenWaitsForTheOldestToLeaveTheWindow() {
        StatusReadBudget budget = new StatusReadBudget(3);
        for (int i = 0; i < 3; i++) {
            Instant at = T.plusMillis(100L * i);
            assertThat(budget.nextFree(at)).isEqualTo(at);
            budget.spend(at);
        }

        assertThat(budget.nextFree(T.plusMillis(300))).as("a fourth read waits").isEqualTo(T.plusMillis(1000));
        assertThat(budget.nextFree(T.plusMillis(1000))).as("the first read has left the window").isEqualTo(T.plusMillis(1000));
        budget.spend(T.plusMillis(1000));
        assertThat(budget.nextFree(T.plusMillis(1050))).as("the second leaves at 1.1 s").isEqualTo(T.plusMillis(1100));
    }

    @Test
    void readsCannotBunchAtTheEdgeOfTwoSeconds() {
        StatusReadBudget budget = new StatusReadBudget(2);
        budget.spend(T.plusMillis(900));
        budget.spend(T.plusMillis(950));

        assertThat(budget.nextFree(T.plusMillis(1010))).as("a new calendar second is no new budget")
                .isEqualTo(T.plusMillis(1900));
    }
}
