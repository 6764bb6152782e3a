package io.github.gluehealthcheck.jenkins.report;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.sweep.SweepResult;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What one {@code glueHealthCheck} step found, as the build's badge, summary row and page show it. Made once, at the
 * end of the step, from the plan's result with every text masked; saved with the build (XStream), so it is a plain
 * class of strings, numbers and lists.
 */
public final class StepReport implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String status;
    private final String title;
    private final String region;
    private final String account;
    private final String setupError;
    private final double durationSeconds;
    private final double estimatedCostUsd;
    /** The overall verdict in words (e.g. COMPILED ONLY); null in reports saved before it was kept. */
    private final String verdict;
    private final boolean local;
    private final long startedAtMillis;
    private final String reportDir;
    private final ArrayList<JobReport> jobs;
    private final ArrayList<String> sweep;

    private StepReport(String id, PlanResult result, String title, String region, String reportDir, Redactor redactor) {
        this.id = id;
        this.status = result.status().name();
        this.verdict = result.verdict();
        this.local = result.local();
        this.title = redactor.mask(title);
        this.region = region;
        this.account = result.identity() == null ? null : result.identity().account();
        this.setupError = redactor.mask(result.setupError());
        this.durationSeconds = result.durationSeconds();
        this.estimatedCostUsd = result.estimatedCostUsd();
        this.startedAtMillis = result.startedAt().toEpochMilli();
        this.reportDir = reportDir;
        this.jobs = new ArrayList<>();
        for (CheckResult c : result.checks()) {
            jobs.add(JobReport.of(c, redactor));
        }
        this.sweep = new ArrayList<>();
        SweepResult s = result.sweep();
        if (s != null) {
            if (s.error() != null) {
                sweep.add("sweep skipped: " + redactor.mask(s.error()));
            } else {
                sweep.add(s.summary(true));
                s.swept().forEach(j -> sweep.add(j.jobName() + ": " + j.outcome().name().toLowerCase(Locale.ROOT)
                        .replace('_', ' ') + " (" + redactor.mask(j.detail()) + ")"));
            }
        }
    }

    /**
     * A report of one step.
     *
     * @param id        the step's own id, so that a step finishing twice (after a restart) replaces its report
     * @param result    the plan's result
     * @param title     what the step checked, e.g. {@code jobs/orders.py} or {@code .glue-health.yml}
     * @param region    the AWS region the jobs ran in
     * @param reportDir the workspace directory the report files were written to, or null
     * @param redactor  masks every secret the step knew
     */
    public static StepReport of(String id, PlanResult result, String title, String region, String reportDir,
            Redactor redactor) {
        return new StepReport(id, result, title, region, reportDir, redactor);
    }

    public String getId() {
        return id;
    }

    /** PASSED, FAILED, ERROR or CANCELLED. */
    public String getStatus() {
        return status;
    }

    public boolean isPassed() {
        // A step whose every job was skipped did not fail anything, as the CLI's exit 0 says.
        return "PASSED".equals(status) || "SKIPPED".equals(status);
    }

    /** True when the step passed but a script in it was only compiled, not run (local endpoint). */
    public boolean isCompiledOnly() {
        return "COMPILED ONLY".equals(verdict);
    }

    public String getTitle() {
        return title;
    }

    public String getRegion() {
        return region;
    }

    /** The AWS account the checks ran in, or null when the identity could not be confirmed. */
    public String getAccount() {
        return account;
    }

    /** Why no check could be carried out, or null. */
    public String getSetupError() {
        return setupError;
    }

    public double getDurationSeconds() {
        return durationSeconds;
    }

    public double getEstimatedCostUsd() {
        return estimatedCostUsd;
    }

    public long getStartedAtMillis() {
        return startedAtMillis;
    }

    /** Where in the workspace report.json, junit.xml, summary.md and badge.svg were written, or null. */
    public String getReportDir() {
        return reportDir;
    }

    public List<JobReport> getJobs() {
        return Collections.unmodifiableList(jobs);
    }

    /** What the sweep before the checks did, one line each; empty without a sweep. */
    public List<String> getSweep() {
        return Collections.unmodifiableList(sweep);
    }

    /** Names of the jobs that did not pass. */
    public List<String> getFailedJobs() {
        return jobs.stream().filter(JobReport::isFailed).map(JobReport::getName).toList();
    }

    /** The result as a word for people: passed, FAILED, ERROR, cancelled. */
    public String getStatusLabel() {
        return label(verdict != null ? verdict : status);
    }

    public String getDurationText() {
        return duration(durationSeconds);
    }

    public String getCostText() {
        return String.format(Locale.ROOT, "$%.4f", estimatedCostUsd) + (local ? " on AWS (ran locally at no cost)" : "");
    }

    /** Whose list prices the estimates use, said next to every cost. */
    public String getPricesLabel() {
        return io.github.gluehealthcheck.engine.glue.RunCost.PRICES_LABEL;
    }

    /** One line for the build page's summary: {@code passed: orders, customers (2 jobs, 1m 4s, ~$0.0147)}. */
    public String getSummaryLine() {
        StringBuilder b = new StringBuilder(getStatusLabel()).append(": ");
        List<String> failed = getFailedJobs();
        if (setupError != null) {
            b.append(setupError);
        } else if (failed.isEmpty()) {
            List<String> checked = jobs.stream().filter(j -> !j.isSkipped()).map(JobReport::getName).toList();
            b.append(checked.isEmpty() ? "no job checked" : String.join(", ", checked));
        } else {
            b.append(String.join(", ", jobs.stream().filter(JobReport::isFailed)
                    .map(j -> j.getName() + " " + j.getStatusLabel()).toList()));
        }
        long skipped = jobs.stream().filter(JobReport::isSkipped).count();
        if (skipped > 0) {
            b.append("; ").append(skipped).append(" skipped (changedOnly)");
        }
        b.append(" (").append(jobs.size()).append(jobs.size() == 1 ? " job, " : " jobs, ").append(getDurationText())
                .append(", ~").append(getCostText()).append(" at ").append(getPricesLabel()).append(')');
        return b.toString();
    }

    static String label(String status) {
        if (status.startsWith("PASSED (")) {
            return status.toLowerCase(java.util.Locale.ROOT); // a pass with a note, e.g. reused from an earlier build
        }
        return switch (status) {
            case "PASSED" -> "passed";
            case "COMPILED ONLY" -> "compiled only";
            case "CANCELLED" -> "cancelled";
            case "NOT_CHECKED_LOCALLY" -> "NOT CHECKED LOCALLY";
            case "SKIPPED" -> "skipped";
            default -> status;
        };
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        return m < 60 ? m + "m " + (s % 60) + "s" : (m / 60) + "h " + (m % 60) + "m";
    }
}
