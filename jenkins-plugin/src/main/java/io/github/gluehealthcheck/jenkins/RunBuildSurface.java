package io.github.gluehealthcheck.jenkins;

import hudson.model.Result;
import hudson.model.Run;
import io.github.gluehealthcheck.jenkins.report.StepReport;
import io.github.gluehealthcheck.jenkins.run.BuildSurface;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/** The build as a {@link BuildSurface}: one {@link GlueHealthCheckAction} holds the reports of all its steps. */
final class RunBuildSurface implements BuildSurface {
    private final Run<?, ?> run;
    private final FlowNode node;

    RunBuildSurface(Run<?, ?> run, FlowNode node) {
        this.run = run;
        this.node = node;
    }

    @Override
    public void report(StepReport report) throws IOException {
        // One lock for all builds: short, and never the Run's own monitor (Run.save() holds that).
        synchronized (GlueHealthCheckAction.class) {
            GlueHealthCheckAction action = run.getAction(GlueHealthCheckAction.class);
            if (action == null) {
                action = new GlueHealthCheckAction();
                action.add(report);
                run.addAction(action);
            } else {
                action.add(report);
            }
        }
        run.save();
    }

    @Override
    public void markUnstable(String message) {
        if (node != null) {
            node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
        }
        run.setResult(Result.UNSTABLE);
    }
}
