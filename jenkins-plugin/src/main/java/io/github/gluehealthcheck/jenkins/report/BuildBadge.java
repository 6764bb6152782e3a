package io.github.gluehealthcheck.jenkins.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The badge next to a build in the build history: one symbol for the build's health checks (the worst of its steps'
 * results) and a tooltip naming the jobs. A bean, for {@code badge.jelly}.
 */
public final class BuildBadge {
    private static final List<String> RANK =
            List.of("SKIPPED", "PASSED", "COMPILED ONLY", "NOT_CHECKED_LOCALLY", "CANCELLED", "ERROR", "FAILED");

    private final String status;
    private final String symbol;
    private final String color;
    private final String tooltip;

    private BuildBadge(String status, String symbol, String color, String tooltip) {
        this.status = status;
        this.symbol = symbol;
        this.color = color;
        this.tooltip = tooltip;
    }

    /** The badge of a build whose steps produced these reports. */
    public static BuildBadge of(List<StepReport> reports) {
        String worst = reports.isEmpty() ? "PASSED" : "SKIPPED";
        List<String> failed = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        int skipped = 0;
        for (StepReport r : reports) {
            worst = worse(worst, r.isPassed() && r.isCompiledOnly() ? "COMPILED ONLY" : r.getStatus());
            for (JobReport j : r.getJobs()) {
                if (j.isSkipped()) {
                    skipped++;
                } else if (j.isPassed()) {
                    passed.add(j.getName() + (!j.isReused() ? "" : j.getReusedFromBuild() == null ? " (reused)"
                            : " (reused from build " + j.getReusedFromBuild() + ")"));
                } else {
                    failed.add(j.getName() + " " + j.getStatusLabel());
                }
            }
            if (r.getSetupError() != null && r.getJobs().isEmpty()) {
                failed.add(r.getSetupError());
            }
        }
        StringBuilder tooltip = new StringBuilder("Glue health check ").append(StepReport.label(worst));
        if (!failed.isEmpty()) {
            tooltip.append(": ").append(String.join(", ", failed));
            if (!passed.isEmpty()) {
                tooltip.append("; passed: ").append(String.join(", ", passed));
            }
        } else if (!passed.isEmpty()) {
            tooltip.append(": ").append(String.join(", ", passed));
        }
        if (skipped > 0) {
            tooltip.append("; ").append(skipped).append(" skipped (changedOnly)");
        }
        return switch (worst) {
            case "PASSED", "COMPILED ONLY" -> new BuildBadge(worst, "symbol-check", "jenkins-!-success-color", tooltip.toString());
            case "FAILED" -> new BuildBadge(worst, "symbol-close-circle", "jenkins-!-error-color", tooltip.toString());
            case "SKIPPED" -> new BuildBadge(worst, "symbol-status-nobuilt", "jenkins-!-text-color-secondary",
                    tooltip.toString());
            case "CANCELLED" -> new BuildBadge(worst, "symbol-status-aborted", "jenkins-!-text-color-secondary",
                    tooltip.toString());
            default -> new BuildBadge(worst, "symbol-warning", "jenkins-!-warning-color", tooltip.toString());
        };
    }

    /**
     * The worse of two results: FAILED outranks ERROR, which outranks CANCELLED, which outranks PASSED. Unlike the
     * engine's verdict for one plan, a failure in one step of a build is real even if another step was cancelled.
     */
    static String worse(String a, String b) {
        return RANK.indexOf(b) > RANK.indexOf(a) ? b : a;
    }

    /** PASSED, COMPILED ONLY, NOT_CHECKED_LOCALLY, FAILED, ERROR or CANCELLED. */
    public String getStatus() {
        return status;
    }

    /** A Jenkins core symbol, e.g. {@code symbol-check}. */
    public String getSymbol() {
        return symbol;
    }

    /** The Jenkins CSS class that colours the symbol, e.g. {@code jenkins-!-success-color}. */
    public String getColor() {
        return color;
    }

    /** e.g. {@code Glue health check FAILED: orders FAILED; passed: customers}. */
    public String getTooltip() {
        return tooltip;
    }
}
