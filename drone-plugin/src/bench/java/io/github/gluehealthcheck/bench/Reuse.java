package io.github.gluehealthcheck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One build of the reuse scenario: a plan run with {@code --reuse-passed}, timed from outside, its AWS calls from the
 * endpoint's request log, the Glue runs it started from the endpoint's run records, the cost from its report.json.
 */
record Reuse(int build, double wall, int exitCode, String status, String verdict, long reusedChecks,
        long glueRunsStarted, long calls, Map<String, Long> callsByOperation, double estimatedCostUsd) {

    static Reuse of(int build, Proc.Result r, List<Endpoint.Request> requests, long runsStarted, JsonNode report) {
        Map<String, Long> byOp = new TreeMap<>();
        requests.forEach(q -> byOp.merge(q.name(), 1L, Long::sum));
        return new Reuse(build, r.seconds(), r.exitCode(), report.path("status").asText(),
                report.path("verdict").asText(), report.path("totals").path("reused").asLong(), runsStarted,
                requests.size(), byOp, report.path("totals").path("estimatedCostUsd").asDouble());
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("build", build);
        m.put("wallSeconds", wall);
        m.put("exitCode", exitCode);
        m.put("status", status);
        m.put("verdict", verdict);
        m.put("reusedChecks", reusedChecks);
        m.put("glueRunsStarted", glueRunsStarted);
        m.put("calls", calls);
        m.put("callsByOperation", callsByOperation);
        m.put("estimatedCostUsd", estimatedCostUsd);
        return m;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s (%d reused), exit %d, %.2f s, %d Glue runs, %d calls %s, $%.4f",
                verdict, reusedChecks, exitCode, wall, glueRunsStarted, calls, callsByOperation, estimatedCostUsd);
    }
}
