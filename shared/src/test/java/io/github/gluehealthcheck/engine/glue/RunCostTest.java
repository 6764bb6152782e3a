package io.github.gluehealthcheck.engine.glue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Glue bills per second with a one-minute minimum (pricing page), whichever figure the run reports. */
class RunCostTest {

    @Test
    void aShortRunIsBilledForOneMinute() {
        assertThat(RunCost.dpuSeconds(null, 10, 2.0)).isEqualTo(120.0);
        assertThat(RunCost.dpuSeconds(null, null, 0.0625)).isEqualTo(3.75);
        assertThat(RunCost.usd(RunCost.dpuSeconds(null, 10, 2.0), "STANDARD")).isEqualTo(0.014667);
    }

    @Test
    void gluesOwnDpuSecondsAreRaisedToTheMinuteToo() {
        // A FLEX run of 20 s that used 30 DPU-seconds is billed as 60 s at the same rate: 90 DPU-seconds.
        assertThat(RunCost.dpuSeconds(30.0, 20, 2.0)).isEqualTo(90.0);
        assertThat(RunCost.dpuSeconds(30.0, null, 2.0)).isEqualTo(120.0);
        assertThat(RunCost.dpuSeconds(500.0, 300, 2.0)).isEqualTo(500.0);
    }

    @Test
    void pricesAreUsEast1ListPricesAndSaySo() {
        assertThat(RunCost.PRICE_REGION).isEqualTo("us-east-1");
        assertThat(RunCost.PRICES_LABEL).isEqualTo("us-east-1 prices");
        assertThat(RunCost.usd(3600, "FLEX")).isEqualTo(0.29);
        assertThat(RunCost.usd(3600, "STANDARD")).isEqualTo(0.44);
    }
}
