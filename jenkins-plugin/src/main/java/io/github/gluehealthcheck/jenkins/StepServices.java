package io.github.gluehealthcheck.jenkins;

import hudson.EnvVars;
import hudson.ExtensionList;
import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.jenkins.binding.CredentialKeys;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import io.github.gluehealthcheck.jenkins.binding.StepSettingsException;
import io.github.gluehealthcheck.jenkins.run.BuildSurface;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What a {@link GlueHealthCheckExecution} needs from the Jenkins around it: the timer that schedules its work, the
 * threads that make the (blocking) AWS calls, the administrator's defaults, the workspace and the build. In Jenkins
 * these are the {@link JenkinsStepServices} extension, one per Jenkins instance; the execution's Jenkins-free tests
 * hand in their own through the step's context.
 */
interface StepServices {

    /**
     * The services a step uses: those of the Jenkins the step runs in, or those its context carries (only a test's
     * does). Looked up at start and again on resume, so nothing outlives a Jenkins instance. It does not ask the
     * context itself: {@code onResume} must not wait for the resumed program.
     */
    static StepServices of(StepContext context) {
        return context instanceof Carrier c ? c.services() : ExtensionList.lookupSingleton(JenkinsStepServices.class);
    }

    /** A step context that carries its own services (the Jenkins-free tests' fake context). */
    interface Carrier {
        StepServices services();
    }

    /** The step's environment; variable names are matched without regard to case, as {@code EnvVars} does. */
    static Map<String, String> environment(StepContext context) throws IOException, InterruptedException {
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        EnvVars vars = context.get(EnvVars.class);
        if (vars != null) {
            env.putAll(vars);
        }
        return env;
    }

    /** Schedules work; never runs it on the CPS VM thread. */
    ScheduledExecutorService timer();

    /** Runs the blocking AWS calls (preflight, sweep, and each check's begin, status reads, finish, cancel). */
    ExecutorService workers();

    GlobalDefaults globalDefaults();

    /** The engine's pacing; a fresh builder each time. */
    EngineOptions.Builder engineOptions();

    /** The step's workspace, or null when the step runs outside a {@code node} block. */
    WorkspaceAccess workspace(StepContext context) throws IOException, InterruptedException;

    /**
     * Resolves the AWS credential {@code id} (CloudBees AWS Credentials) for the step's build: found in the build's
     * context and its use tracked on the build.
     *
     * @throws StepSettingsException one line when it cannot be used
     */
    CredentialKeys awsCredentials(StepContext context, String id,
            String mfaToken, GlobalDefaults defaults)
            throws StepSettingsException, IOException, InterruptedException;

    /** The build the step runs in. */
    BuildSurface build(StepContext context) throws IOException, InterruptedException;
}
