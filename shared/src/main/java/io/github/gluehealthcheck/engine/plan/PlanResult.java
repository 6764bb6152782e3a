package io.github.gluehealthcheck.engine.plan;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.aws.CallerIdentity;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.sweep.SweepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of a plan: one result per job, in the plan's order, and the overall verdict.
 *
 * @param status     overall: CANCELLED if cancelled, FAILED if any check failed, else ERROR if any could not be
 *                   carried out, else NOT_CHECKED_LOCALLY if a local run could not judge a job, PASSED when all passed
 * @param checks     one per job
 * @param context    the build
 * @param identity   who the checks ran as, or null when that could not be confirmed
 * @param sweep      the sweep before the checks, or null
 * @param setupError why no check could be carried out (credentials, permissions, unreachable), or null
 * @param startedAt  when the plan started
 * @param finishedAt when the last cleanup ended
 */
public record PlanResult(CheckStatus status, List<CheckResult> checks, CiContext context, CallerIdentity identity,
        SweepResult sweep, String setupError, Instant startedAt, Instant finishedAt) {

    public PlanResult {
        checks = List.copyOf(checks);
    }

    public double durationSeconds() {
        return Duration.between(startedAt, finishedAt).toMillis() / 1000.0;
    }

    public long count(CheckStatus s) {
        return checks.stream().filter(c -> c.status() == s).count();
    }

    /** Passes that stand for this build's checks without a run ({@code reuse_passed}); counted among the passed. */
    public long reusedCount() {
        return checks.stream().filter(CheckResult::reused).count();
    }

    public double estimatedCostUsd() {
        return checks.stream().mapToDouble(c -> c.estimatedCostUsd() == null ? 0 : c.estimatedCostUsd()).sum();
    }

    /**
     * How every report names the overall result: the status's words, except that a pass in which any script was
     * only compiled is never shown as a plain pass, and a pass that reuses earlier passes ({@code reuse_passed})
     * says how many of its checks did not run in this build (of those checked: a job {@code changed_only}
     * skipped is not counted).
     */
    public String verdict() {
        if (status == CheckStatus.PASSED && checks.stream().anyMatch(CheckResult::checkedOnly)) {
            return "COMPILED ONLY";
        }
        long reused = reusedCount();
        if (status == CheckStatus.PASSED && reused > 0) {
            long checked = checks.size() - count(CheckStatus.SKIPPED);
            return status.label() + (reused == checked ? " (reused)" : " (" + reused + " of " + checked + " reused)");
        }
        return status.label();
    }

    /** True when every check ran on a local endpoint: nothing cost money, costs are what AWS would charge. */
    public boolean local() {
        return !checks.isEmpty() && checks.stream().allMatch(CheckResult::local);
    }

    /** Jobs that did not pass, by base name (a skipped job is not among them). */
    public List<String> failedJobs() {
        return checks.stream().filter(c -> !c.passed() && c.status() != CheckStatus.SKIPPED)
                .map(CheckResult::baseName).toList();
    }
}
