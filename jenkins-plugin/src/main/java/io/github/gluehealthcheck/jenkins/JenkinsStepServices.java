package io.github.gluehealthcheck.jenkins;

import hudson.ExtensionList;
import hudson.FilePath;
import hudson.model.Run;
import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import io.github.gluehealthcheck.jenkins.run.BuildSurface;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The Jenkins side of {@link StepServices}: {@code jenkins.util.Timer} schedules, a small pool of this plugin's own
 * threads makes the AWS calls (they can block for a while on retries and stop waits, which must not tie up the shared
 * timer), the defaults come from {@link GlueHealthCheckConfiguration}, the workspace is the step's {@code FilePath}.
 */
final class JenkinsStepServices implements StepServices {
    /** At most this many AWS calls of all running health-check steps at once; more wait their turn. */
    static final int WORKER_THREADS = 8;

    private static final ThreadPoolExecutor WORKERS = newWorkerPool();

    @Override
    public ScheduledExecutorService timer() {
        return Timer.get();
    }

    @Override
    public Executor workers() {
        return WORKERS;
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
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
