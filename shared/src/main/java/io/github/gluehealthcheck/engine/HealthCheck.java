package io.github.gluehealthcheck.engine;

import io.github.gluehealthcheck.engine.aws.AwsClients;
import io.github.gluehealthcheck.engine.aws.AwsFailure;
import io.github.gluehealthcheck.engine.aws.CallerIdentity;
import io.github.gluehealthcheck.engine.aws.Retrying;
import io.github.gluehealthcheck.engine.glue.ConsoleLinks;
import io.github.gluehealthcheck.engine.glue.ForeignJobException;
import io.github.gluehealthcheck.engine.glue.GlueJobs;
import io.github.gluehealthcheck.engine.glue.BaseJobs;
import io.github.gluehealthcheck.engine.glue.JobDefinition;
import io.github.gluehealthcheck.engine.glue.JobNames;
import io.github.gluehealthcheck.engine.glue.JobRunVerdict;
import io.github.gluehealthcheck.engine.local.LocalAwsEndpoint;
import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import io.github.gluehealthcheck.engine.glue.RunCost;
import io.github.gluehealthcheck.engine.glue.RunStopper;
import io.github.gluehealthcheck.engine.logs.HeldLogEvents;
import io.github.gluehealthcheck.engine.logs.LogLayout;
import io.github.gluehealthcheck.engine.logs.LogTail;
import io.github.gluehealthcheck.engine.logs.SeenLines;
import io.github.gluehealthcheck.engine.reuse.Fingerprint;
import io.github.gluehealthcheck.engine.reuse.PassRecord;
import io.github.gluehealthcheck.engine.reuse.PassRecords;
import io.github.gluehealthcheck.engine.spec.BaseJobCopy;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.JobType;
import io.github.gluehealthcheck.engine.spec.S3Uri;
import io.github.gluehealthcheck.engine.staging.ScriptNotReadableException;
import io.github.gluehealthcheck.engine.staging.ScriptStager;
import io.github.gluehealthcheck.engine.staging.StagedScript;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.glue.model.ConcurrentRunsExceededException;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.OperationTimeoutException;
import software.amazon.awssdk.services.glue.model.ResourceNumberLimitExceededException;

/**
 * A Glue health check: stage the script, create a temporary job, run it in health-check mode, watch it to a final
 * state, give a verdict and clean up, whatever happens in between.
 *
 * <p>The API is step-wise so that a durable caller can persist the small {@link CheckHandle} and resume after a
 * restart: {@link #begin} (stage, create, start), {@link #poll} (one status read and new log lines),
 * {@link #finish} (final logs, verdict, cleanup), {@link #cancel}. {@link #run} is the blocking loop over them.
 * One instance serves many checks at once; it holds no per-check state.
 */
public final class HealthCheck {
    private static final int CANCEL_DRAIN_PAGES = 20;
    private static final Duration READ_TIMEOUT_FLOOR = Duration.ofSeconds(2);
    private static final String LIFECYCLE_NOTE = "the bucket's lifecycle rule expires it";
    /** How long a {@code reuse_passed} look-up is retried before the check just runs. */
    private static final Duration REUSE_LOOKUP_BUDGET = Duration.ofSeconds(5);

    private final AwsClients aws;
    private final EngineOptions options;
    private final Clock clock;
    private volatile CallerIdentity identity;
    /** The endpoint answered as the local endpoint: set by {@code endpoint: local} or learnt from its answers. */
    private volatile boolean localEndpoint;
    /** Each stream's newest log event, held until the next one so that a secret split between them is masked. */
    private final HeldLogEvents heldLogEvents;

    public HealthCheck(AwsClients aws, EngineOptions options) {
        this.aws = aws;
        this.options = options;
        this.clock = options.clock();
        this.localEndpoint = options.localEndpoint();
        this.heldLogEvents = new HeldLogEvents(options.redactor());
    }

    /**
     * Built on use, not in the constructor: {@link AwsClients} builds the S3 and Logs clients on another thread while
     * the preflight runs, and asking for them here would make the caller wait for that build first.
     */
    private ScriptStager stager() {
        return new ScriptStager(aws.s3());
    }

    private LogTail logTail() {
        return new LogTail(aws.logs());
    }

    /**
     * Confirms who we are on AWS (STS GetCallerIdentity), once per instance.
     *
     * @throws CheckSetupException when credentials are missing or rejected, or AWS cannot be reached
     */
    public CallerIdentity preflight() {
        CallerIdentity known = identity;
        if (known != null) {
            return known;
        }
        try {
            var response = retrying(new Cancellation()).call(() -> aws.sts().getCallerIdentity(),
                    Retrying::isTransient, clock.instant().plus(options.stepRetryBudget()), () -> false, (e, n, w) -> { });
            known = new CallerIdentity(response.account(), response.arn());
            // A local endpoint given by URL says so in every answer; its runs have the local endpoint's limits.
            if (response.sdkHttpResponse() != null && response.sdkHttpResponse()
                    .firstMatchingHeader(LocalAwsEndpoint.LOCAL_ENDPOINT_HEADER).isPresent()) {
                localEndpoint = true;
            }
            identity = known;
            return known;
        } catch (RuntimeException e) {
            AwsFailure f = AwsFailure.of(e);
            throw new CheckSetupException(f, "could not confirm the AWS identity: " + options.redactor().mask(f.message()));
        }
    }

    /** Stages, creates and starts; see {@link #begin(CheckSpec, CiContext, ProgressListener, Cancellation)}. */
    public CheckHandle begin(CheckSpec spec, CiContext context, ProgressListener listener) {
        return begin(spec, context, listener, new Cancellation());
    }

