package hudson.model;

/**
 * Compile-only stand-in for the marker interface {@code hudson.model.BuildBadgeAction}, Jenkins core 2.555.3: an
 * action whose {@code badge.jelly} is shown next to the build in the build history. Never packaged.
 */
public interface BuildBadgeAction extends Action {
}
