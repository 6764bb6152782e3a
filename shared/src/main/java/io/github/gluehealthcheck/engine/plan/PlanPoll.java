package io.github.gluehealthcheck.engine.plan;

import java.time.Duration;

/**
 * What one {@link PlanRun#poll()} found.
 *
 * @param done     every job is over and nothing is under way: {@link PlanRun#finish()} gives the verdict
 * @param nextPoll when the next call is due, unless the run's wake-up asks for one sooner
 */
public record PlanPoll(boolean done, Duration nextPoll) {
}
