package io.github.gluehealthcheck.jenkins;

import hudson.model.BuildBadgeAction;
import hudson.model.Run;
import io.github.gluehealthcheck.jenkins.report.BuildBadge;
import io.github.gluehealthcheck.jenkins.report.StepReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * A build's Glue health checks: the badge next to the build in the build history ({@code badge.jelly}), a row in
 * the build page's summary ({@code summary.jelly}) and a page with every job's state, duration, error, log excerpt,
 * cost and console links ({@code index.jelly}). One action per build holds the reports of all its
 * {@code glueHealthCheck} steps. Saved with the build; it holds only masked reports.
 */
public final class GlueHealthCheckAction implements BuildBadgeAction, RunAction2 {
    static final String URL_NAME = "glue-health-check";

    // ArrayList: XStream saves and loads it with the build.
    private final ArrayList<StepReport> reports = new ArrayList<>();
    private transient Run<?, ?> run;

    /** Adds a step's report, replacing an earlier one of the same step (a step that finished again after a restart). */
    public synchronized void add(StepReport report) {
        reports.removeIf(r -> r.getId().equals(report.getId()));
        reports.add(report);
    }

    public synchronized List<StepReport> getReports() {
        return Collections.unmodifiableList(new ArrayList<>(reports));
    }

    /** The badge: the worst result of the build's health checks, and the jobs in its tooltip. */
    public BuildBadge getBadge() {
        return BuildBadge.of(getReports());
    }

    /** The build, once attached (for the page's side panel). */
    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cloud";
    }

    @Override
    public String getDisplayName() {
        return "Glue health check";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
