package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.actions.WarningAction}, workflow-api as in
 * bom-2.555.x: the constructor and {@code withMessage}, which mark a flow node (a stage) with a result such as
 * UNSTABLE, as the {@code unstable} step does. Never packaged; the bodies throw.
 */
public class WarningAction implements PersistentAction {

    public WarningAction(@NonNull Result result) {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public WarningAction withMessage(String message) {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }
}
