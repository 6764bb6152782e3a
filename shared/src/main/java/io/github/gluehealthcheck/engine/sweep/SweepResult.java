package io.github.gluehealthcheck.engine.sweep;

import java.util.List;

/**
 * A sweep's outcome.
 *
 * @param examined jobs with our marker (and the repository, when limited to one) that were looked at
 * @param swept    the expired ones and what happened to each
 * @param error    why the sweep could not complete, or null
 */
public record SweepResult(int examined, List<SweptJob> swept, String error) {

    public long deleted() {
        return swept.stream().filter(j -> j.outcome() == SweptJob.Outcome.DELETED).count();
    }

    public long failed() {
        return swept.stream().filter(j -> j.outcome() == SweptJob.Outcome.FAILED).count();
    }
}
