package io.github.gluehealthcheck.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.TaskListener;
import io.github.gluehealthcheck.engine.Cancellation;
import io.github.gluehealthcheck.engine.CheckHandle;
import io.github.gluehealthcheck.engine.CheckNotStartedException;
import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckSession;
import io.github.gluehealthcheck.engine.CheckSetupException;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.DryRun;
import io.github.gluehealthcheck.engine.HealthCheck;
import io.github.gluehealthcheck.engine.Phase;
import io.github.gluehealthcheck.engine.PollOutcome;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.aws.AwsFailure;
import io.github.gluehealthcheck.engine.aws.CallerIdentity;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.report.Reports;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.settings.SettingsReader;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import io.github.gluehealthcheck.engine.spec.Setting;
import io.github.gluehealthcheck.engine.sweep.SweepResult;
import io.github.gluehealthcheck.engine.sweep.Sweeper;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import io.github.gluehealthcheck.jenkins.binding.JenkinsContext;
import io.github.gluehealthcheck.jenkins.binding.RequestBinding;
import io.github.gluehealthcheck.jenkins.binding.StepParameters;
import io.github.gluehealthcheck.jenkins.binding.StepSettingsException;
import io.github.gluehealthcheck.jenkins.progress.ConsoleProgress;
import io.github.gluehealthcheck.jenkins.report.ResultObject;
import io.github.gluehealthcheck.jenkins.report.StepReport;
import io.github.gluehealthcheck.jenkins.run.BuildSurface;
import io.github.gluehealthcheck.jenkins.run.CheckProgress;
import io.github.gluehealthcheck.jenkins.run.ResumeSettings;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The durable execution of {@code glueHealthCheck}, modelled on {@code sleep}: {@link #start()} only schedules, and
 * returns; every AWS call runs on this plugin's worker threads, the waits between status reads on
 * {@code jenkins.util.Timer}, so no thread (and no executor) is held while Glue runs.
 *
 * <ol>
 * <li>setup: read and validate the settings (no AWS call for bad input: one line per problem), open AWS clients from
 *     the step's environment, confirm the identity, sweep this repository's expired leftovers;</li>
 * <li>per job, at most {@code parallelism} at once: begin (stage, create, start), poll at the engine's pace, finish
 *     (last logs, verdict, cleanup);</li>
 * <li>conclude: write the report files to the workspace, put the report on the build (badge, summary, page), then
 *     return the result map, mark the build UNSTABLE, or fail the step.</li>
 * </ol>
 *
 * <p>What is persisted with the running step is only the {@link CheckProgress}: per job the engine's small handle
 * (job name, run id, staged key, deadline, log cursors), and the non-secret {@link ResumeSettings}. After a
 * controller restart, {@link #onResume()} rebuilds the AWS clients from those and the step's environment again and
 * carries on polling. {@link #stop(Throwable)} (build aborted) stops the runs, cleans up, then fails the step.
 */
public final class GlueHealthCheckExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(GlueHealthCheckExecution.class.getName());
    /** How soon a status read is tried again after an unexpected failure of the read itself. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    /** Jenkins' timer, threads, defaults, workspace and build; the Jenkins-free tests put in their own. */
    static volatile StepServices services = new JenkinsStepServices();

    private final String id = UUID.randomUUID().toString();
    /** The step's parameters: needed only until setup is over, and never persisted (secret argument values). */
    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "deliberately lost on restart; onResume before setup ended fails the step, saying so")
    private final transient Map<String, Object> parameters;
    private volatile CheckProgress progress;

    private transient volatile Live live;
    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "says what setup does; after a restart the status comes from the persisted progress")
    private transient volatile String phase;
    private transient volatile boolean stopRequested;
    private transient volatile Throwable stopCause;
    private transient boolean completed;
    private transient Map<Integer, ScheduledFuture<?>> polls;

    GlueHealthCheckExecution(StepContext context, Map<String, Object> parameters) {
        super(context);
        this.parameters = new LinkedHashMap<>(parameters);
    }

    /** What a running step works with; rebuilt after a restart, never persisted. */
    private static final class Live {
        final CheckSession session;
        final HealthCheck check;
        final ConsoleProgress console;
        final Redactor redactor;
        final Cancellation cancellation = new Cancellation();
        final List<CheckSpec> specs;
        final CiContext context;
        final WorkspaceAccess workspace;
        final BuildSurface build;
        /** The timer of the Jenkins that runs this step; once it is shut down, this copy of the step stops. */
        final ScheduledExecutorService timer = services.timer();
        final Executor workers = services.workers();

        Live(CheckSession session, ConsoleProgress console, Redactor redactor, List<CheckSpec> specs, CiContext context,
                WorkspaceAccess workspace, BuildSurface build) {
            this.session = session;
            this.check = session == null ? null : new HealthCheck(session.aws(), session.options());
            this.console = console;
            this.redactor = redactor;
            this.specs = specs;
            this.context = context;
            this.workspace = workspace;
            this.build = build;
        }

        void close() {
            if (session != null) {
                session.close();
            }
            if (workspace != null) {
                workspace.close();
            }
        }
    }

    @Override
    public boolean start() {
        phase = "waiting for a thread to read the settings";
        later(Duration.ZERO, this::setup);
        return false;
    }

    @Override
    public void stop(@NonNull Throwable cause) {
        stopCause = cause;
        stopRequested = true;
        cancelAll();
    }

    @Override
    public void onResume() {
        if (progress == null) {
            // Setup had not finished: no Glue job was started yet, and the parameters were (deliberately) not kept.
            complete(null, new AbortException("the Jenkins controller restarted before the health check started any "
                    + "Glue job; run the build again"));
            return;
        }
        later(Duration.ZERO, this::resume);
    }

    @Override
    public String getStatus() {
        if (isCompleted()) {
            return "done";
        }
        CheckProgress p = progress;
        if (p != null) {
            return p.describe(Instant.now());
        }
        return phase == null ? "waiting to start" : phase;
    }

    // ---- setup ---------------------------------------------------------------------------------------------------

    private void setup() {
        if (stopRequested) {
            complete(null, stopCause);
            return;
        }
        StepScope scope;
        try {
            scope = scope();
        } catch (IOException | InterruptedException e) {
            complete(null, e);
            return;
        }
        TaskListener listener = scope.listener();
        Map<String, String> env = scope.env();
        WorkspaceAccess workspace = scope.workspace();
        BuildSurface build = scope.build();
        PrintStream out = listener.getLogger();
        boolean unstableOnFailure = Boolean.TRUE.equals(parameters.get(StepParameters.UNSTABLE_ON_FAILURE));
        GlobalDefaults defaults = services.globalDefaults();

        phase = "reading the settings";
        RequestBinding.Bound bound;
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("glue-health-check-none");
            bound = RequestBinding.bind(parameters, env, defaults, workspace, scratch);
        } catch (StepSettingsException e) {
            out.println(ConsoleProgress.PREFIX + "the settings cannot be used (nothing was done on AWS):");
            e.lines().forEach(l -> out.println("  " + l));
            closeQuietly(workspace);
            complete(null, new AbortException(e.getMessage()));
            return;
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeQuietly(workspace);
            complete(null, e);
            return;
        } finally {
            deleteQuietly(scratch);
        }
        HealthCheckRequest request = bound.request();
        Redactor redactor = request.redactor();
        ConsoleProgress console = new ConsoleProgress(out, redactor, request.debug());
        bound.notes().forEach(n -> console.warning(null, n));
        if (stopRequested) {
            closeQuietly(workspace);
            complete(null, stopCause);
            return;
        }
        if (request.dryRun()) {
            List<String> plan = DryRun.describe(request);
            plan.forEach(console::note);
            closeQuietly(workspace);
            complete(ResultObject.ofDryRun(request.checks().stream().map(CheckSpec::jobName).toList(), plan), null);
            return;
        }

        phase = "opening AWS clients";
        CheckSession session;
        try {
            session = CheckSession.open(request, services.engineOptions());
        } catch (RuntimeException e) {
            closeQuietly(workspace);
            complete(null, new AbortException("glueHealthCheck: " + redactor.mask(String.valueOf(e.getMessage()))));
            return;
        }
        console.note("AWS region " + session.aws().region()
                + (session.aws().endpoint() == null ? "" : ", endpoint " + session.aws().endpoint())
                + "; credentials: " + session.aws().credentialSource());
        if (request.mode() == HealthCheckRequest.Mode.SWEEP) {
            sweepOnly(session, console, workspace);
            return;
        }

        Live l = new Live(session, console, redactor, request.checks(), request.context(), workspace, build);
        ResumeSettings resume = ResumeSettings.of(request, session.aws().region(), unstableOnFailure,
                bound.reportDir(), bound.title(), bound.secretVariables());
        Instant startedAt = session.options().clock().instant();
        phase = "confirming the AWS identity";
        CallerIdentity identity;
        try {
            identity = l.check.preflight();
        } catch (CheckSetupException e) {
            live = l;
            List<CheckResult> none = request.checks().stream().map(s -> notRun(s, e.getMessage())).toList();
            conclude(new PlanResult(CheckStatus.ERROR, none, request.context(), null, null, e.getMessage(), startedAt,
                    session.options().clock().instant()), resume);
            return;
        }
        console.phase(null, Phase.PREFLIGHT, "running as " + identity.arn());
        SweepResult sweep = null;
        if (request.sweep() && !stopRequested) {
            phase = "sweeping expired health-check jobs";
            console.phase(null, Phase.SWEEP, "expired health-check jobs of " + request.context().repo());
            sweep = new Sweeper(session.aws(), session.options())
                    .sweep(new Sweeper.Scope(request.namePrefix(), request.context().repo(), false), identity.account(),
                            note -> console.phase(null, Phase.SWEEP, note));
            console.phase(null, Phase.SWEEP, sweep.error() != null ? "skipped: " + sweep.error()
                    : sweep.examined() + " job(s) of this repository found, " + sweep.deleted() + " expired deleted");
        }
        progress = new CheckProgress(id, resume, startedAt,
                request.checks().stream().map(CheckSpec::jobName).toList(), request.parallelism(), identity, sweep);
        live = l;
        saveState();
        if (stopRequested) {
            cancelAll();
        } else {
            launch();
        }
    }

    private void sweepOnly(CheckSession session, ConsoleProgress console, WorkspaceAccess workspace) {
        phase = "sweeping expired health-check jobs";
        List<String> lines = new ArrayList<>();
        SweepResult result;
        try {
            console.phase(null, Phase.SWEEP, "expired health-check jobs of every repository");
            result = session.sweepAll(note -> {
                lines.add(note);
                console.phase(null, Phase.SWEEP, note);
            });
        } catch (CheckSetupException e) {
            complete(null, new AbortException("glueHealthCheck sweep: " + e.getMessage()));
            return;
        } finally {
            session.close();
            closeQuietly(workspace);
        }
        if (result.error() != null) {
            complete(null, new AbortException("glueHealthCheck sweep could not complete: " + result.error()));
            return;
        }
        console.phase(null, Phase.SWEEP, result.examined() + " health-check job(s) found, " + result.deleted()
                + " expired deleted" + (result.failed() > 0 ? ", " + result.failed() + " could not be deleted" : ""));
        complete(ResultObject.ofSweep("SWEPT", result.deleted(), result.failed(), lines), null);
    }

    // ---- resume after a restart -----------------------------------------------------------------------------------

    private void resume() {
        CheckProgress p = progress;
        ResumeSettings rs = p.resume();
        StepScope scope;
        try {
            scope = scope();
        } catch (IOException | InterruptedException e) {
            complete(null, e);
            return;
        }
        TaskListener listener = scope.listener();
        Map<String, String> env = scope.env();
        WorkspaceAccess workspace = scope.workspace();
        BuildSurface build = scope.build();
        p.afterRestart();
        CheckSession session = null;
        Redactor redactor = Redactor.NONE;
        CiContext context = null;
        String unreachable = null;
        if (rs.localEndpoint()) {
            unreachable = "the embedded local endpoint (endpoint: 'local') ended with the Jenkins controller, and its runs "
                    + "with it";
        } else {
            Path scratch = null;
            try {
                scratch = Files.createTempDirectory("glue-health-check-none");
                Map<String, Object> settings = new LinkedHashMap<>(rs.toSettings());
                settings.put(Setting.WORKSPACE.camelCase(), scratch.toString());
                HealthCheckRequest request = SettingsReader.read(settings, env, JenkinsContext.detect(env));
                List<String> secretArguments = new ArrayList<>();
                rs.secretVariables().forEach(v -> secretArguments.add(env.get(v)));
                secretArguments.removeIf(Objects::isNull);
                redactor = request.redactor().with(secretArguments);
                context = request.context();
                // The engine masks with the request's secrets; everything printed or saved is masked again with
                // this redactor, which also knows the secret arguments' values from the environment.
                session = CheckSession.open(request, services.engineOptions());
            } catch (IOException | RuntimeException e) {
                // InvalidSettingsException names settings, never values; anything else by its type only.
                unreachable = "could not reach AWS again after the Jenkins restart ("
                        + (e instanceof InvalidSettingsException ? e.getMessage().replace('\n', ';')
                                : e.getClass().getSimpleName()) + ")";
            } finally {
                deleteQuietly(scratch);
            }
        }
        if (context == null) {
            context = CiContext.builder().provider("jenkins").repo(rs.repo()).build();
        }
        ConsoleProgress console = new ConsoleProgress(listener.getLogger(), redactor, rs.debug());
        Live l = new Live(session, console, redactor, null, context, workspace, build);
        live = l;
        if (unreachable != null) {
            console.warning(null, unreachable);
            p.abandon(unreachable);
            afterJob();
            return;
        }
        console.note("resumed after a Jenkins restart: " + p.describe(Instant.now()));
        if (stopRequested) {
            cancelAll();
            return;
        }
        for (int job : p.inState(CheckProgress.JobState.RUNNING)) {
            schedulePoll(job, Duration.ZERO);
        }
        for (int job : p.inState(CheckProgress.JobState.FINISHING)) {
            work(() -> {
                if (p.cancelled()) {
                    cancelJob(job);
                } else {
                    finishJob(job);
                }
            });
        }
        afterJob();
    }

    // ---- jobs -----------------------------------------------------------------------------------------------------

    private void launch() {
        for (int job : progress.startNext()) {
            work(() -> begin(job));
        }
    }

    private void begin(int job) {
        Live l = live;
        CheckSpec spec = l.specs.get(job);
        try {
            CheckHandle handle = l.check.begin(spec, l.context, l.console, l.cancellation);
            boolean running = progress.started(job, handle);
            saveState();
            if (running) {
                schedulePoll(job, Duration.ZERO);
            } else {
                cancelJob(job);
            }
        } catch (CheckNotStartedException e) {
            progress.done(job, e.result());
            afterJob();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "glueHealthCheck: begin failed unexpectedly", e);
            progress.done(job, internalError(spec.jobName(), e));
            afterJob();
        }
    }

    private void poll(int job) {
        CheckProgress p = progress;
        if (p.state(job) != CheckProgress.JobState.RUNNING) {
            return;
        }
        Live l = live;
        CheckHandle before = p.handle(job);
        PollOutcome outcome;
        try {
            outcome = l.check.poll(before, l.console);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "glueHealthCheck: poll failed unexpectedly", e);
            l.console.warning(before.baseName(), "could not read the run (will retry): " + describe(e));
            schedulePoll(job, RETRY_AFTER_FAILURE);
            return;
        }
        if (outcome.done()) {
            if (p.finishing(job, outcome.handle())) {
                saveState();
                finishJob(job);
            }
        } else if (p.polled(job, outcome.handle())) {
            if (!Objects.equals(before.lastState(), outcome.state())) {
                saveState();
            }
            schedulePoll(job, outcome.nextPoll());
        }
    }

    private void finishJob(int job) {
        Live l = live;
        CheckHandle handle = progress.handle(job);
        CheckResult result;
        try {
            result = l.check.finish(handle, l.console);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "glueHealthCheck: finish failed unexpectedly", e);
            result = internalError(handle.baseName(), e);
        }
        progress.done(job, result);
        afterJob();
    }

    private void cancelJob(int job) {
        Live l = live;
        CheckHandle handle = progress.handle(job);
        CheckResult result;
        try {
            result = l.check.cancel(handle, progress.cancelReason(), l.console);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "glueHealthCheck: cancel failed unexpectedly", e);
            result = internalError(handle.baseName(), e);
        }
        progress.done(job, result);
        afterJob();
    }

    /** Cancels every job (build aborted); safe to call before setup or resume are over, and more than once. */
    private void cancelAll() {
        CheckProgress p = progress;
        Live l = live;
        if (p == null || l == null) {
            return; // setup or resume call this again once they are far enough
        }
        String reason = reasonOf(stopCause);
        l.cancellation.cancel(reason);
        polls().values().forEach(f -> f.cancel(false));
        List<Integer> toCancel = p.cancel(reason);
        saveState();
        for (int job : toCancel) {
            work(() -> cancelJob(job));
        }
        work(this::afterJob);
    }

    /** After a job ends: start the next, and conclude once every job is over. */
    private void afterJob() {
        CheckProgress p = progress;
        saveState();
        launch();
        if (p.allDone() && p.markReported()) {
            List<CheckResult> results = p.results();
            CheckStatus status = p.cancelled() ? CheckStatus.CANCELLED
                    : CheckStatus.overall(results.stream().map(CheckResult::status).toList());
            conclude(new PlanResult(status, results, live.context, p.identity(), p.sweep(), null, p.startedAt(),
                    Instant.now()), p.resume());
        }
    }

    // ---- conclusion -----------------------------------------------------------------------------------------------

    private void conclude(PlanResult plan, ResumeSettings resume) {
        Live l = live;
        String reportDir = writeReports(plan, resume.reportDir(), l);
        StepReport report = StepReport.of(id, plan, resume.title(), resume.region(), reportDir, l.redactor);
        try {
            l.build.report(report);
        } catch (IOException | RuntimeException e) {
            l.console.warning(null, "could not put the report on the build: " + e.getClass().getSimpleName());
        }
        l.console.note("Glue health check " + report.getSummaryLine());
        Map<String, Object> result = ResultObject.of(report);
        switch (plan.status()) {
            case PASSED -> complete(result, null);
            case FAILED -> {
                String message = failureMessage(report);
                if (resume.unstableOnFailure()) {
                    l.build.markUnstable(message);
                    l.console.note("the build is UNSTABLE (unstableOnFailure: true): " + message);
                    complete(result, null);
                } else {
                    complete(null, new AbortException(message));
                }
            }
            case CANCELLED -> complete(null, stopCause != null ? stopCause
                    : new AbortException("Glue health check cancelled (" + progressReason() + ")"));
            case ERROR -> complete(null, new AbortException(failureMessage(report)));
        }
    }

    private String progressReason() {
        CheckProgress p = progress;
        return p == null || p.cancelReason() == null ? "stopped" : p.cancelReason();
    }

    private static String failureMessage(StepReport report) {
        StringBuilder b = new StringBuilder("Glue health check ").append(report.getStatus());
        if (report.getSetupError() != null) {
            b.append(": ").append(report.getSetupError());
        }
        report.getJobs().stream().filter(j -> !j.isPassed()).forEach(j -> {
            b.append("\n  ").append(j.getName()).append(": ").append(j.getStatus()).append(", ").append(j.getReason());
            if (j.getErrorMessage() != null) {
                b.append(" (Glue says: ").append(j.getErrorMessage()).append(')');
            }
        });
        return b.toString();
    }

    /** Writes report.json, junit.xml, summary.md and badge.svg into the workspace; returns where, or null. */
    private static String writeReports(PlanResult plan, String reportDir, Live l) {
        if (l.workspace == null || reportDir == null) {
            return null;
        }
        Path local = null;
        try {
            local = Files.createTempDirectory("glue-health-check-reports");
            for (Path file : Reports.writeAll(plan, local, l.redactor)) {
                l.workspace.store(file, reportDir + "/" + file.getFileName());
            }
            l.console.note("reports written to " + reportDir + "/ in the workspace");
            return reportDir;
        } catch (IOException | RuntimeException e) {
            l.console.warning(null, "could not write the reports to " + reportDir + ": " + e.getClass().getSimpleName());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            deleteQuietly(local);
        }
    }

    /** Ends the step once: with the result, or with the failure. */
    private void complete(Object result, Throwable failure) {
        synchronized (this) {
            if (completed) {
                return;
            }
            completed = true;
        }
        Live l = live;
        if (l != null) {
            l.close();
        }
        if (failure != null) {
            getContext().onFailure(failure);
        } else {
            getContext().onSuccess(result);
        }
    }

    private synchronized boolean isCompleted() {
        return completed;
    }

    // ---- scheduling -----------------------------------------------------------------------------------------------

    private void schedulePoll(int job, Duration delay) {
        ScheduledFuture<?> f = later(delay, () -> poll(job));
        if (f != null) {
            polls().put(job, f);
        }
    }

    /**
     * After {@code delay} on the timer, hands {@code task} to a worker thread. Returns null when the timer is shut
     * down: Jenkins is stopping, and the step resumes from its persisted state when it starts again; failing the step
     * here would be recorded as its result.
     */
    private ScheduledFuture<?> later(Duration delay, Runnable task) {
        Live l = live;
        ScheduledExecutorService timer = l == null ? services.timer() : l.timer;
        try {
            return timer.schedule(() -> work(task), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.FINE, "Jenkins is stopping; glueHealthCheck resumes after the restart", e);
            return null;
        }
    }

    /** Runs {@code task} on a worker thread; an unexpected failure ends the step rather than leaving it hanging. */
    private void work(Runnable task) {
        Live l = live;
        Executor workers = l == null ? services.workers() : l.workers;
        try {
            workers.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOGGER.log(Level.WARNING, "glueHealthCheck failed unexpectedly", e);
                    complete(null, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.FINE, "Jenkins is stopping; glueHealthCheck resumes after the restart", e);
        }
    }

    private synchronized Map<Integer, ScheduledFuture<?>> polls() {
        if (polls == null) {
            polls = new ConcurrentHashMap<>();
        }
        return polls;
    }

    private void saveState() {
        try {
            getContext().saveState();
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "could not save the step's state", e);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** The step's environment; Jenkins variable names are matched without regard to case, as EnvVars does. */
    /** What setup and resume read from the step context, in one place. */
    private record StepScope(TaskListener listener, Map<String, String> env, WorkspaceAccess workspace,
            BuildSurface build) {
    }

    private StepScope scope() throws IOException, InterruptedException {
        return new StepScope(getContext().get(TaskListener.class), environment(getContext().get(EnvVars.class)),
                services.workspace(getContext()), services.build(getContext()));
    }

    private static Map<String, String> environment(EnvVars vars) {
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (vars != null) {
            env.putAll(vars);
        }
        return env;
    }

    private static String reasonOf(Throwable cause) {
        return cause == null || cause.getMessage() == null ? "the build was aborted"
                : "the build was aborted: " + cause.getMessage();
    }

    private String describe(RuntimeException e) {
        Live l = live;
        return l == null ? e.getClass().getSimpleName() : l.redactor.mask(AwsFailure.of(e).message());
    }

    private CheckResult internalError(String job, RuntimeException e) {
        Live l = live;
        String message = l == null ? e.getClass().getSimpleName() : l.redactor.mask(String.valueOf(e.getMessage()));
        return CheckResult.builder().baseName(job).status(CheckStatus.ERROR).reason("internal error "
                + e.getClass().getName() + ": " + message + "; if its Glue job was left, the sweeper deletes it once it "
                + "expires").build();
    }

    private static CheckResult notRun(CheckSpec spec, String why) {
        return CheckResult.builder().baseName(spec.jobName()).status(CheckStatus.ERROR).reason(why)
                .script(spec.script().toString()).jobType(spec.jobType().value()).glueVersion(spec.glueVersion())
                .build();
    }

    private static void closeQuietly(WorkspaceAccess workspace) {
        if (workspace != null) {
            workspace.close();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }

    @Override
    public String toString() {
        return "GlueHealthCheckExecution[" + id + ", " + (progress == null ? "setting up" : "checking") + "]";
    }
}