    /**
     * Stages the script, creates the temporary job and starts its run.
     *
     * @return the handle of the running check
     * @throws CheckNotStartedException when a step failed or the check was cancelled on the way; whatever had been
     *                                  created is already cleaned up, and the exception carries the result
     */
    public CheckHandle begin(CheckSpec spec, CiContext context, ProgressListener listener, Cancellation cancellation) {
        SafeListener l = SafeListener.wrap(listener, options.redactor());
        if (spec.needsBaseJob()) {
            // Adapters usually read base jobs first (CheckSession.resolveBaseJobs); one that did not gets it here.
            CheckSpec copy;
            try {
                copy = BaseJobs.resolve(aws.glue(), aws.region(), List.of(spec), options).get(0);
            } catch (RuntimeException e) {
                throw notStarted(CheckResult.builder().baseName(spec.jobName()).script(spec.script().toString())
                        .jobType(spec.jobType().value()).region(aws.region()).status(CheckStatus.ERROR)
                        .reason(options.redactor().mask(e.getMessage())), clock.instant(), l, spec.jobName());
            }
            return begin(copy, context, listener, cancellation);
        }
        String job = spec.jobName();
        Instant createdAt = clock.instant();
        Instant deadline = createdAt.plus(spec.maxWait());
        String checkId = JobNames.newCheckId();
        String jobName = JobNames.jobName(spec.namePrefix(), job, context, checkId);
        CheckResult.Builder result = CheckResult.builder().baseName(job).checkId(checkId)
                .script(spec.script().toString()).jobType(spec.jobType().value()).glueVersion(spec.glueVersion())
                .region(aws.region()).baseJob(spec.baseJobCopy());
        CallerIdentity who;
        try {
            who = preflight();
        } catch (CheckSetupException e) {
            throw notStarted(result.status(CheckStatus.ERROR).reason(e.getMessage()), createdAt, l, job);
        }
        GlueJobs jobs = new GlueJobs(aws.glue(), aws.region(), who.account());

        l.phase(job, Phase.STAGE, spec.script().toString());
        StagedScript staged;
        try {
            staged = retrying(cancellation).call(() -> stager().place(spec, context, checkId), Retrying::isTransient,
                    stepDeadline(deadline), cancellation::isCancelled, retryWarning(l, job, "staging the script"));
        } catch (RuntimeException e) {
            if (cancellation.isCancelled()) {
                throw notStarted(cancelled(result, cancellation), createdAt, l, job);
            }
            throw notStarted(result.status(CheckStatus.ERROR).reason("could not stage the script "
                    + spec.script() + ": " + describe(e)), createdAt, l, job);
        }
        if (!staged.uploadedByUs()) {
            l.debug(job, "script found at " + staged.location());
        }
        if (cancellation.isCancelled()) {
            throw notStarted(cancelled(result, cancellation), createdAt, l, job);
        }

        PendingPass pending = null;
        if (spec.reusesPasses()) {
            PassLookup lookup = lookUpPass(spec, context, staged, who, createdAt, cancellation, deadline, l, job);
            if (lookup.reused() != null) {
                PassRecord earlier = lookup.reused();
                throw notStarted(result.status(CheckStatus.PASSED).reusedFrom(earlier).dpuSeconds(0.0)
                        .estimatedCostUsd(0.0).local(localEndpoint)
                        .reason("the same script, job definition and arguments passed in " + earlier.origin()
                                + " (run " + earlier.runId() + ", " + ago(earlier.passedAt()) + " ago); reuse_passed "
                                + age(spec.reusePassed()) + ", so no job was created"), createdAt, l, job);
            }
            pending = lookup.pending();
        }

        l.phase(job, Phase.CREATE, jobName);
        BaseJobCopy base = spec.baseJobCopy();
        if (base != null) {
            l.phase(job, Phase.CREATE, "a copy of deployed job " + base.name() + " (only read): copied "
                    + (base.copied().isEmpty() ? "nothing" : String.join(", ", base.copied())) + "; overridden "
                    + (base.overridden().isEmpty() ? "nothing" : String.join(", ", base.overridden())));
        }
        Instant expiresAt = deadline.plus(options.expiryMargin());
        Map<String, String> tags = OwnershipTags.forNewJob(context, checkId, createdAt, expiresAt,
                staged.uploadedByUs() ? staged.location().toString() : null);
        CreateJobRequest request = JobDefinition.createJobRequest(spec, jobName, staged.location(),
                "Temporary glue-health-check job for " + context + "; deleted after the check, expires " + expiresAt.truncatedTo(ChronoUnit.SECONDS),
                tags);
        l.debug(job, "CreateJob " + jobName + ": " + spec.jobType() + " Glue " + spec.glueVersion()
                + (spec.workerType() != null ? ", " + spec.numberOfWorkers() + " x " + spec.workerType() : ", " + spec.maxCapacity() + " DPU")
                + ", timeout " + spec.timeoutMinutes() + " min, arguments " + spec.displayArguments().keySet());
        result.jobName(jobName);
        try {
            GlueJobs.Created created = retrying(cancellation).call(() -> jobs.create(request, checkId),
                    Retrying::isTransient, stepDeadline(deadline), cancellation::isCancelled, retryWarning(l, job, "creating the job"));
            if (created == GlueJobs.Created.ADOPTED) {
                l.debug(job, "job " + jobName + " was already created by this check (an answer was lost); using it");
            }
        } catch (ForeignJobException e) {
            result.jobName(null);
            throw notStarted(result.status(CheckStatus.ERROR).reason(e.getMessage()), createdAt, l, job);
        } catch (RuntimeException e) {
            // The job may exist even though the call failed (a lost answer): delete it if it carries our check id.
            result.addCleanup(deleteIfOurs(jobs, jobName, checkId, l, job));
            if (cancellation.isCancelled()) {
                throw notStarted(cancelled(result, cancellation), createdAt, l, job);
            }
            throw notStarted(result.status(CheckStatus.ERROR).reason("could not create the job: " + describe(e)),
                    createdAt, l, job);
        }
        if (cancellation.isCancelled()) {
            result.addCleanup(deleteJob(jobs, jobName, l, job));
            throw notStarted(cancelled(result, cancellation), createdAt, l, job);
        }

        // A workspace script is uploaded only now, after its job: the job's tag names it, so whatever a killed
        // check leaves behind (SIGKILL cannot be caught), the sweeper finds through a job and deletes.
        if (staged.uploadedByUs()) {
            try {
                retrying(cancellation).call(() -> {
                    stager().upload(spec, staged);
                    return null;
                }, Retrying::isTransient, stepDeadline(deadline), cancellation::isCancelled,
                        retryWarning(l, job, "uploading the script"));
                l.debug(job, "uploaded " + staged.bytes() + " bytes to " + staged.location());
            } catch (RuntimeException e) {
                // The upload may have taken effect even though the call failed (a lost answer).
                cleanUp(jobs, jobName, staged, l, job).forEach(result::addCleanup);
                if (cancellation.isCancelled()) {
                    throw notStarted(cancelled(result, cancellation), createdAt, l, job);
                }
                throw notStarted(result.status(CheckStatus.ERROR).reason("could not stage the script "
                        + spec.script() + ": " + describe(e)), createdAt, l, job);
            }
            if (cancellation.isCancelled()) {
                cleanUp(jobs, jobName, staged, l, job).forEach(result::addCleanup);
                throw notStarted(cancelled(result, cancellation), createdAt, l, job);
            }
        }

        l.phase(job, Phase.START, spec.healthCheckArgument().isEmpty() ? "no health-check argument"
                : "with " + spec.healthCheckArgument());
        String runId;
        try {
            runId = startRun(jobs, jobName, JobDefinition.runArguments(spec), deadline, cancellation, l, job);
        } catch (RuntimeException e) {
            cleanUp(jobs, jobName, staged, l, job).forEach(result::addCleanup);
            if (cancellation.isCancelled()) {
                throw notStarted(cancelled(result, cancellation), createdAt, l, job);
            }
            throw notStarted(result.status(CheckStatus.ERROR).reason("could not start the run: " + describe(e)),
                    createdAt, l, job);
        }
        l.phase(job, Phase.WAIT, "run " + runId);
        return CheckHandle.builder()
                .checkId(checkId).baseName(job).jobName(jobName).runId(runId).repo(context.repo()).region(aws.region())
                .scriptLocation(staged.location().toString())
                .staged(staged.uploadedByUs() ? staged.location().bucket() : null,
                        staged.uploadedByUs() ? staged.location().key() : null)
                .jobType(spec.jobType().value()).glueVersion(spec.glueVersion()).baseJob(spec.baseJobCopy())
                .passRecord(pending == null ? null : pending.at().toString(), pending == null ? null : pending.record())
                .executionClass(spec.executionClass().name()).dpus(spec.dpus()).keepJob(spec.keepJob())
                .checkedOnly(localEndpoint && spec.jobType() != JobType.PYTHONSHELL).local(localEndpoint)
                .createdAt(createdAt).startedAt(clock.instant()).deadline(deadline)
                .logLayout(logLayout(spec))
                .logCursors(logLayout(spec).cursors(null))
                .build();
    }

