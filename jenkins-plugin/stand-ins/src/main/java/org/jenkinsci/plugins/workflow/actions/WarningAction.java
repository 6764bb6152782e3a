package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;
import io.github.gluehealthcheck.standins.NeedsJenkins;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.actions.WarningAction}, workflow-api as in
 * bom-2.555.x: the constructor and {@code withMessage}, which mark a flow node (a stage) with a result such as
 * UNSTABLE, as the {@code unstable} step does. Never packaged; the bodies throw.
 */
public class WarningAction implements PersistentAction {

    public WarningAction(@NonNull Result result) {
        NeedsJenkins.unavailable();
    }

    public WarningAction withMessage(String message) {
        return NeedsJenkins.unavailable();
    }

    @Override
    public String getDisplayName() {
        return NeedsJenkins.unavailable();
    }

    @Override
    public String getIconFileName() {
        return NeedsJenkins.unavailable();
    }

    @Override
    public String getUrlName() {
        return NeedsJenkins.unavailable();
    }
}
