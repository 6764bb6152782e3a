package io.github.gluehealthcheck.engine.glue;

/**
 * Estimates what a run cost at us-east-1 list prices: $0.44 per DPU-hour (FLEX $0.29), billed per second with a
 * one-minute minimum (Glue 2.0 and later). An estimate for the report, not a bill.
 */
public final class RunCost {
    public static final double STANDARD_USD_PER_DPU_HOUR = 0.44;
    public static final double FLEX_USD_PER_DPU_HOUR = 0.29;

    private RunCost() {
    }

    /** DPU-seconds: Glue's own figure when it reports one, else billed seconds times DPUs. */
    public static double dpuSeconds(Double reportedDpuSeconds, Integer executionTimeSeconds, double dpus) {
        if (reportedDpuSeconds != null && reportedDpuSeconds > 0) {
            return reportedDpuSeconds;
        }
        int seconds = executionTimeSeconds == null ? 0 : executionTimeSeconds;
        return Math.max(seconds, 60) * dpus;
    }

    public static double usd(double dpuSeconds, String executionClass) {
        double rate = "FLEX".equalsIgnoreCase(executionClass) ? FLEX_USD_PER_DPU_HOUR : STANDARD_USD_PER_DPU_HOUR;
        return Math.round(dpuSeconds / 3600.0 * rate * 1_000_000d) / 1_000_000d;
    }
}
