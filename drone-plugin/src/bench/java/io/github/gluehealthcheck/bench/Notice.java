package io.github.gluehealthcheck.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long after a run reached its final state (CompletedOn at the endpoint) its verdict line was printed.
 *
 * @param scriptedSeconds how long the scripted run stayed RUNNING
 * @param runSeconds      StartedOn to CompletedOn
 * @param latency         CompletedOn to the verdict line, seconds
 * @param polls           GetJobRun calls for the run
 */
record Notice(int scriptedSeconds, double runSeconds, double latency, long polls) {
    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runningSeconds", scriptedSeconds);
        m.put("runSeconds", runSeconds);
        m.put("verdictAfterEndSeconds", latency);
        m.put("getJobRunCalls", polls);
        return m;
    }
}
