package org.jenkinsci.plugins.workflow.steps;

/**
 * Compile-only stand-in for the type {@code org.jenkinsci.plugins.workflow.steps.BodyInvoker}, workflow-step-api 724.
 * Only the type is mirrored, because {@link StepContext#newBodyInvoker()} names it; the plugin starts no body.
 * Never packaged.
 */
public abstract class BodyInvoker {
}
