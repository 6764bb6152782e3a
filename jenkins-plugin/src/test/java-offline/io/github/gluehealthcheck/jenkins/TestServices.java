package io.github.gluehealthcheck.jenkins;

import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.PollSchedule;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import io.github.gluehealthcheck.jenkins.report.StepReport;
import io.github.gluehealthcheck.jenkins.run.BuildSurface;
import io.github.gluehealthcheck.jenkins.run.LocalWorkspace;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The services of one simulated controller: a real timer and worker threads (shut down to "kill" the controller),
 * fast engine pacing, a local workspace directory (or none) and a build that records what the step put on it.
 */
final class TestServices implements StepServices {
    final ScheduledExecutorService timer;
    final ExecutorService workers = Executors.newFixedThreadPool(4);
    final RecordingBuild build = new RecordingBuild();
    volatile GlobalDefaults defaults = GlobalDefaults.NONE;
    volatile Path workspace;
    volatile Supplier<EngineOptions.Builder> engine = TestServices::fastEngine;

    TestServices(Path workspace) {
        this(new ScheduledThreadPoolExecutor(2), workspace);
    }

    TestServices(ScheduledExecutorService timer, Path workspace) {
        this.timer = timer;
        this.workspace = workspace;
    }

    /** Engine pacing for tests: fast polls, short stop waits and retry budgets. */
    static EngineOptions.Builder fastEngine() {
        return EngineOptions.builder()
                .pollSchedule(PollSchedule.adaptive(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMinutes(2),
                        Duration.ofMillis(200)))
                .logReadInterval(Duration.ofMillis(50))
                .stopWait(Duration.ofSeconds(3))
                .cancelStopWait(Duration.ofSeconds(3))
                .retryBase(Duration.ofMillis(20))
                .retryCap(Duration.ofMillis(100))
                .stepRetryBudget(Duration.ofSeconds(5));
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
        return defaults;
    }

    @Override
    public EngineOptions.Builder engineOptions() {
        return engine.get();
    }

    @Override
    public WorkspaceAccess workspace(StepContext context) {
        return workspace == null ? null : new LocalWorkspace(workspace);
    }

    @Override
    public BuildSurface build(StepContext context) {
        return build;
    }

    /** Kills this controller's threads, waiting for the running tasks to end, as a dying JVM would stop them. */
    void close() throws InterruptedException {
        timer.shutdownNow();
        workers.shutdownNow();
        timer.awaitTermination(20, TimeUnit.SECONDS);
        workers.awaitTermination(20, TimeUnit.SECONDS);
    }

    /** A build that records the reports and UNSTABLE marks it gets. */
    static final class RecordingBuild implements BuildSurface {
        final List<StepReport> reports = new CopyOnWriteArrayList<>();
        final List<String> unstable = new CopyOnWriteArrayList<>();

        @Override
        public void report(StepReport report) {
            reports.removeIf(r -> r.getId().equals(report.getId()));
            reports.add(report);
        }

        @Override
        public void markUnstable(String message) {
            unstable.add(message);
        }
    }
}
