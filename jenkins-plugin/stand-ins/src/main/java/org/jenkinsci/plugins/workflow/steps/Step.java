package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;
import io.github.gluehealthcheck.standins.NeedsJenkins;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.steps.Step}, workflow-step-api 724 (as in
 * bom-2.555.x): {@code start(StepContext)} and {@code getDescriptor()} with upstream's signatures. Never packaged;
 * {@code getDescriptor()} throws (upstream looks the descriptor up in Jenkins).
 */
public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {

    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() {
        return NeedsJenkins.unavailable();
    }
}
