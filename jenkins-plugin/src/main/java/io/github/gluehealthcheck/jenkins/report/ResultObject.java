package io.github.gluehealthcheck.jenkins.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the step returns to the Pipeline script: a map of strings, numbers, booleans and lists of those, which a
 * sandboxed script reads without approvals ({@code r.status}, {@code r.failedJobs}, {@code r.jobs[0].runId}) and
 * which Pipeline can persist with the program. Built from the (masked) report, so it holds no secret.
 *
 * <pre>
 * status            PASSED, FAILED, ERROR, CANCELLED, SKIPPED (checks), SWEPT (mode: 'sweep'), DRY_RUN (dryRun: true)
 * passed            true when status is PASSED
 * failedJobs        names of the jobs that did not pass
 * durationSeconds, estimatedCostUsd, region, reportDir
 * jobs              per job: name, glueJobName, runId, status, state, reason, errorMessage, durationSeconds,
 *                   estimatedCostUsd, consoleUrl, logsUrl, reused (true for a pass reused by reusePassed: no
 *                   job, no run in this build), reusedFromBuild, reusedRunId, reusedPassedAt, reusedBuildUrl
 * reusedJobs        names of the jobs whose earlier pass was reused
 * </pre>
 */
public final class ResultObject {

    private ResultObject() {
    }

    /** The result of a check step. */
    public static Map<String, Object> of(StepReport report) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", report.getStatus());
        r.put("passed", report.isPassed());
        r.put("failedJobs", new ArrayList<>(report.getFailedJobs()));
        r.put("durationSeconds", report.getDurationSeconds());
        r.put("estimatedCostUsd", report.getEstimatedCostUsd());
        r.put("region", report.getRegion());
        r.put("reportDir", report.getReportDir());
        if (report.getSetupError() != null) {
            r.put("error", report.getSetupError());
        }
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (JobReport j : report.getJobs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", j.getName());
            m.put("glueJobName", j.getGlueJobName());
            m.put("runId", j.getRunId());
            m.put("status", j.getStatus());
            m.put("state", j.getState());
            m.put("reason", j.getReason());
            m.put("errorMessage", j.getErrorMessage());
            m.put("durationSeconds", j.getDurationSeconds());
            m.put("estimatedCostUsd", j.getEstimatedCostUsd());
            m.put("consoleUrl", j.getConsoleUrl());
            m.put("logsUrl", j.getLogsUrl());
            m.put("reused", j.isReused());
            if (j.isReused()) {
                m.put("reusedFromBuild", j.getReusedFromBuild());
                m.put("reusedRunId", j.getReusedRunId());
                m.put("reusedPassedAt", j.getReusedPassedAt());
                m.put("reusedBuildUrl", j.getReusedBuildUrl());
            }
            jobs.add(m);
        }
        r.put("jobs", jobs);
        r.put("reusedJobs", new ArrayList<>(report.getJobs().stream().filter(JobReport::isReused).map(JobReport::getName).toList()));
        return r;
    }

    /** The result of {@code mode: 'sweep'}. */
    public static Map<String, Object> ofSweep(String status, long deleted, long failed, List<String> lines) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", status);
        r.put("passed", failed == 0 && "SWEPT".equals(status));
        r.put("deleted", deleted);
        r.put("failed", failed);
        r.put("lines", new ArrayList<>(lines));
        return r;
    }

    /** The result of {@code dryRun: true}. */
    public static Map<String, Object> ofDryRun(List<String> jobs, List<String> plan) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", "DRY_RUN");
        r.put("passed", true);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String name : jobs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            entries.add(m);
        }
        r.put("jobs", entries);
        r.put("plan", new ArrayList<>(plan));
        return r;
    }
}
