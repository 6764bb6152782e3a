package io.github.gluehealthcheck.jenkins;

import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import io.github.gluehealthcheck.jenkins.run.BuildSurface;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What a {@link GlueHealthCheckExecution} needs from the Jenkins around it: the timer that schedules its work, the
 * threads that make the (blocking) AWS calls, the administrator's defaults, the workspace and the build. In Jenkins
 * these are {@link JenkinsStepServices}; the execution's tests put in their own, so that they need no running Jenkins.
 */
interface StepServices {

    /** Schedules work; never runs it on the CPS VM thread. */
    ScheduledExecutorService timer();

    /** Runs the blocking AWS calls (begin, poll, finish, cancel, sweep). */
    Executor workers();

    GlobalDefaults globalDefaults();

    /** The engine's pacing; a fresh builder each time. */
    EngineOptions.Builder engineOptions();

    /** The step's workspace, or null when the step runs outside a {@code node} block. */
    WorkspaceAccess workspace(StepContext context) throws IOException, InterruptedException;

    /** The build the step runs in. */
    BuildSurface build(StepContext context) throws IOException, InterruptedException;
}
