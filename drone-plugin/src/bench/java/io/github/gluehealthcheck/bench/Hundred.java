package io.github.gluehealthcheck.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** One check of many jobs against a throttled endpoint. */
record Hundred(int jobs, double rps, double wall, int exitCode, String status, long succeededRuns, long totalCalls,
        long throttled, Map<String, Long> acceptedByOperation, Long maxRssKb, int jobsLeft) {

    static Hundred of(int jobs, double rps, Proc.Result r, List<Endpoint.Request> requests, List<Endpoint.Run> runs,
            String status, int jobsLeft) {
        Map<String, Long> byOp = new TreeMap<>();
        long throttled = 0;
        for (Endpoint.Request q : requests) {
            if (q.throttled()) {
                throttled++;
            } else {
                byOp.merge(q.name(), 1L, Long::sum);
            }
        }
        long succeeded = runs.stream().filter(x -> x.state().equals("SUCCEEDED")).count();
        return new Hundred(jobs, rps, r.seconds(), r.exitCode(), status, succeeded, requests.size(), throttled, byOp,
                r.maxRssKb(), jobsLeft);
    }

    long accepted() {
        return totalCalls - throttled;
    }

    /** The floor: every accepted call at exactly the endpoint's rate. */
    double floorSeconds() {
        return accepted() / rps;
    }

    /** The target: 1.5 x (accepted calls / rate). */
    double targetSeconds() {
        return 1.5 * floorSeconds();
    }

    double ratio() {
        return wall / floorSeconds();
    }

    /** The issue's own reading: wall / (every call, throttled ones included / rate). Never above {@link #ratio()}. */
    double ratioAllCalls() {
        return wall / (totalCalls / rps);
    }

    boolean allPassed() {
        return exitCode == 0 && "PASSED".equals(status) && succeededRuns == jobs;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "exit %d, %s, %d/%d runs SUCCEEDED, wall %.1f s, %d calls (%d accepted, %d "
                + "throttled), floor %.1f s, wall/floor %.2f, max RSS %s, jobs left %d; accepted by operation %s",
                exitCode, status, succeededRuns, jobs, wall, totalCalls, accepted(), throttled, floorSeconds(), ratio(),
                maxRssKb == null ? "n/a" : Stats.mb(maxRssKb) + " MB", jobsLeft, acceptedByOperation);
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobs", jobs);
        m.put("throttleRps", rps);
        m.put("wallSeconds", wall);
        m.put("exitCode", exitCode);
        m.put("status", status);
        m.put("succeededRuns", succeededRuns);
        m.put("totalCalls", totalCalls);
        m.put("throttledCalls", throttled);
        m.put("acceptedCalls", accepted());
        m.put("floorSeconds", floorSeconds());
        m.put("wallOverFloor", ratio());
        m.put("wallOverAllCallsAtRate", ratioAllCalls());
        m.put("maxRssKb", maxRssKb);
        m.put("jobsLeft", jobsLeft);
        m.put("acceptedByOperation", acceptedByOperation);
        return m;
    }
}
