package io.github.gluehealthcheck.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.model.TaskListener;
import io.github.gluehealthcheck.engine.CheckSession;
import io.github.gluehealthcheck.engine.DryRun;
import io.github.gluehealthcheck.engine.changes.ChangeSource;
import io.github.gluehealthcheck.engine.changes.ChangedOnly;
import io.github.gluehealthcheck.engine.changes.Changes;
import io.github.gluehealthcheck.engine.plan.PlanPoll;
import io.github.gluehealthcheck.engine.plan.PlanProgress;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.plan.PlanRun;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.jenkins.binding.AwsCredential;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import io.github.gluehealthcheck.jenkins.binding.RequestBinding;
import io.github.gluehealthcheck.jenkins.binding.StepParameters;
import io.github.gluehealthcheck.jenkins.binding.StepSettingsException;
import io.github.gluehealthcheck.jenkins.progress.ConsoleProgress;
import io.github.gluehealthcheck.jenkins.report.ResultObject;
import io.github.gluehealthcheck.jenkins.run.ResumeSettings;
import io.github.gluehealthcheck.jenkins.run.RunningStep;
import io.github.gluehealthcheck.jenkins.run.StepEnding;
import io.github.gluehealthcheck.jenkins.run.StepThreads;
import io.github.gluehealthcheck.jenkins.run.SweepOnly;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The durable execution of {@code glueHealthCheck}, modelled on {@code sleep}: {@link #start()} only schedules, and
 * returns; the engine's step-wise plan ({@link PlanRun}) decides what runs when, its blocking AWS calls run on this
 * plugin's worker threads, and the polls between them on {@code jenkins.util.Timer}, so no thread (and no executor)
 * is held while Glue runs. This class only binds the settings, drives the plan and renders it.
 *
 * <p>What is persisted with the running step is the plan's small {@link PlanProgress} (per job the engine's handle,
 * or its result) and the non-secret {@link ResumeSettings}. After a controller restart, {@link #onResume()} opens AWS
 * clients again from those and the step's environment, and the plan carries on. {@link #stop(Throwable)} (build
 * aborted) cancels the plan: the runs are stopped and cleaned up, then the step fails.
 */
