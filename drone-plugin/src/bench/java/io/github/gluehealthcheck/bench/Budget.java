package io.github.gluehealthcheck.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks of one plan size under one status-read budget: the GetJobRun calls the endpoint received for the plan's runs,
 * and how soon each run's end was read and reached its verdict line.
 *
 * @param budget        {@code status_reads_per_second} given, or null for the default
 * @param jobs          jobs in each check (parallelism = jobs)
 * @param checks        checks made one after another
 * @param reads         GetJobRun calls for the checks' runs
 * @param peak          the most GetJobRun calls the endpoint received in any one second (a sliding window)
 * @param peakStepped   the most in one of the seconds counted from each check's first GetJobRun (0-1 s, 1-2 s, ...)
 * @param mean          calls a second from each check's first GetJobRun to its last (all checks together)
 * @param endToRead     per run: CompletedOn to the first GetJobRun after it, seconds
 * @param endToVerdict  per run: CompletedOn to its verdict line, seconds
 * @param wall          per check: the CLI's wall time, seconds
 */
record Budget(Integer budget, int jobs, int checks, long reads, int peak, int peakStepped, double mean, List<Double> endToRead,
        List<Double> endToVerdict, List<Double> wall) {

    String label() {
        return budget == null ? "default (5 a second)" : budget + " a second";
    }

    /** The most of {@code times} (sorted) within any one second. */
    static int peak(List<Instant> times) {
        int most = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (!times.get(from).plus(Duration.ofSeconds(1)).isAfter(times.get(to))) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }

    /** The most of {@code times} (sorted) in one of the whole seconds counted from the first. */
    static int peakStepped(List<Instant> times) {
        Map<Long, Integer> bySecond = new LinkedHashMap<>();
        for (Instant t : times) {
            bySecond.merge(Duration.between(times.get(0), t).toSeconds(), 1, Integer::sum);
        }
        return bySecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statusReadsPerSecond", budget == null ? "default" : budget);
        m.put("jobs", jobs);
        m.put("checks", checks);
        m.put("getJobRunCalls", reads);
        m.put("getJobRunPeakPerSecond", peak);
        m.put("getJobRunPeakPerSecondStepped", peakStepped);
        m.put("getJobRunMeanPerSecond", mean);
        m.put("endToReadSeconds", endToRead);
        m.put("endToVerdictSeconds", endToVerdict);
        m.put("wallSeconds", wall);
        return m;
    }
}
