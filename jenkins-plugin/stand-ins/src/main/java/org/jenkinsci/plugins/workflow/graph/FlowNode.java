package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Actionable;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.graph.FlowNode}, workflow-api as in bom-2.555.x:
 * only the type (an {@code Actionable}, so {@code addOrReplaceAction} is inherited). Upstream also implements
 * {@code Saveable}. Never packaged.
 */
public abstract class FlowNode extends Actionable {
    // Upstream's constructors take types the plugin never uses; private, so that nothing here can make one.
    private FlowNode() {
    }
}