public final class GlueHealthCheckExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(GlueHealthCheckExecution.class.getName());

    private final String id = UUID.randomUUID().toString();
    /** The step's parameters: needed only until setup is over, and never persisted (secret argument values). */
    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "deliberately lost on restart; onResume before the plan began fails the step, saying so")
    private final transient Map<String, Object> parameters;
    private volatile ResumeSettings settings;
    private volatile PlanProgress progress;

    /** Looked up at start and again on resume: a Jenkins instance's services never reach the next one. */
    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "looked up again in onResume")
    private transient volatile StepServices services;
    private transient volatile RunningStep live;
    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "says what setup does; after a restart the status comes from the persisted progress")
    private transient volatile String phase;
    private transient volatile Throwable stopCause;
    private transient boolean completed;
    /** The plan is over and the step's ending is under way: later polls have nothing to do. */
    private transient boolean ending;
    private transient ScheduledFuture<?> nextPoll;
    private transient long savedRevision;

    GlueHealthCheckExecution(StepContext context, Map<String, Object> parameters) {
        super(context);
        this.parameters = new LinkedHashMap<>(parameters);
    }

    @Override
    public boolean start() {
        services = StepServices.of(getContext());
        phase = "waiting for a thread to read the settings";
        threads().later(Duration.ZERO, this::setup);
        return false;
    }

    @Override
    public void stop(@NonNull Throwable cause) {
        stopCause = cause;
        RunningStep l = live;
        if (l != null && l.plan() != null) {
            l.plan().cancel(reasonOf(cause));
        }
    }

    @Override
    public void onResume() {
        if (progress == null) {
            // The plan had not begun: no Glue job was started yet, and the parameters were (deliberately) not kept.
            complete(null, new AbortException("the Jenkins controller restarted before the health check started any "
                    + "Glue job; run the build again"));
            return;
        }
        services = StepServices.of(getContext());
        threads().later(Duration.ZERO, this::resume);
    }

    @Override
    public String getStatus() {
        PlanProgress p = progress;
        return isCompleted() ? "done" : p != null ? p.describe(Instant.now()) : phase == null ? "waiting to start" : phase;
    }

    /** Outside a node block there is no clone to ask. */
    private static final ChangeSource NO_WORKSPACE = target -> Changes.unknown("the step runs outside a node block, "
            + "so there is no workspace to ask git in; run it inside node { ... }");

    private void setup() throws IOException, InterruptedException {
        if (stopCause != null) {
            complete(null, stopCause);
            return;
        }
        PrintStream out = getContext().get(TaskListener.class).getLogger();
        Map<String, String> env = StepServices.environment(getContext());
        WorkspaceAccess workspace = services.workspace(getContext());
        GlobalDefaults defaults = services.globalDefaults();
        phase = "reading the settings";
        RequestBinding.Bound bound;
        Path scratch = Files.createTempDirectory("glue-health-check-none");
        try {
            bound = RequestBinding.bind(parameters, env, defaults, workspace, scratch, credentials(defaults));
        } catch (StepSettingsException e) {
            out.println(ConsoleProgress.PREFIX + "the settings cannot be used (nothing was done on AWS):");
            e.lines().forEach(l -> out.println("  " + l));
            closeQuietly(workspace);
            complete(null, new AbortException(e.getMessage()));
            return;
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeQuietly(workspace);
            throw e;
        } finally {
            StepEnding.deleteQuietly(scratch);
        }
        HealthCheckRequest request = bound.request();
        ConsoleProgress console = new ConsoleProgress(out, request.redactor(), request.debug());
        bound.notes().forEach(n -> console.warning(null, n));
        if (request.changedOnly()) {
            phase = "asking git what the pull request changed";
            ChangedOnly.Selection selection = ChangedOnly.select(request, workspace == null ? NO_WORKSPACE
                    : workspace.changes());
            selection.notes().forEach(console::note);
            selection.skipped().forEach((job, why) -> console.note(job + ": SKIPPED: " + why));
            request = request.withSkipped(selection.skipped());
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
            complete(null, new AbortException("glueHealthCheck: " + request.redactor().mask(String.valueOf(e.getMessage()))));
            return;
        }
        if (request.mode() == HealthCheckRequest.Mode.SWEEP) {
            phase = "sweeping expired health-check jobs";
            closeQuietly(workspace);
            StepEnding end = SweepOnly.sweep(session, console);
            complete(end.value(), end.failure());
            return;
        }
        settings = ResumeSettings.of(request, session.aws().region(),
                Boolean.TRUE.equals(parameters.get(StepParameters.UNSTABLE_ON_FAILURE)), bound.reportDir(),
                bound.title(), bound.secretVariables()).withCredentialsId(bound.credentialsId());
        PlanRun plan = session.runner().start(request.plan(), console, services.workers(), this::wake);
        drive(new RunningStep(plan, session, console, request.redactor(), workspace, services.build(getContext())), () -> {
            phase = "confirming the AWS identity and sweeping expired health-check jobs";
            plan.begin();
            progress = plan.progress();
        });
    }

    private void resume() throws IOException, InterruptedException {
        ResumeSettings rs = settings;
        GlobalDefaults defaults = services.globalDefaults();
        ResumeSettings.Reconnection again = rs.reconnect(StepServices.environment(getContext()), defaults,
                credentials(defaults), services.engineOptions());
        ConsoleProgress console = new ConsoleProgress(getContext().get(TaskListener.class).getLogger(),
                again.redactor(), rs.debug());
        PlanRun plan = again.session() == null ? null
                : again.session().runner().resume(progress, null, console, services.workers(), this::wake);
        drive(new RunningStep(plan, again.session(), console, again.redactor(), services.workspace(getContext()),
                services.build(getContext())), () -> {
                    if (plan == null) {
                        console.warning(null, again.unreachable());
                        progress.abandon(again.unreachable());
                    } else {
                        console.note("resumed after a Jenkins restart: " + progress.describe(Instant.now()));
                    }
                });
    }

    /** The step's Jenkins AWS credentials, looked up in its build's context. */
    private AwsCredential credentials(GlobalDefaults defaults) {
        return (id, mfa) -> services.awsCredentials(getContext(), id, mfa, defaults);
    }

    /** Makes the step live, runs {@code first} (which may block on AWS), then polls the plan until it is over. */
    private void drive(RunningStep l, StepThreads.Work first) throws IOException, InterruptedException {
        live = l;
        if (stopCause != null && l.plan() != null) {
            l.plan().cancel(reasonOf(stopCause));
        }
        first.run();
        poll();
    }

    /** One round of the plan; never waits for AWS. Saves the progress when it changed, and ends the step when over. */
    private synchronized void poll() {
        RunningStep l = live;
        if (completed || ending || l == null) {
            return;
        }
        PlanProgress p = l.plan() == null ? progress : l.plan().progress();
        PlanPoll next = l.plan() == null ? new PlanPoll(p.allDone(), Duration.ZERO) : l.plan().poll();
        if (progress != null && p.revision() != savedRevision) {
            savedRevision = p.revision();
            saveState();
        }
        if (nextPoll != null) {
            nextPoll.cancel(false);
        }
        if (next.done()) {
            ending = true;
            PlanResult result = l.plan() == null ? p.result(Instant.now()) : l.plan().finish();
            threads().now(() -> {
                StepEnding end = StepEnding.of(id, result, settings, l.workspace(), l.build(), l.console(),
                        l.redactor(), stopCause);
                complete(end.value(), end.failure());
            });
        } else {
            nextPoll = threads().later(next.nextPoll(), this::poll);
        }
    }

    /** A check's AWS call ended: poll again now rather than when the last poll said. */
    private void wake() {
        threads().later(Duration.ZERO, this::poll);
    }

    private StepThreads threads() {
        StepServices s = services;
        return new StepThreads(s.timer(), s.workers(), e -> complete(null, e));
    }

    /** Ends the step once: with the result, or with the failure. */
    private void complete(Object result, Throwable failure) {
        synchronized (this) {
            if (completed) {
                return;
            }
            completed = true;
        }
        RunningStep l = live;
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

    private void saveState() {
        try {
            getContext().saveState();
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "could not save the step's state", e);
        }
    }

    private static String reasonOf(Throwable cause) {
        return cause == null || cause.getMessage() == null ? "the build was aborted"
                : "the build was aborted: " + cause.getMessage();
    }

    private static void closeQuietly(WorkspaceAccess workspace) {
        if (workspace != null) {
            workspace.close();
        }
    }

    @Override
    public String toString() {
        return "GlueHealthCheckExecution[" + id + ", " + (progress == null ? "setting up" : "checking") + "]";
    }
}
