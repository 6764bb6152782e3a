package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

/**
 * Compile-only stand-in for the marker interface {@code org.jenkinsci.plugins.workflow.actions.PersistentAction},
 * workflow-api as in bom-2.555.x. Never packaged.
 */
public interface PersistentAction extends Action {
}