    /** An earlier pass that stands for this check, or where to record this one's (null when it cannot be). */
    private record PassLookup(PassRecord reused, PendingPass pending) {
    }

    /** Where a pass of this check is recorded, and the record without its run's figures. */
    private record PendingPass(S3Uri at, PassRecord record) {
    }

    /**
     * {@code reuse_passed}: fingerprints the check and reads the pass recorded for it (one GetObject). A pass younger
     * than the setting stands for this check. Any trouble reading (denied, unreachable, a record that does not hold)
     * only means the check runs: reuse saves time, it never decides a verdict on its own.
     */
    private PassLookup lookUpPass(CheckSpec spec, CiContext context, StagedScript staged, CallerIdentity who,
            Instant now, Cancellation cancellation, Instant deadline, SafeListener l, String job) {
        String repo = context.repo();
        if (ScriptStager.repositoryPart(repo).isEmpty()) {
            l.warning(job, "reuse_passed: the repository is unknown, so no pass is looked up or recorded");
            return new PassLookup(null, null);
        }
        String script;
        if (staged.content() != null) {
            script = Fingerprint.workspaceScript(staged.content());
        } else if (staged.eTag() != null) {
            script = Fingerprint.s3Script(staged.location(), staged.eTag(), staged.versionId());
        } else {
            l.warning(job, "reuse_passed: S3 gave no ETag for " + staged.location() + ", so its content cannot be "
                    + "told apart; the check runs and records no pass");
            return new PassLookup(null, null);
        }
        Fingerprint fingerprint = Fingerprint.of(spec, script, repo, who.account(), aws.region());
        S3Uri at = PassRecords.location(spec.scriptsBucket(), repo, fingerprint);
        PendingPass pending = new PendingPass(at, new PassRecord(fingerprint.hex(), repo, spec.jobName(),
                context.buildNumber().orElse(null), context.buildUrl().orElse(null), context.commit().orElse(null),
                null, null, 0, null));
        l.phase(job, Phase.REUSE, "fingerprint " + fingerprint.hex().substring(0, 12) + ", looking for a pass within "
                + age(spec.reusePassed()));
        PassRecords.Lookup lookup;
        try {
            // A short budget: a look-up saves a run at best, so a slow or throttled S3 must not eat into max_wait.
            Instant lookupDeadline = min(stepDeadline(deadline), clock.instant().plus(REUSE_LOOKUP_BUDGET));
            lookup = retrying(cancellation).call(() -> new PassRecords(aws.s3()).read(at, fingerprint, repo),
                    Retrying::isTransient, lookupDeadline, cancellation::isCancelled,
                    retryWarning(l, job, "reading the pass record"));
        } catch (RuntimeException e) {
            l.warning(job, "reuse_passed: could not read " + at + " (" + describe(e) + "); the check runs");
            return new PassLookup(null, pending);
        }
        Optional<String> stale = lookup.found().flatMap(r -> PassRecords.tooOld(r, spec.reusePassed(), now));
        if (lookup.found().isEmpty() || stale.isPresent()) {
            l.phase(job, Phase.REUSE, stale.orElse(lookup.none()) + "; the check runs");
            return new PassLookup(null, pending);
        }
        return new PassLookup(lookup.record(), null);
    }

