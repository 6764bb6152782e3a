package io.github.gluehealthcheck.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.FilePath;
import hudson.model.Run;
import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.jenkins.binding.CredentialKeys;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import io.github.gluehealthcheck.jenkins.binding.StepSettingsException;
import io.github.gluehealthcheck.jenkins.run.BuildSurface;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The Jenkins side of {@link StepServices}, one per Jenkins instance (an extension, so a Jenkins restarted in the same
 * JVM gets new ones): the instance's {@code jenkins.util.Timer} schedules, a small pool of this plugin's own threads
 * makes the AWS calls (they can block for a while on retries and stop waits, which must not tie up the shared timer),
 * the defaults come from {@link GlueHealthCheckConfiguration}, the workspace is the step's {@code FilePath}.
 */
@Extension
public final class JenkinsStepServices implements StepServices {
    /** At most this many AWS calls of all running health-check steps at once; more wait their turn. */
    static final int WORKER_THREADS = 8;

    /**
     * Taken when Jenkins creates this extension: a step of this instance that is still around after the instance
     * stopped finds the timer shut down and stops, instead of working on the next instance's timer.
     */
    private final ScheduledExecutorService timer = Timer.get();
    private final ThreadPoolExecutor workers = newWorkerPool();

    public JenkinsStepServices() {
        // Created by Jenkins' extension loader.
    }

    @Override
    public ScheduledExecutorService timer() {
        return timer;
    }

    @Override
    public ExecutorService workers() {
        return workers;
    }

    @Override
    public GlobalDefaults globalDefaults() {
        return ExtensionList.lookupSingleton(GlueHealthCheckConfiguration.class).defaults();
    }

    @Override
    public EngineOptions.Builder engineOptions() {
        return EngineOptions.builder();
    }

    @Override
    public WorkspaceAccess workspace(StepContext context) throws IOException, InterruptedException {
        FilePath workspace = context.get(FilePath.class);
        return workspace == null ? null : FilePathWorkspace.of(workspace);
    }

    @Override
    public CredentialKeys awsCredentials(StepContext context, String id, String mfaToken, GlobalDefaults defaults)
            throws StepSettingsException, IOException, InterruptedException {
        return JenkinsAwsCredentials.resolve(context.get(Run.class), id, mfaToken, defaults);
    }

    @Override
    public BuildSurface build(StepContext context) throws IOException, InterruptedException {
        return new RunBuildSurface(context.get(Run.class), context.get(FlowNode.class));
    }

    private static ThreadPoolExecutor newWorkerPool() {
        AtomicInteger n = new AtomicInteger();
        ClassLoader plugin = JenkinsStepServices.class.getClassLoader();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "glue-health-check-" + n.incrementAndGet());
                    t.setDaemon(true);
                    // The AWS SDK looks some classes up through the context class loader.
                    t.setContextClassLoader(plugin);
                    return t;
                });
        // Idle threads end, so the pool of a Jenkins instance that stopped holds nothing.
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
