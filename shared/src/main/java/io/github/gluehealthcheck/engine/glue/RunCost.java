package io.github.gluehealthcheck.engine.glue;

import io.github.gluehealthcheck.engine.spec.GlueRules;

/**
 * Estimates what a run cost at the list prices of one region (us-east-1, from the rules table): per DPU-hour, billed
 * per second with a one-minute minimum (Glue 2.0 and later). An estimate for the report, not a bill: other regions
 * differ, which every report says with {@link #PRICES_LABEL}.
 */
public final class RunCost {
    private static final GlueRules RULES = GlueRules.current();
    public static final double STANDARD_USD_PER_DPU_HOUR = RULES.usdPerDpuHour("STANDARD");
    public static final double FLEX_USD_PER_DPU_HOUR = RULES.usdPerDpuHour("FLEX");
    /** The region whose prices the estimates use. */
    public static final String PRICE_REGION = RULES.priceRegion();
    /** Said next to every cost a report shows. */
    public static final String PRICES_LABEL = PRICE_REGION + " prices";

    private RunCost() {
    }

    /**
     * Billed DPU-seconds. Glue's own figure when it reports one (FLEX, auto-scaling), else seconds times DPUs; either
     * way a run shorter than the minimum is billed as if it lasted the minimum.
     */
    public static double dpuSeconds(Double reportedDpuSeconds, Integer executionTimeSeconds, double dpus) {
        int minimum = RULES.minimumBilledSeconds();
        int seconds = executionTimeSeconds == null ? 0 : executionTimeSeconds;
        if (reportedDpuSeconds != null && reportedDpuSeconds > 0) {
            // The DPUs actually used, held for at least the minimum.
            return seconds > 0 && seconds < minimum ? reportedDpuSeconds * minimum / seconds
                    : seconds > 0 ? reportedDpuSeconds : Math.max(reportedDpuSeconds, minimum * dpus);
        }
        return Math.max(seconds, minimum) * dpus;
    }

    public static double usd(double dpuSeconds, String executionClass) {
        double rate = RULES.usdPerDpuHour(executionClass);
        return Math.round(dpuSeconds / 3600.0 * rate * 1_000_000d) / 1_000_000d;
    }
}
