package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.steps.StepDescriptor}, workflow-step-api 724:
 * {@code getRequiredContext()}, {@code getFunctionName()} and {@code takesImplicitBlockArgument()} (false, as
 * upstream). Never packaged.
 */
public abstract class StepDescriptor extends Descriptor<Step> {

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        return false;
    }
}
