package io.github.gluehealthcheck.engine;

import io.github.gluehealthcheck.engine.aws.AwsClients;
import io.github.gluehealthcheck.engine.aws.AwsFailure;
import io.github.gluehealthcheck.engine.aws.AwsSetupException;
import io.github.gluehealthcheck.engine.aws.CallerIdentity;
import io.github.gluehealthcheck.engine.glue.BaseJobs;
import io.github.gluehealthcheck.engine.local.LocalAwsEndpoint;
import io.github.gluehealthcheck.engine.local.LocalEndpointOptions;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.plan.PlanRunner;
import io.github.gluehealthcheck.engine.report.Reports;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.sweep.SweepResult;
import io.github.gluehealthcheck.engine.sweep.Sweeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What an adapter needs to carry out a {@link HealthCheckRequest}: AWS clients for it (starting the embedded local
 * endpoint for {@code endpoint: local}), the plan run or the sweep, and the report files. Close it to release the
 * clients (and stop a local endpoint it started).
 */
public final class CheckSession implements AutoCloseable {
    /** For {@code endpoint: local}: jobs the embedded endpoint holds from the start, as {@code local-endpoint --deployed-jobs}. */
    public static final String DEPLOYED_JOBS_FILE = ".glue-health-deployed-jobs.json";

    private final HealthCheckRequest request;
    private HealthCheckRequest resolved;
    private final AwsClients aws;
    private final EngineOptions options;
    private final LocalAwsEndpoint localEndpoint;

    private CheckSession(HealthCheckRequest request, AwsClients aws, EngineOptions options, LocalAwsEndpoint localEndpoint) {
        this.request = request;
        this.aws = aws;
        this.options = options;
        this.localEndpoint = localEndpoint;
    }

    /** Opens a session with the default engine options (masking the request's secrets). */
    public static CheckSession open(HealthCheckRequest request) {
        return open(request, EngineOptions.builder());
    }

    /**
     * Opens a session.
     *
     * @param tuning engine options to start from; the request's redactor, status-read budget and the local flag are
     *               added
     * @throws io.github.gluehealthcheck.engine.aws.AwsSetupException when AWS cannot be set up (no region)
     */
    public static CheckSession open(HealthCheckRequest request, EngineOptions.Builder tuning) {
        LocalAwsEndpoint local = null;
        AwsClients.Builder clients = AwsClients.builder(request.connection())
                .defaultSessionName(sessionName(request));
        if (request.connection().isLocal()) {
            try {
                local = LocalAwsEndpoint.start(localOptions(request.workspace()));
            } catch (IllegalArgumentException e) {
                throw new AwsSetupException("endpoint: local: " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("the local endpoint could not start", e);
            }
            clients.endpointOverride(local.uri(), true).closeWith(local)
                    .header(LocalAwsEndpoint.tokenHeader(), local.token().orElseThrow());
        }
        AwsClients aws = clients.build();
        EngineOptions options = tuning.redactor(request.redactor()).localEndpoint(request.connection().isLocal())
                .statusReadsPerSecond(request.statusReadsPerSecond()).build();
        return new CheckSession(request, aws, options, local);
    }

    /**
     * The embedded endpoint's options: the defaults, plus the "deployed" jobs of {@link #DEPLOYED_JOBS_FILE} in the
     * workspace when there is one (so that {@code base_job} can be tried offline).
     */
    static LocalEndpointOptions localOptions(Path workspace) {
        // Other users and web pages on this machine can reach its port too: only these clients get in.
        LocalEndpointOptions.Builder options = LocalEndpointOptions.builder().requireToken(true);
        Path deployed = workspace == null ? null : workspace.resolve(DEPLOYED_JOBS_FILE);
        if (deployed != null && Files.isRegularFile(deployed)) {
            options.deployedJobsFile(deployed);
        }
        return options.build();
    }

    public AwsClients aws() {
        return aws;
    }

    public EngineOptions options() {
        return options;
    }

    /** The embedded endpoint when {@code endpoint: local}, else null. */
    public LocalAwsEndpoint localEndpoint() {
        return localEndpoint;
    }

    /**
     * Reads the deployed jobs the checks name as {@code base_job} (GetJob only) and makes each check a copy of its
     * job (each check says, when it creates its job, what was copied and what overridden). Done before anything
     * is created, so a bad base job stops every check; a second call does nothing. {@link #check} calls it when
     * the adapter has not.
     *
     * @throws io.github.gluehealthcheck.engine.spec.InvalidSettingsException a base job is missing or its copy
     *     breaks a rule (the settings are at fault)
     * @throws BaseJobs.UnreadableException AWS refused the read
     */
    public synchronized HealthCheckRequest resolveBaseJobs() {
        if (resolved == null) {
            // A skipped job's deployed job is not read: nothing of it is used.
            List<CheckSpec> checked = BaseJobs.resolve(aws.glue(), aws.region(), request.checked(), options);
            java.util.Iterator<CheckSpec> next = checked.iterator();
            List<CheckSpec> checks = request.checks().stream()
                    .map(c -> request.skipped().containsKey(c.jobName()) ? c : next.next()).toList();
            resolved = request.withChecks(checks);
        }
        return resolved;
    }

    /** Runs the request's checks, blocking until they are over. */
    public PlanResult check(ProgressListener listener, Cancellation cancellation) {
        return runner().run(resolveBaseJobs().plan(), listener, cancellation);
    }

    /** What carries out the request's plan; for callers that drive it step-wise. */
    public PlanRunner runner() {
        return new PlanRunner(aws, options);
    }

    /**
     * Sweeps every repository's expired health-check jobs under the request's name prefix ({@code mode: sweep}).
     *
     * @throws CheckSetupException when the identity cannot be confirmed
     */
    public SweepResult sweepAll(Consumer<String> notes) {
        CallerIdentity identity = new HealthCheck(aws, options).preflight();
        // Every repository's jobs: a staged script is deleted only under the pipeline's own scripts_bucket (not a
        // config file's), in the swept job's repository's part, as the in-check sweep does for its repository.
        Sweeper.Scope scope = new Sweeper.Scope(request.namePrefix(), null, request.dryRun())
                .withScriptsBuckets(request.sweepScriptsBuckets());
        return new Sweeper(aws, options).sweep(scope, identity.account(), notes);
    }

    /** Writes report.json, junit.xml, summary.md and badge.svg to the request's report_dir. */
    public List<Path> writeReports(PlanResult result) throws IOException {
        return Reports.writeAll(result, request.workspace(), request.reportDir(), options.redactor());
    }

    /** A one-line description of an AWS failure, masked. */
    public String describe(RuntimeException e) {
        return options.redactor().mask(AwsFailure.of(e).message());
    }

    @Override
    public void close() {
        aws.close();
    }

    private static String sessionName(HealthCheckRequest r) {
        String build = r.context().buildNumber().map(b -> "-b" + b).orElse("");
        String name = ("glue-health-check" + build).replaceAll("[^\\w+=,.@-]", "-");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
