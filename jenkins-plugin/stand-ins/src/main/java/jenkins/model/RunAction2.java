package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

/**
 * Compile-only stand-in for {@code jenkins.model.RunAction2}, Jenkins core 2.555.3: an action told which build it
 * belongs to when attached and when the build is loaded from disk. Never packaged.
 */
public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
