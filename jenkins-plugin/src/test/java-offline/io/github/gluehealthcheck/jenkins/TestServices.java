package io.github.gluehealthcheck.jenkins;

import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.PollSchedule;
import io.github.gluehealthcheck.jenkins.binding.AwsCredential;
import io.github.gluehealthcheck.jenkins.binding.CredentialKeys;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import io.github.gluehealthcheck.jenkins.binding.StepSettingsException;
import io.github.gluehealthcheck.jenkins.report.StepReport;
import io.github.gluehealthcheck.jenkins.run.BuildSurface;
import io.github.gluehealthcheck.jenkins.run.LocalWorkspace;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
    /** The workspace is on an "agent": {@link AgentStandIn} over {@link #workspace}, as FilePathWorkspace reaches one. */
    volatile boolean onAgent;
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
    public WorkspaceAccess workspace(StepContext context) throws java.io.IOException {
        return workspace == null ? null : onAgent ? AgentStandIn.workspaceOn(workspace) : new LocalWorkspace(workspace);
    }

    /**
     * Resolves a credential of {@link #credentials} under the same rules as Jenkins' lookup
     * ({@link io.github.gluehealthcheck.jenkins.binding.AwsCredential#keys}); an unknown id is refused with the line
     * Jenkins gives, and every credential used is recorded as Jenkins tracks it.
     */
    @Override
    public CredentialKeys awsCredentials(StepContext context, String id, String mfaToken, GlobalDefaults defaults)
            throws StepSettingsException {
        String token = tokens.get(id);
        if (token != null) {
            tracked.add(id); // as JenkinsAwsCredentials tracks a Secret text credential
            return AwsCredential.webIdentity(id, "Secret text", mfaToken, () -> token);
        }
        StoredCredential c = credentials.get(id);
        if (c == null) {
            throw new StepSettingsException(List.of("credentialsId: '" + id + "' is not an AWS credential (kind \"AWS "
                    + "Credentials\") or a web identity token (kind \"Secret text\" or \"Secret file\") that this build "
                    + "may use"));
        }
        tracked.add(id);
        return AwsCredential.keys(id, c.noKeys(), c.mfaSerial() != null, mfaToken, defaults,
                () -> keys(c.resolve(null)), code -> keys(c.resolve(code)));
    }

    static CredentialKeys keys(AwsCredentials c) {
        return new CredentialKeys(c.accessKeyId(), c.secretAccessKey(),
                c instanceof AwsSessionCredentials s ? s.sessionToken() : null);
    }

    /** The Jenkins AWS credentials this controller has, by id. */
    final Map<String, StoredCredential> credentials = new ConcurrentHashMap<>();
    /** The Secret text credentials holding a web identity token this controller has: id to token. */
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** Ids of the credentials the steps used, in order. */
    final List<String> tracked = new CopyOnWriteArrayList<>();
    /** How often a credential was resolved (each an STS call upstream when it has a role). */
    final AtomicInteger resolutions = new AtomicInteger();

    /**
     * A stored AWS credential: keys, or an IAM role without keys (which upstream assumes with the controller's own
     * identity), optionally with an MFA device; it resolves to {@code resolved} (given the right code).
     */
    record StoredCredential(boolean noKeys, String mfaSerial, String expectedCode, AwsCredentials resolved,
            AtomicInteger counter) {
        static StoredCredential keys(AwsCredentials resolved) {
            return new StoredCredential(false, null, null, resolved, new AtomicInteger());
        }

        AwsCredentials resolve(String code) {
            counter.incrementAndGet();
            if (mfaSerial != null && !expectedCode.equals(code)) {
                throw AwsServiceException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("AccessDenied").errorMessage("MultiFactorAuthentication failed").build()).build();
            }
            return resolved;
        }
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
