package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.steps.StepExecution}, workflow-step-api 724: the
 * context constructor, {@code getContext()}, {@code start()}, {@code stop(Throwable)}, {@code onResume()} and
 * {@code getStatus()}. The concrete bodies do what upstream's do (keep the context; {@code stop} fails the step;
 * {@code onResume} nothing; {@code getStatus} null), because the plugin's execution builds on them. Never packaged.
 */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    private StepContext context;

    protected StepExecution(@NonNull StepContext context) {
        this.context = context;
    }

    public @NonNull StepContext getContext() {
        if (context == null) {
            throw new IllegalStateException("no StepContext");
        }
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {
    }

    public @CheckForNull String getStatus() {
        return null;
    }
}
