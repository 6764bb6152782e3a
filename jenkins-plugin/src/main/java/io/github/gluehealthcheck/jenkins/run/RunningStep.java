package io.github.gluehealthcheck.jenkins.run;

import io.github.gluehealthcheck.engine.CheckSession;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.plan.PlanRun;
import io.github.gluehealthcheck.jenkins.progress.ConsoleProgress;

/**
 * What a running {@code glueHealthCheck} step works with: made at start, made again after a restart, never persisted.
 *
 * @param plan      the engine's plan, or null when AWS cannot be reached again after a restart
 * @param session   the AWS clients, or null with the plan
 * @param console   the build's console
 * @param redactor  masks every secret the step knows
 * @param workspace the step's workspace, or null outside a {@code node} block
 * @param build     where the report goes
 */
public record RunningStep(PlanRun plan, CheckSession session, ConsoleProgress console, Redactor redactor,
        WorkspaceAccess workspace, BuildSurface build) {

    /** Releases the AWS clients and the local copies of workspace files. */
    public void close() {
        if (session != null) {
            session.close();
        }
        if (workspace != null) {
            workspace.close();
        }
    }
}
