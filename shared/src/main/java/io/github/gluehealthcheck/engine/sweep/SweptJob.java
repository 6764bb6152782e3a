package io.github.gluehealthcheck.engine.sweep;

import java.io.Serializable;
import java.time.Instant;

/**
 * What the sweeper did with one expired job.
 *
 * @param jobName   the job
 * @param repo      its owner repository (from its tags)
 * @param expiresAt when it expired
 * @param outcome   what happened
 * @param detail    what, and why when it failed
 */
public record SweptJob(String jobName, String repo, Instant expiresAt, Outcome outcome, String detail)
        implements Serializable {

    /** What happened to one job. */
    public enum Outcome {
        DELETED, WOULD_DELETE, FAILED
    }
}