    /**
     * {@code reuse_passed}: records a pass of this check. A failure to record is a warning: the verdict stands,
     * the next build just runs the check again.
     */
    private String recordPass(CheckHandle done, CheckResult verdict, SafeListener l) {
        Instant now = clock.instant();
        PassRecord record = done.passToRecord().passed(now.truncatedTo(ChronoUnit.SECONDS), done.runId(),
                Duration.between(done.createdAt(), now).toMillis() / 1000.0, verdict.estimatedCostUsd());
        S3Uri at = S3Uri.parse(done.passRecordAt()).uri();
        try {
            retrying(new Cancellation()).call(() -> {
                new PassRecords(aws.s3()).write(at, record);
                return null;
            }, Retrying::isTransient, clock.instant().plus(options.stepRetryBudget()), () -> false,
                    retryWarning(l, done.baseName(), "recording the pass"));
            l.debug(done.baseName(), "pass recorded for reuse_passed at " + at);
            return at.toString();
        } catch (RuntimeException e) {
            l.warning(done.baseName(), "reuse_passed: could not record the pass at " + at + " (" + describe(e)
                    + "); the next build runs this check again");
            return null;
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private String ago(Instant then) {
        Duration d = Duration.between(then, clock.instant());
        return age(d.isNegative() ? Duration.ZERO : d.truncatedTo(ChronoUnit.SECONDS));
    }

    /** {@code 7d}, {@code 1d3h}, {@code 12h}, {@code 5m30s}. */
    static String age(Duration d) {
        if (d.toDays() >= 1) {
            return d.toDays() + "d" + (d.toHoursPart() > 0 ? d.toHoursPart() + "h" : "");
        }
        if (d.toHours() >= 1) {
            return d.toHours() + "h" + (d.toMinutesPart() > 0 ? d.toMinutesPart() + "m" : "");
        }
        return describe(d);
    }

    /** Where the run's lines will be, from the arguments Glue gets (the job's and the run's) and the spec. */
    private static LogLayout logLayout(CheckSpec spec) {
        Map<String, String> arguments = new java.util.LinkedHashMap<>(JobDefinition.defaultArguments(spec));
        arguments.putAll(JobDefinition.runArguments(spec));
        return LogLayout.of(spec.jobType(), spec.glueVersion(), arguments, spec.securityConfiguration(), spec.role());
    }

    /**
     * Reads the run's state once, and its new log lines when due. Transient AWS failures are reported as
     * warnings and the state stays as last seen; the deadline still applies.
     */
    public PollOutcome poll(CheckHandle handle, ProgressListener listener) {
        SafeListener l = SafeListener.wrap(listener, options.redactor());
        String job = handle.baseName();
        Instant now = clock.instant();
        CheckHandle.Builder next = handle.toBuilder().polls(handle.polls() + 1);
        RunSnapshot run = handle.lastRun();
        // Time since the last read counts as queued when the run was WAITING then: Glue reports no such figure.
        if (handle.lastPolled() != null && "WAITING".equals(handle.lastState())) {
            next.waiting(handle.waiting().plus(Duration.between(handle.lastPolled(), now)));
        }
        next.lastPolled(now);
        boolean answered = false;
        try {
            // A read must not outlast the deadline by more than a moment, even when every attempt is throttled.
            Duration left = Duration.between(now, handle.deadline());
            Duration timeout = left.compareTo(READ_TIMEOUT_FLOOR) < 0 ? READ_TIMEOUT_FLOOR
                    : left.compareTo(aws.callTimeout()) > 0 ? aws.callTimeout() : left;
            // A transient failure waits for the next poll; an unreadable answer is read again at once, a few times.
            JobRun jobRun = retrying(new Cancellation()).call(
                    () -> jobs(handle).getRun(handle.jobName(), handle.runId(), timeout), e -> false,
                    handle.deadline(), () -> false, (e, n, w) -> l.warning(job, "could not read the run's state ("
                            + describe(e) + "); reading again in " + w.toMillis() + " ms"));
            run = RunSnapshot.of(jobRun, options.redactor());
            answered = true;
            // Glue's LogGroupName settles where the output and error groups are (security configuration, prefixes).
            String before = handle.lastRun() == null ? null : handle.lastRun().logGroupName();
            if (run.logGroupName() != null && !run.logGroupName().equals(before) && handle.logLayout() != null) {
                next.logCursors(LogLayout.merge(handle.logCursors(), handle.logLayout().cursors(run.logGroupName())));
            }
            if (handle.lastRun() == null || !run.state().equals(handle.lastState())
                    || !java.util.Objects.equals(run.stateDetail(), handle.lastRun().stateDetail())) {
                l.runState(job, run.state(), run.stateDetail());
            }
            next.lastRun(run);
        } catch (RuntimeException e) {
            AwsFailure.ErrorClass failure = AwsFailure.of(e).errorClass();
            if (failure == AwsFailure.ErrorClass.UNREADABLE || failure == AwsFailure.ErrorClass.DENIED) {
                // Asking again until max_wait would not change the answer: the check cannot be carried out.
                next.cannotGoOn("could not read the run's state: " + describe(e));
                l.warning(job, "could not read the run's state: " + describe(e) + "; ending the check");
                return new PollOutcome(next.build(), false, false, Duration.ZERO, false);
            }
            l.warning(job, "could not read the run's state (will retry): " + describe(e));
        }
        boolean finished = run != null && JobRunVerdict.isFinal(run.state());
        boolean logsDue = handle.lastLogRead() == null
                || !now.isBefore(handle.lastLogRead().plus(options.logReadInterval()));
        if (logsDue && !finished) {
            readLogs(handle, next, false, Integer.MAX_VALUE, l);
            next.lastLogRead(now);
        }
        boolean deadlinePassed = !finished && !now.isBefore(handle.deadline());
        Duration wait = options.pollSchedule().next(handle.polls(), Duration.between(handle.startedAt(), now),
                run == null ? null : run.state());
        Duration toDeadline = Duration.between(now, handle.deadline());
        if (toDeadline.compareTo(wait) < 0) {
            wait = toDeadline.isNegative() ? Duration.ZERO : toDeadline;
        }
        return new PollOutcome(next.build(), finished, deadlinePassed, wait, answered);
    }

    /**
     * Ends a check whose run reached a final state, or whose deadline passed (the run is stopped first): reads
     * the remaining log lines, gives the verdict, then cleans up.
     */
    public CheckResult finish(CheckHandle handle, ProgressListener listener) {
        SafeListener l = SafeListener.wrap(listener, options.redactor());
        CheckHandle.Builder h = handle.toBuilder();
        List<CleanupStep> cleanup = new ArrayList<>();
        RunSnapshot run = handle.lastRun();
        boolean deadlineStop = run == null || !JobRunVerdict.isFinal(run.state());
        if (deadlineStop) {
            h.stopRequested(true);
            run = stopRun(handle, options.stopWait(), cleanup, l, null);
            h.lastRun(run);
        }
        readLogs(handle, h, true, Integer.MAX_VALUE, l);
        CheckHandle done = h.build();
        CheckResult.Builder result = resultOf(done);
        if (handle.cannotGoOn() != null) {
            result.status(CheckStatus.ERROR).reason("the check could not be carried out: " + handle.cannotGoOn()
                    + "; the run was asked to stop");
        } else if (deadlineStop && !(run != null && JobRunState.SUCCEEDED.toString().equals(run.state()))) {
            result.status(CheckStatus.FAILED).reason("the run did not reach a final state within max_wait ("
                    + describe(Duration.between(handle.createdAt(), handle.deadline())) + "); last state "
                    + (handle.lastState() == null ? "unknown" : handle.lastState()) + "; the run was stopped");
        } else {
            verdictOf(done, run, result);
        }
        return conclude(done, result, cleanup, l);
    }

    /**
     * Cancels a check (build aborted, SIGTERM): stops the run, waits briefly for it to end, cleans up. The result
     * is CANCELLED unless the run had already ended by itself.
     */
    public CheckResult cancel(CheckHandle handle, String reason, ProgressListener listener) {
        SafeListener l = SafeListener.wrap(listener, options.redactor());
        l.warning(handle.baseName(), "cancelling: " + reason);
        CheckHandle.Builder h = handle.toBuilder();
        List<CleanupStep> cleanup = new ArrayList<>();
        RunSnapshot run = handle.lastRun();
        boolean endedByItself = run != null && JobRunVerdict.isFinal(run.state());
        if (!endedByItself) {
            h.stopRequested(true);
            run = stopRun(handle, options.cancelStopWait(), cleanup, l, reason);
            h.lastRun(run);
        }
        readLogs(handle, h, true, CANCEL_DRAIN_PAGES, l);
        CheckHandle done = h.build();
        CheckResult.Builder result = resultOf(done);
        if (endedByItself) {
            verdictOf(done, run, result);
        } else {
            result.status(CheckStatus.CANCELLED).reason("cancelled (" + reason + ") while the run was "
                    + (handle.lastState() == null ? "starting" : handle.lastState()) + "; the run was stopped");
        }
        return conclude(done, result, cleanup, l);
    }

    /** Runs a whole check, blocking until it is over; cancellation stops it and cleans up. */
    public CheckResult run(CheckSpec spec, CiContext context, ProgressListener listener, Cancellation cancellation) {
        CheckHandle handle;
        try {
            handle = begin(spec, context, listener, cancellation);
        } catch (CheckNotStartedException e) {
            return e.result();
        }
        try {
            while (true) {
                if (cancellation.isCancelled()) {
                    return cancel(handle, cancellation.reason(), listener);
                }
                Instant began = clock.instant();
                PollOutcome outcome = poll(handle, listener);
                handle = outcome.handle();
                if (outcome.done()) {
                    return finish(handle, listener);
                }
                // An answered read's wait counts from when it began (a fixed rate).
                Duration wait = outcome.answered()
                        ? outcome.nextPoll().minus(Duration.between(began, clock.instant())) : outcome.nextPoll();
                if (cancellation.sleep(wait.isNegative() ? Duration.ZERO : wait)) {
                    return cancel(handle, cancellation.reason(), listener);
                }
            }
        } catch (RuntimeException e) {
            // A defect of ours must not leave the run going or the job behind.
            return cancel(handle, "internal error: " + e.getClass().getSimpleName(), listener).toBuilder()
                    .status(CheckStatus.ERROR).reason("internal error " + e.getClass().getName() + ": "
                            + options.redactor().mask(String.valueOf(e.getMessage())))
                    .build();
        }
    }

    private CheckResult conclude(CheckHandle done, CheckResult.Builder result, List<CleanupStep> cleanup, SafeListener l) {
        String job = done.baseName();
        CheckResult verdict = result.cleanup(cleanup).build();
        // Only a run that really passed is recorded: not a compile-only local check, not a verdict of another kind.
        if (done.passToRecord() != null && verdict.status() == CheckStatus.PASSED && !verdict.checkedOnly()) {
            verdict = verdict.toBuilder().passRecorded(recordPass(done, verdict, l)).build();
        }
        l.phase(job, Phase.VERDICT, verdict.status().name());
        l.verdict(job, verdict);
        l.phase(job, Phase.CLEANUP, done.jobName());
        cleanup.forEach(step -> l.cleanup(job, step));
        GlueJobs jobs = jobs(done);
        List<CleanupStep> all = new ArrayList<>(cleanup);
        if (done.keepJob().keeps(verdict.passed())) {
            all.add(emit(l, job, keep(jobs, done, l)));
            if (done.stagedByUs()) {
                all.add(emit(l, job, new CleanupStep("delete staged script", CleanupStep.Outcome.KEPT,
                        "kept with the job: s3://" + done.stagedBucket() + "/" + done.stagedKey())));
            }
        } else {
            StagedScript staged = done.stagedByUs()
                    ? new StagedScript(new S3Uri(done.stagedBucket(), done.stagedKey()), true, -1) : null;
            cleanUp(jobs, done.jobName(), staged, l, job).forEach(step -> all.add(emit(l, job, step)));
        }
        return verdict.toBuilder().cleanup(all)
                .durationSeconds(Duration.between(done.createdAt(), clock.instant()).toMillis() / 1000.0).build();
    }

    private static CleanupStep emit(SafeListener l, String job, CleanupStep step) {
        l.cleanup(job, step);
        return step;
    }

    private CleanupStep keep(GlueJobs jobs, CheckHandle done, SafeListener l) {
        Instant until = clock.instant().plus(options.keptJobLifetime()).truncatedTo(ChronoUnit.SECONDS);
        try {
            retrying(new Cancellation()).call(() -> {
                jobs.tag(done.jobName(), Map.of(OwnershipTags.EXPIRES_AT, until.toString()));
                return null;
            }, Retrying::isTransient, clock.instant().plus(options.stepRetryBudget()), () -> false,
                    retryWarning(l, done.baseName(), "extending the kept job's expiry"));
            return new CleanupStep("delete job", CleanupStep.Outcome.KEPT,
                    "keep_job " + done.keepJob() + ": " + done.jobName() + " kept until " + until);
        } catch (RuntimeException e) {
            return new CleanupStep("delete job", CleanupStep.Outcome.KEPT, "keep_job " + done.keepJob() + ": "
                    + done.jobName() + " kept, but its expiry could not be extended (" + describe(e)
                    + "); the sweeper may delete it soon");
        }
    }

    private RunSnapshot stopRun(CheckHandle handle, Duration wait, List<CleanupStep> cleanup, SafeListener l, String why) {
        String job = handle.baseName();
        RunStopper stopper = new RunStopper(jobs(handle), clock, d -> {
            sleepQuietly(d);
            return false;
        });
        RunSnapshot last = handle.lastRun();
        try {
            RunStopper.Stopped stopped = stopper.stopAndWait(handle.jobName(), handle.runId(), wait);
            if (stopped.ended()) {
                // Ended, whether by our stop or by itself (Glue refuses to stop a run that already ended).
                cleanup.add(new CleanupStep("stop run", CleanupStep.Outcome.DONE, handle.runId() + " " + stopped.finalState()));
            } else if (stopped.unreadable() != null) {
                cleanup.add(new CleanupStep("stop run", CleanupStep.Outcome.FAILED, handle.runId() + ": the stop was "
                        + "asked, but whether the run stopped could not be read (" + options.redactor().mask(stopped.unreadable())
                        + "); if it did not, Glue's timeout ends it"));
            } else if (stopped.refused() != null) {
                cleanup.add(new CleanupStep("stop run", CleanupStep.Outcome.FAILED, handle.runId() + ": Glue refused: "
                        + stopped.refused() + "; Glue's timeout ends it"));
            } else {
                cleanup.add(new CleanupStep("stop run", CleanupStep.Outcome.FAILED, handle.runId() + " still "
                        + (stopped.lastState() == null ? "in a state that could not be read" : stopped.lastState())
                        + " after " + describe(wait) + "; Glue's timeout ends it"));
            }
            // After a refusal the run's state was just read (or could not be): another read tells nothing new.
            if (stopped.ended() || stopped.refused() == null) {
                try {
                    JobRun run = jobs(handle).getRun(handle.jobName(), handle.runId(), READ_TIMEOUT_FLOOR);
                    last = RunSnapshot.of(run, options.redactor());
                    l.runState(job, last.state(), last.stateDetail());
                } catch (RuntimeException e) {
                    l.debug(job, "could not read the stopped run: " + describe(e));
                }
            }
        } catch (RuntimeException e) {
            cleanup.add(new CleanupStep("stop run", CleanupStep.Outcome.FAILED, handle.runId()
                    + " could not be stopped: " + describe(e) + "; Glue's timeout of the run ends it"));
        }
        return last;
    }

    private void verdictOf(CheckHandle handle, RunSnapshot run, CheckResult.Builder result) {
        JobRunVerdict.Row row = JobRunVerdict.of(run.state());
        // Only the local endpoint ends a run this way, and only when it cannot judge the job (see RunDriver).
        if (handle.local() && JobRunState.fromValue(run.state()) == JobRunState.ERROR && run.errorMessage() != null
                && run.errorMessage().startsWith(LocalAwsEndpoint.NOT_CHECKED_LOCALLY)) {
            result.status(CheckStatus.NOT_CHECKED_LOCALLY)
                    .reason(run.errorMessage().substring(LocalAwsEndpoint.NOT_CHECKED_LOCALLY.length()));
            return;
        }
        switch (row.meaning()) {
            case PASS -> result.status(CheckStatus.PASSED).reason(row.explanation());
            // We only get here for a run we did not stop ourselves.
            case STOPPED -> result.status(CheckStatus.FAILED).reason("the run was stopped by someone else");
            default -> result.status(CheckStatus.FAILED).reason(row.explanation()
                    + (JobRunState.fromValue(run.state()) == JobRunState.UNKNOWN_TO_SDK_VERSION ? " (" + run.state() + ")" : ""));
        }
    }

    private CheckResult.Builder resultOf(CheckHandle h) {
        RunSnapshot run = h.lastRun();
        CheckResult.Builder r = CheckResult.builder().baseName(h.baseName()).jobName(h.jobName()).checkId(h.checkId())
                .runId(h.runId()).script(h.scriptLocation()).jobType(h.jobType()).glueVersion(h.glueVersion())
                .baseJob(h.baseJob())
                .region(h.region()).checkedOnly(h.checkedOnly()).local(h.local())
                .waitingSeconds(h.waiting().toMillis() / 1000.0)
                .lastErrorLines(h.recentErrorLines().stream().map(options.redactor()::mask).toList())
                .consoleUrl(ConsoleLinks.glueRun(h.region(), h.jobName(), h.runId()))
                .logsUrl(ConsoleLinks.logs(h.region(), h.logCursors().get(h.logCursors().size() - 1).group(), h.runId()));
        if (run != null) {
            r.state(run.state()).errorMessage(options.redactor().mask(run.errorMessage())).attempt(run.attempt())
                    .startedOn(run.startedOn()).completedOn(run.completedOn())
                    .executionTimeSeconds(run.executionTimeSeconds());
            double dpuSeconds = RunCost.dpuSeconds(run.dpuSeconds(), run.executionTimeSeconds(), h.dpus());
            // A compiled-only script did not run, so there is no run to price; a local run is priced as on AWS.
            r.dpuSeconds(dpuSeconds).estimatedCostUsd(h.checkedOnly() ? null : RunCost.usd(dpuSeconds, h.executionClass()));
        }
        return r;
    }

    private void readLogs(CheckHandle handle, CheckHandle.Builder next, boolean drain, int maxPages, SafeListener l) {
        List<String> errorLines = new ArrayList<>(handle.recentErrorLines());
        Consumer<LogLine> show = line -> {
            l.logLine(handle.baseName(), line);
            if (line.error() && !line.message().isBlank()) {
                // Masked before it is kept: the handle holding these lines is persisted (Jenkins' program.dat).
                String text = options.redactor().mask(line.message());
                errorLines.add(text.length() > 500 ? text.substring(0, 500) + "..." : text);
                if (errorLines.size() > CheckHandle.MAX_ERROR_LINES) {
                    errorLines.remove(0);
                }
            }
        };
        try {
            if (handle.logsGivenUp() != null) {
                return;
            }
            SeenLines seen = handle.seenLines().copy();
            // Log lines are not needed for the verdict: an unreadable answer is read again a few times at once (and a
            // transient failure at the next read), but a denied or unreadable log read ends the log reading only.
            // Each event is shown once the next of its stream is read (or a read later): a secret printed in two
            // events is masked in both.
            List<LogCursor> cursors = retrying(new Cancellation()).call(() -> logTail().read(handle.runId(),
                    next.logCursors(), drain, seen, line -> heldLogEvents.accept(handle.runId(), line, show)),
                    e -> false, handle.deadline(), () -> false, (e, n, w) -> { });
            next.logCursors(cursors).seenLines(seen);
        } catch (RuntimeException e) {
            AwsFailure.ErrorClass failure = AwsFailure.of(e).errorClass();
            if (failure == AwsFailure.ErrorClass.UNREADABLE || failure == AwsFailure.ErrorClass.DENIED) {
                next.logsGivenUp(describe(e));
                l.warning(handle.baseName(), "could not read the run's log lines: " + describe(e)
                        + "; no more are read for this check");
            } else {
                l.warning(handle.baseName(), "could not read the run's log lines: " + describe(e));
            }
        } finally {
            heldLogEvents.endOfRead(handle.runId(), drain, show);
            next.recentErrorLines(errorLines);
        }
    }

    private String startRun(GlueJobs jobs, String jobName, Map<String, String> arguments, Instant deadline,
            Cancellation cancellation, SafeListener l, String job) {
        Supplier<String> attempt = () -> {
            try {
                return jobs.startRun(jobName, arguments);
            } catch (ConcurrentRunsExceededException | OperationTimeoutException e) {
                // Our job allows one run: if the refused or timed-out start did in fact start it, use that run. Ask
                // until Glue says: starting again instead would start a second, billed run once the first ended.
                Optional<JobRun> existing;
                try {
                    existing = retrying(cancellation).call(() -> jobs.newestRun(jobName), Retrying::isTransient,
                            deadline, cancellation::isCancelled, retryWarning(l, job, "looking for a run already started"));
                } catch (RuntimeException lookup) {
                    throw new StartOutcomeUnknown(e, lookup);
                }
                if (existing.isPresent()) {
                    l.debug(job, "a run was already started (" + existing.get().id() + "); using it");
                    return existing.get().id();
                }
                throw e;
            }
        };
        return retrying(cancellation).call(attempt,
                e -> !(e instanceof StartOutcomeUnknown) && (e instanceof ConcurrentRunsExceededException
                        || e instanceof ResourceNumberLimitExceededException || e instanceof OperationTimeoutException
                        || Retrying.isTransient(e)),
                deadline, cancellation::isCancelled, retryWarning(l, job, "starting the run"));
    }

    /**
     * Deletes a job and the script this check staged for it (null or not ours: none). The script first: the sweeper
     * finds a staged script only through its job's tag, so a job whose script could not be deleted is kept (idle,
     * expiring) for the sweeper to delete both. Returns the steps, the job's first.
     */
    private List<CleanupStep> cleanUp(GlueJobs jobs, String jobName, StagedScript staged, SafeListener l, String job) {
        if (staged == null || !staged.uploadedByUs()) {
            return List.of(deleteJob(jobs, jobName, l, job));
        }
        CleanupStep script = deleteStaged(staged, l, job);
        if (script.outcome() == CleanupStep.Outcome.FAILED) {
            return List.of(new CleanupStep("delete job", CleanupStep.Outcome.KEPT, jobName
                    + " kept so that the sweeper deletes it and its staged script after it expires"),
                    new CleanupStep(script.action(), script.outcome(), script.detail()
                            .replace(LIFECYCLE_NOTE, "the sweeper deletes it with the job")));
        }
        return List.of(deleteJob(jobs, jobName, l, job), script);
    }

    private CleanupStep deleteJob(GlueJobs jobs, String jobName, SafeListener l, String job) {
        try {
            retrying(new Cancellation()).call(() -> {
                jobs.delete(jobName);
                return null;
            }, Retrying::isTransient, clock.instant().plus(options.stepRetryBudget()), () -> false,
                    retryWarning(l, job, "deleting the job"));
            return new CleanupStep("delete job", CleanupStep.Outcome.DONE, jobName);
        } catch (RuntimeException e) {
            return new CleanupStep("delete job", CleanupStep.Outcome.FAILED, jobName + " was left: "
                    + describe(e) + "; the sweeper deletes it after it expires");
        }
    }

    private CleanupStep deleteIfOurs(GlueJobs jobs, String jobName, String checkId, SafeListener l, String job) {
        try {
            Map<String, String> tags = jobs.tags(jobName);
            if (tags.isEmpty()) {
                return new CleanupStep("delete job", CleanupStep.Outcome.SKIPPED, jobName + " was not created");
            }
            if (!checkId.equals(tags.get(OwnershipTags.CHECK_ID))) {
                return new CleanupStep("delete job", CleanupStep.Outcome.SKIPPED, jobName + " is not this check's");
            }
        } catch (RuntimeException e) {
            return new CleanupStep("delete job", CleanupStep.Outcome.FAILED, "could not tell whether "
                    + jobName + " was created (" + describe(e) + "); if it was, the sweeper deletes it after it expires");
        }
        return deleteJob(jobs, jobName, l, job);
    }

    private CleanupStep deleteStaged(StagedScript staged, SafeListener l, String job) {
        if (!staged.uploadedByUs()) {
            return new CleanupStep("delete staged script", CleanupStep.Outcome.SKIPPED, "script was already in S3");
        }
        return deleteStaged(staged.location().bucket(), staged.location().key(), l, job);
    }

    private CleanupStep deleteStaged(String bucket, String key, SafeListener l, String job) {
        String where = "s3://" + bucket + "/" + key;
        try {
            retrying(new Cancellation()).call(() -> {
                stager().delete(bucket, key);
                return null;
            }, Retrying::isTransient, clock.instant().plus(options.stepRetryBudget()), () -> false,
                    retryWarning(l, job, "deleting the staged script"));
            return new CleanupStep("delete staged script", CleanupStep.Outcome.DONE, where);
        } catch (RuntimeException e) {
            if (AwsFailure.of(e).kind() == AwsFailure.Kind.NOT_FOUND) {
                // S3 says there is no such bucket (a missing key is no error): nothing was uploaded, nothing is left.
                return new CleanupStep("delete staged script", CleanupStep.Outcome.DONE, where + " was not there");
            }
            return new CleanupStep("delete staged script", CleanupStep.Outcome.FAILED, where + " was left: "
                    + describe(e) + "; " + LIFECYCLE_NOTE);
        }
    }

    private CheckNotStartedException notStarted(CheckResult.Builder result, Instant createdAt, SafeListener l, String job) {
        CheckResult r = result.durationSeconds(Duration.between(createdAt, clock.instant()).toMillis() / 1000.0).build();
        l.verdict(job, r);
        r.cleanup().forEach(step -> l.cleanup(job, step));
        return new CheckNotStartedException(r);
    }

    private static CheckResult.Builder cancelled(CheckResult.Builder result, Cancellation cancellation) {
        return result.status(CheckStatus.CANCELLED).reason("cancelled (" + cancellation.reason() + ") before the run started");
    }

    /** Transient failures of one step are retried for at most the step budget, and never past the deadline. */
    private Instant stepDeadline(Instant deadline) {
        return min(clock.instant().plus(options.stepRetryBudget()), deadline);
    }

    private GlueJobs jobs(CheckHandle handle) {
        return new GlueJobs(aws.glue(), handle.region(), preflight().account());
    }

    private Retrying retrying(Cancellation cancellation) {
        return new Retrying(clock, options.retryBase(), options.retryCap(), cancellation::sleep);
    }

    private Retrying.RetryListener retryWarning(SafeListener l, String job, String what) {
        return (e, attempt, wait) -> l.warning(job, what + " failed (" + describe(e) + "); retry " + attempt + " in "
                + wait.toMillis() + " ms");
    }

    private String describe(RuntimeException e) {
        if (e instanceof ForeignJobException || e instanceof ScriptNotReadableException) {
            return e.getMessage();
        }
        if (e instanceof StartOutcomeUnknown u) {
            return describe(u.refusal) + ", and whether a run had started could not be read (" + describe(u.lookup)
                    + "); Glue's timeout ends a run that did start";
        }
        return options.redactor().mask(AwsFailure.of(e).message());
    }

    static String describe(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 && s >= 60 ? (s / 60) + "m" : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }

    /** A start was refused or timed out, and Glue could not say whether a run had started after all. */
    private static final class StartOutcomeUnknown extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RuntimeException refusal;
        private final transient RuntimeException lookup;

        StartOutcomeUnknown(RuntimeException refusal, RuntimeException lookup) {
            super(null, lookup, false, false);
            this.refusal = refusal;
            this.lookup = lookup;
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
