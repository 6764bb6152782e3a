package io.github.gluehealthcheck.jenkins.run;

import hudson.AbortException;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.UntrustedText;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.report.Reports;
import io.github.gluehealthcheck.jenkins.progress.ConsoleProgress;
import io.github.gluehealthcheck.jenkins.report.JobReport;
import io.github.gluehealthcheck.jenkins.report.ResultObject;
import io.github.gluehealthcheck.jenkins.report.StepReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How a {@code glueHealthCheck} step ends once its plan is over: the report files in the workspace, the report on the
 * build (badge, summary, page), a line on the console, then the value the step returns, an UNSTABLE build, or the
 * failure it ends with.
 *
 * @param value   what the step returns, when it succeeds
 * @param failure why the step fails, or null
 */
public record StepEnding(Map<String, Object> value, Throwable failure) {

    /**
     * Reports a plan's result and says how the step ends.
     *
     * @param id        the step's own id (a step finishing again after a restart replaces its report)
     * @param workspace where the report files go, or null outside a {@code node} block
     * @param stopCause why the build was aborted, or null
     */
    public static StepEnding of(String id, PlanResult plan, ResumeSettings settings, WorkspaceAccess workspace,
            BuildSurface build, ConsoleProgress console, Redactor redactor, Throwable stopCause) {
        String reportDir = writeReports(plan, settings.reportDir(), workspace, console, redactor);
        StepReport report = StepReport.of(id, plan, settings.title(), settings.region(), reportDir, redactor);
        try {
            build.report(report);
        } catch (IOException | RuntimeException e) {
            console.warning(null, "could not put the report on the build: " + e.getClass().getSimpleName());
        }
        console.note("Glue health check " + report.getSummaryLine());
        Map<String, Object> value = ResultObject.of(report);
        return switch (plan.status()) {
            case PASSED, SKIPPED -> new StepEnding(value, null); // every job skipped: nothing a job needs changed
            case FAILED -> {
                String message = failureMessage(report);
                if (!settings.unstableOnFailure()) {
                    yield new StepEnding(null, new AbortException(message));
                }
                build.markUnstable(message);
                console.note("the build is UNSTABLE (unstableOnFailure: true): " + message);
                yield new StepEnding(value, null);
            }
            case CANCELLED -> new StepEnding(null, stopCause != null ? stopCause
                    : new AbortException("Glue health check cancelled"));
            case ERROR, NOT_CHECKED_LOCALLY -> new StepEnding(null, new AbortException(failureMessage(report)));
        };
    }

    /**
     * The text the step fails with, which Jenkins prints on the console: one line per job that did not pass, with
     * what Glue and the job said neutralised (a job's message must not pass for our own lines or move the terminal).
     */
    static String failureMessage(StepReport report) {
        StringBuilder b = new StringBuilder("Glue health check ").append(report.getStatus());
        if (report.getSetupError() != null) {
            b.append(": ").append(UntrustedText.oneLine(report.getSetupError()));
        }
        report.getJobs().stream().filter(JobReport::isFailed).forEach(j -> {
            b.append("\n  ").append(UntrustedText.oneLine(j.getName())).append(": ").append(j.getStatus())
                    .append(", ").append(UntrustedText.oneLine(j.getReason()));
            if (j.getErrorMessage() != null) {
                b.append(" (Glue says: ").append(UntrustedText.oneLine(j.getErrorMessage())).append(')');
            }
        });
        return b.toString();
    }

    /** Writes report.json, junit.xml, summary.md and badge.svg into the workspace; returns where, or null. */
    private static String writeReports(PlanResult plan, String reportDir, WorkspaceAccess workspace,
            ConsoleProgress console, Redactor redactor) {
        if (workspace == null || reportDir == null) {
            return null;
        }
        Path local = null;
        try {
            local = Files.createTempDirectory("glue-health-check-reports");
            for (Path file : Reports.writeAll(plan, local, redactor)) {
                workspace.store(file, reportDir + "/" + file.getFileName());
            }
            console.note("reports written to " + reportDir + "/ in the workspace");
            return reportDir;
        } catch (IOException | RuntimeException e) {
            console.warning(null, "could not write the reports to " + reportDir + ": " + e.getClass().getSimpleName());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            deleteQuietly(local);
        }
    }

    /** Deletes a temporary directory; one left behind is harmless. */
    public static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
