package io.github.gluehealthcheck.engine.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * A sweep's outcome. Serializable, so a durable plan keeps the sweep it made before its checks.
 *
 * @param examined jobs with our marker (and the repository, when limited to one) that were looked at
 * @param swept    the expired ones and what happened to each
 * @param error    why the sweep could not complete, or null
 */
public record SweepResult(int examined, List<SweptJob> swept, String error) implements Serializable {

    public SweepResult {
        swept = List.copyOf(swept);
    }

    public long deleted() {
        return swept.stream().filter(j -> j.outcome() == SweptJob.Outcome.DELETED).count();
    }

    public long failed() {
        return swept.stream().filter(j -> j.outcome() == SweptJob.Outcome.FAILED).count();
    }

    /**
     * The sweep in one line, the same on every surface, e.g. {@code 2 job(s) of this repository found, 1 expired
     * deleted}.
     *
     * @param oneRepository the sweep was limited to the build's repository (before checks), not every repository
     */
    public String summary(boolean oneRepository) {
        return examined + (oneRepository ? " job(s) of this repository found, " : " health-check job(s) examined, ")
                + deleted() + " expired deleted" + (failed() > 0 ? ", " + failed() + " could not be deleted" : "");
    }
}
