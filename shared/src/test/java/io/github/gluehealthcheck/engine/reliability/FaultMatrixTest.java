package io.github.gluehealthcheck.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.Cancellation;
import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.CleanupStep;
import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.LocalAws;
import io.github.gluehealthcheck.engine.PollSchedule;
import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.aws.AwsFailure;
import io.github.gluehealthcheck.engine.aws.AwsOperation;
import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import io.github.gluehealthcheck.engine.local.ErrorKind;
import io.github.gluehealthcheck.engine.local.FaultRule;
import io.github.gluehealthcheck.engine.local.Faults;
import io.github.gluehealthcheck.engine.local.LocalState;
import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.engine.plan.HealthCheckPlan;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.plan.PlanRunner;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.JobType;
import io.github.gluehealthcheck.engine.spec.KeepJobPolicy;
import io.github.gluehealthcheck.engine.sweep.SweepResult;
import io.github.gluehealthcheck.engine.sweep.Sweeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Issue #5, item 1: every AWS call the engine makes, against every kind of fault, through a whole check (preflight,
 * sweep, stage, create, start, watch, verdict, cleanup) over the real SDK and wire protocols. Each cell asserts:
 * the verdict is the expected one and never PASSED unless the run really SUCCEEDED; the check ends within
 * {@code max_wait} + {@link #margin(Call)}; nothing of the check is left, or what is left is named in the report and
 * a later sweep removes it.
 */
@Tag("reliability")
@Execution(ExecutionMode.CONCURRENT)
class FaultMatrixTest {
    static final String REPO = "data/etl";
    static final String ACCOUNT = "123456789012";
    static final String USER_BUCKET = "user-scripts";
    static final String DEPLOYED = "orders-summary-nightly";
    static final String ORPHAN = "glue-health-check-old-etl-pr12-b33-0000abcd";

    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration SLOW_ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration SLOW_DELAY = Duration.ofSeconds(2);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);
    static final Duration STEP_BUDGET = Duration.ofSeconds(25);
    static final Duration STOP_WAIT = Duration.ofSeconds(3);
    static final Duration OUTAGE = Duration.ofSeconds(10);
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    static final Duration SHORT_MAX_WAIT = Duration.ofSeconds(3);

    static final MatrixSummary SUMMARY = new MatrixSummary("fault-matrix", "Fault matrix (item 1)",
            "call", "fault", "verdict", "expected", "took s", "past max_wait s", "left after check", "left in the end", "result");
    static final MatrixSummary ANSWERS = new MatrixSummary("fault-matrix-answers",
            "Fault matrix: unreadable answers and denied calls (item 1)",
            "call", "fault", "verdict", "expected", "answers spoiled", "first unreadable answer to verdict s", "took s",
            "past max_wait s", "left after check", "left in the end", "result");
    static final AtomicInteger FAILED_CELLS = new AtomicInteger();
    static final AtomicInteger ANSWER_CELLS_FAILED = new AtomicInteger();
    static final AtomicInteger ANSWER_LEFT_AFTER_SWEEP = new AtomicInteger();
    static final List<Long> TO_VERDICT = java.util.Collections.synchronizedList(new ArrayList<>());
    /** From the first unreadable answer to the check's end, at most (an exit 3 that soon). */
    static final Duration UNREADABLE_TO_VERDICT = Duration.ofSeconds(30);
    static final AtomicInteger LEFT_AFTER_SWEEP = new AtomicInteger();
    static final AtomicInteger LEFT_AFTER_CHECK = new AtomicInteger();
    static final List<Long> OVERRUNS = java.util.Collections.synchronizedList(new ArrayList<>());

    /** How a cell drives the engine so that the faulted call is made. */
    enum Scenario {
        /** A workspace script staged, a job created and run to SUCCEEDED, everything deleted. */
        CHECK,
        /** The script is already in S3: HeadObject instead of PutObject. */
        S3_SCRIPT,
        /** The run never ends by itself: at max_wait (3 s) it is stopped, so the check FAILS by design. */
        STOP,
        /** CreateJob's first answer is lost: the retry meets AlreadyExists and reads the job's tags. */
        LOST_CREATE,
        /** StartJobRun's first answer is lost: the retry meets ConcurrentRunsExceeded and lists the job's runs. */
        LOST_START,
        /** An expired orphan of an earlier, killed build exists: the plan sweeps it first. */
        SWEEP,
        /** keep_job: always, so the kept job's expiry is extended by tagging. */
        KEEP,
        /** base_job: the check copies a deployed job, which it reads first (GetJob) and never changes. */
        BASE_JOB,
        /** reuse_passed: the check looks for a recorded pass first (GetObject; none there) and records its own. */
        REUSE
    }

    /** Every call the engine makes (AwsOperation, plus TagResource for keep_job), with the scenario that makes it. */
    enum Call {
        STS_GET_CALLER_IDENTITY("sts", "GetCallerIdentity", Scenario.CHECK),
        S3_PUT_OBJECT("s3", "PutObject", Scenario.CHECK),
        S3_HEAD_OBJECT("s3", "HeadObject", Scenario.S3_SCRIPT),
        S3_DELETE_OBJECT("s3", "DeleteObject", Scenario.CHECK),
        GLUE_CREATE_JOB("glue", "CreateJob", Scenario.CHECK),
        GLUE_GET_TAGS("glue", "GetTags", Scenario.LOST_CREATE),
        GLUE_START_JOB_RUN("glue", "StartJobRun", Scenario.CHECK),
        GLUE_GET_JOB_RUNS("glue", "GetJobRuns", Scenario.LOST_START),
        GLUE_GET_JOB_RUN("glue", "GetJobRun", Scenario.CHECK),
        GLUE_BATCH_STOP_JOB_RUN("glue", "BatchStopJobRun", Scenario.STOP),
        GLUE_DELETE_JOB("glue", "DeleteJob", Scenario.CHECK),
        GLUE_LIST_JOBS("glue", "ListJobs", Scenario.SWEEP),
        GLUE_TAG_RESOURCE("glue", "TagResource", Scenario.KEEP),
        LOGS_FILTER_LOG_EVENTS("logs", "FilterLogEvents", Scenario.CHECK),
        GLUE_GET_JOB("glue", "GetJob", Scenario.BASE_JOB),
        S3_GET_OBJECT("s3", "GetObject", Scenario.REUSE);

        final String service;
        final String operation;
        final Scenario scenario;

        Call(String service, String operation, Scenario scenario) {
            this.service = service;
            this.operation = operation;
            this.scenario = scenario;
        }

        /** Calls of cleanup, retried within the step budget once the verdict is known. */
        boolean cleanup() {
            return this == S3_DELETE_OBJECT || this == GLUE_DELETE_JOB || this == GLUE_TAG_RESOURCE;
        }

        /**
         * Whether a fault on this call may leave something after the check (named in the report): the calls of
         * cleanup and stopping, the ownership read that decides whether a job may be deleted, the sweep's listing.
         */
        boolean mayLeaveSomething() {
            return cleanup() || this == GLUE_BATCH_STOP_JOB_RUN || this == GLUE_GET_TAGS || this == GLUE_LIST_JOBS;
        }

        /** The steps a check cannot do without: failing for good, the check is an ERROR. */
        boolean essential() {
            return EnumSet.of(STS_GET_CALLER_IDENTITY, S3_PUT_OBJECT, S3_HEAD_OBJECT, GLUE_CREATE_JOB, GLUE_GET_TAGS,
                    GLUE_START_JOB_RUN, GLUE_GET_JOB_RUNS, GLUE_GET_JOB).contains(this);
        }

        @Override
        public String toString() {
            return service + ":" + operation;
        }
    }

    /** The faults of the issue, plus a lost answer (the call took effect, its answer never arrived). */
    enum Fault {
        THROTTLING_BURST("throttling x4"),
        THROTTLING_FOREVER("throttling forever"),
        SERVER_ERROR_BURST("500 x2 then 503 x2"),
        CONNECTION_RESET("connection reset x2"),
        ANSWER_LOST("answer lost x2"),
        SLOW_RESPONSE("slower than the attempt timeout x2"),
        OUTAGE_10S("endpoint gone 10 s"),
        UNREADABLE_TIMESTAMP("2xx, timestamps unreadable, always"),
        TRUNCATED_BODY("2xx, body truncated, always"),
        WRONG_CONTENT_TYPE("2xx as an HTML page, always"),
        DENIED("IAM action denied");

        final String label;

        Fault(String label) {
            this.label = label;
        }

        void inject(Faults faults, Call call) {
            FaultRule on = FaultRule.on(call.service, call.operation);
            switch (this) {
                case THROTTLING_BURST -> faults.add(on.error(ErrorKind.THROTTLING).times(4));
                case THROTTLING_FOREVER -> faults.add(on.error(ErrorKind.THROTTLING).always());
                case SERVER_ERROR_BURST -> faults.add(on.error(ErrorKind.INTERNAL_ERROR).times(2))
                        .add(on.error(ErrorKind.SERVICE_UNAVAILABLE).times(2));
                case CONNECTION_RESET -> faults.add(on.error(ErrorKind.CONNECTION_RESET).times(2));
                case ANSWER_LOST -> faults.add(on.error(ErrorKind.CONNECTION_RESET).afterHandling().times(2));
                case SLOW_RESPONSE -> faults.add(on.delay(SLOW_DELAY).times(2));
                case OUTAGE_10S -> faults.add(on.outage(OUTAGE).once());
                case UNREADABLE_TIMESTAMP -> faults.add(on.error(ErrorKind.UNREADABLE_TIMESTAMP).always());
                case TRUNCATED_BODY -> faults.add(on.error(ErrorKind.TRUNCATED_BODY).always());
                case WRONG_CONTENT_TYPE -> faults.add(on.error(ErrorKind.WRONG_CONTENT_TYPE).always());
                case DENIED -> faults.add(FaultRule.deny(iamAction(call)));
            }
        }

        /** An answer that arrives (the call took effect) and cannot be read. */
        boolean unreadable() {
            return this == UNREADABLE_TIMESTAMP || this == TRUNCATED_BODY || this == WRONG_CONTENT_TYPE;
        }

        /** The columns of unreadable answers and denied calls, summed up in their own table. */
        boolean answerColumn() {
            return unreadable() || this == DENIED;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Every call x every fault; {@code -Dreliability.cells=<regex>} runs only the cells whose name matches. */
    static Stream<Arguments> cells() {
        java.util.regex.Pattern only = java.util.regex.Pattern.compile(System.getProperty("reliability.cells", ".*"));
        return Arrays.stream(Call.values()).flatMap(c -> Arrays.stream(Fault.values()).map(f -> Arguments.of(c, f)))
                .filter(a -> only.matcher(a.get()[0] + " x " + a.get()[1]).find());
    }

    /** The IAM action a call needs (HeadObject is authorised by s3:GetObject). */
    static String iamAction(Call call) {
        return Arrays.stream(AwsOperation.values())
                .filter(o -> o.service().equals(call.service) && o.operation().equals(call.operation))
                .filter(o -> !o.iamActions().isEmpty()).map(o -> o.iamActions().get(0)).findFirst()
                .orElse(call.toString());
    }

    /**
     * Whether an unreadable answer of this call ends the check as an ERROR. Not when the answer has nothing to spoil
     * (no timestamp; no body: S3's PutObject, DeleteObject and HEAD answers), nor when the call took effect and the
     * engine finds that out (a CreateJob or StartJobRun asked again meets AlreadyExists or ConcurrentRunsExceeded and
     * adopts the job or run), nor for calls whose failure the verdict does not need (cleanup, log reads, the sweep).
     */
    static boolean unreadableEndsTheCheck(Call call, Fault fault) {
        return switch (call) {
            case STS_GET_CALLER_IDENTITY, GLUE_GET_TAGS -> fault != Fault.UNREADABLE_TIMESTAMP;
            case S3_HEAD_OBJECT -> fault == Fault.UNREADABLE_TIMESTAMP;
            case GLUE_GET_JOB_RUNS, GLUE_GET_JOB_RUN, GLUE_GET_JOB -> true;
            default -> false;
        };
    }

    /** The verdict each cell must give. */
    static CheckStatus expected(Call call, Fault fault) {
        if (call.scenario == Scenario.STOP) {
            return CheckStatus.FAILED;
        }
        if (fault.unreadable()) {
            return unreadableEndsTheCheck(call, fault) ? CheckStatus.ERROR : CheckStatus.PASSED;
        }
        if (fault == Fault.DENIED) {
            // A denied status read ends the check at once rather than at max_wait.
            return call.essential() || call == Call.GLUE_GET_JOB_RUN ? CheckStatus.ERROR : CheckStatus.PASSED;
        }
        if (fault == Fault.THROTTLING_FOREVER) {
            if (call.essential()) {
                return CheckStatus.ERROR;
            }
            if (call == Call.GLUE_GET_JOB_RUN) {
                return CheckStatus.FAILED; // the run's end is never seen: max_wait passes
            }
        }
        return CheckStatus.PASSED;
    }

    /**
     * How far past max_wait a check may end: one call in flight when the deadline passes, the stop wait and a stop
     * call in flight when it ends, and the two deletes of cleanup (a call each); when the faulted call is a cleanup
     * call (a delete, or keep_job's tag), also the step budget it is retried within.
     */
    static Duration margin(Call call) {
        Duration m = CALL_TIMEOUT.plus(STOP_WAIT).plus(CALL_TIMEOUT).plus(CALL_TIMEOUT.multipliedBy(2));
        return call.cleanup() ? m.plus(STEP_BUDGET) : m;
    }

    static EngineOptions.Builder options() {
        return EngineOptions.builder()
                .pollSchedule(PollSchedule.fixed(Duration.ofMillis(100)))
                .logReadInterval(Duration.ofMillis(200))
                .retryBase(Duration.ofMillis(100)).retryCap(Duration.ofSeconds(1))
                .stepRetryBudget(STEP_BUDGET)
                .stopWait(STOP_WAIT).cancelStopWait(Duration.ofSeconds(2));
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("cells")
    void cell(Call call, Fault fault, @TempDir Path workspace) throws Exception {
        String key = String.format("%02d-%d", call.ordinal(), fault.ordinal());
        AwsConnection.Builder connection = LocalAws.fastConnection().callTimeout(CALL_TIMEOUT)
                .attemptTimeout(fault == Fault.SLOW_RESPONSE ? SLOW_ATTEMPT_TIMEOUT : ATTEMPT_TIMEOUT);
        try (LocalAws local = new LocalAws(workspace, LocalAws.fastEndpoint(), connection)) {
            Scenario scenario = call.scenario;
            Duration maxWait = scenario == Scenario.STOP ? SHORT_MAX_WAIT : MAX_WAIT;
            CheckSpec spec = arrange(local, scenario, maxWait);
            fault.inject(local.endpoint.faults(), call);

            EngineOptions options = options().build();
            HealthCheckPlan plan = new HealthCheckPlan(List.of(spec), local.context, 1, scenario == Scenario.SWEEP,
                    CheckSpec.DEFAULT_NAME_PREFIX);
            long started = System.nanoTime();
            PlanResult result = CompletableFuture
                    .supplyAsync(() -> new PlanRunner(local.aws, options).run(plan, io.github.gluehealthcheck.engine.ProgressListener.NONE, new Cancellation()))
                    .get(maxWait.plus(margin(call)).plusMinutes(1).toSeconds(), TimeUnit.SECONDS);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            long endedAt = Instant.now().toEpochMilli();
            local.endpoint.faults().clear();
            local.endpoint.faults().resume();

            CheckResult check = result.checks().get(0);
            List<String> leftAfterCheck = leftovers(local, scenario);
            Instant keptUntil = scenario == Scenario.KEEP ? local.endpoint.state().job(check.jobName())
                    .map(j -> Instant.parse(j.tags().get(OwnershipTags.EXPIRES_AT))).orElse(null) : null;
            String report = reportText(result);
            SweepResult later = new Sweeper(local.aws, options().clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(25)))
                    .build()).sweep(new Sweeper.Scope(CheckSpec.DEFAULT_NAME_PREFIX, REPO, false)
                            // As the next check's sweep: it deletes staged scripts under its own scripts_bucket.
                            .withScriptsBuckets(plan.checks().stream().map(CheckSpec::scriptsBucket).toList()),
                            ACCOUNT, n -> { });
            // A run that could not be stopped is left to the short Glue Timeout the engine gave its job (10 minutes,
            // of 2 seconds each on this endpoint): it must end by that, not run on.
            awaitNoActiveRun(local, Duration.ofSeconds(25));
            List<String> leftAfterSweep = leftovers(local, scenario);
            long overrun = tookMillis - maxWait.toMillis();
            OVERRUNS.add(overrun);
            LEFT_AFTER_CHECK.addAndGet(leftAfterCheck.size());
            LEFT_AFTER_SWEEP.addAndGet(leftAfterSweep.size());

            if (Boolean.getBoolean("reliability.trace")) {
                trace(call + " x " + fault, started, local, result);
            }
            List<String> problems = new ArrayList<>();
            CheckStatus want = expected(call, fault);
            if (check.status() != want) {
                problems.add("verdict " + check.status() + " (" + check.reason() + "), expected " + want);
            }
            if (check.status() == CheckStatus.PASSED) {
                String state = local.endpoint.state().run(check.runId()).map(LocalState.Run::state).orElse("no run");
                if (!"SUCCEEDED".equals(state)) {
                    problems.add("PASSED although the run is " + state);
                }
            }
            // A retried start must never start a second (billed) run of the job.
            long runs = local.endpoint.state().runs().stream().filter(r -> r.jobName().equals(check.jobName())).count();
            if (runs > 1) {
                problems.add(runs + " runs were started for " + check.jobName());
            }
            if (Duration.ofMillis(tookMillis).compareTo(maxWait.plus(margin(call))) > 0) {
                problems.add("took " + tookMillis + " ms, more than max_wait " + maxWait + " + margin " + margin(call));
            }
            // A run whose start's answer was lost, when the listing of the job's runs cannot be read either: the
            // engine cannot name it, says a run may have started, and Glue's timeout ends it.
            boolean unnamedRun = call == Call.GLUE_GET_JOB_RUNS && fault.answerColumn()
                    && check.reason().contains("Glue's timeout ends a run that did start");
            if (!call.mayLeaveSomething() && !leftAfterCheck.isEmpty()
                    && !(unnamedRun && leftAfterCheck.stream().allMatch(x -> x.startsWith("run ")))) {
                problems.add("a fault on " + call + " must not leave anything, but left " + leftAfterCheck);
            }
            for (String left : leftAfterCheck) {
                if (!namedInReport(left, report, scenario) && !(unnamedRun && left.startsWith("run "))) {
                    problems.add(left + " was left and the report does not say so: " + report);
                }
            }
            // A stop met by a passing fault stops the run: the report says so, and the run is not left going.
            if (call == Call.GLUE_BATCH_STOP_JOB_RUN && fault != Fault.THROTTLING_FOREVER && fault != Fault.OUTAGE_10S
                    && !fault.answerColumn() && !report.contains("stop run: done (")) {
                problems.add("the run was not reported stopped: " + report);
            }
            // keep_job: the job is kept for a day; only a tagging call that never succeeds may cut that short.
            if (scenario == Scenario.KEEP && fault != Fault.THROTTLING_FOREVER && fault != Fault.DENIED
                    && (keptUntil == null || keptUntil.isBefore(Instant.now().plus(Duration.ofHours(23))))) {
                problems.add("the kept job's expiry was not extended (expires " + keptUntil + ")");
            }
            if (!leftAfterSweep.isEmpty()) {
                problems.add("still left after a later sweep (" + later + "): " + leftAfterSweep);
            }
            if (scenario == Scenario.SWEEP && local.endpoint.state().job(ORPHAN).isPresent() == false
                    && result.sweep() != null && result.sweep().error() == null && result.sweep().deleted() == 0) {
                problems.add("the orphan disappeared without the sweep saying so");
            }
            String spoiled = "-";
            String toVerdict = "-";
            if (fault.answerColumn()) {
                List<Instant> faulted = local.endpoint.requests().matching(r -> r.service().equals(call.service)
                        && r.operation().equals(call.operation) && (fault.unreadable()
                                ? fault.name().equals(r.detail().get("spoiled"))
                                : r.errorCode() != null && r.errorCode().startsWith("AccessDenied")))
                        .stream().map(io.github.gluehealthcheck.engine.local.RecordedRequest::at).sorted().toList();
                spoiled = String.valueOf(faulted.size());
                String text = check.reason() + "\n" + report;
                if (fault.unreadable() && text.contains("could not be reached")) {
                    problems.add("an unreadable answer was reported as unreachable: " + report);
                }
                if (check.status() == CheckStatus.ERROR && !faulted.isEmpty()) {
                    long millis = endedAt - faulted.get(0).toEpochMilli();
                    toVerdict = MatrixSummary.seconds(millis);
                    TO_VERDICT.add(millis);
                    if (fault.unreadable() && Duration.ofMillis(millis).compareTo(UNREADABLE_TO_VERDICT) > 0) {
                        problems.add("ended " + millis + " ms after the first unreadable answer, more than "
                                + UNREADABLE_TO_VERDICT);
                    }
                }
                if (check.status() == CheckStatus.ERROR && fault.unreadable()
                        && !check.reason().contains("could not be read")) {
                    problems.add("the error does not say the answer could not be read: " + check.reason());
                }
                if (check.status() == CheckStatus.ERROR && fault == Fault.DENIED
                        && !(check.reason().contains(iamAction(call)) && check.reason().contains(AwsFailure.CI_POLICY))) {
                    problems.add("the error does not name " + iamAction(call) + " and the CI policy: " + check.reason());
                }
                if (fault == Fault.DENIED && faulted.size() > 2 && call != Call.GLUE_GET_JOB_RUN
                        && call != Call.GLUE_BATCH_STOP_JOB_RUN && call != Call.GLUE_GET_TAGS) {
                    // Asked once where it fails; a call made at two steps (a delete at cleanup and at the sweep) twice.
                    problems.add(iamAction(call) + " was asked " + faulted.size() + " times although denied");
                }
            }
            MatrixSummary table = fault.answerColumn() ? ANSWERS : SUMMARY;
            if (fault.answerColumn()) {
                table.row(key, call, fault, check.status(), want, spoiled, toVerdict, MatrixSummary.seconds(tookMillis),
                        overrun > 0 ? MatrixSummary.seconds(overrun) : "-", leftAfterCheck.size(), leftAfterSweep.size(),
                        problems.isEmpty() ? "ok" : "FAILED: " + String.join("; ", problems));
                ANSWER_LEFT_AFTER_SWEEP.addAndGet(leftAfterSweep.size());
            } else {
                table.row(key, call, fault, check.status(), want, MatrixSummary.seconds(tookMillis),
                        overrun > 0 ? MatrixSummary.seconds(overrun) : "-", leftAfterCheck.size(), leftAfterSweep.size(),
                        problems.isEmpty() ? "ok" : "FAILED: " + String.join("; ", problems));
            }
            if (!problems.isEmpty()) {
                (fault.answerColumn() ? ANSWER_CELLS_FAILED : FAILED_CELLS).incrementAndGet();
            }
            assertThat(problems).as("%s x %s; requests %s", call, fault, local.endpoint.requests().operations()).isEmpty();
        }
    }

    /** Sets up the scenario's endpoint state and run behaviour; returns the check to run. */
    static CheckSpec arrange(LocalAws local, Scenario scenario, Duration maxWait) {
        // The run outlasts any request still in flight (a delayed StartJobRun is handled at most SLOW_DELAY after it
        // was sent), as real runs (minutes) do: Glue refuses a late duplicate start only while the first run is
        // active, and StartJobRun has no idempotency token.
        RunScript succeeds = RunScript.builder().starting(Duration.ofMillis(200)).running(Duration.ofMillis(1200))
                .logOutput("rows processed: 10").logError("WARN a line on stderr").running(Duration.ofMillis(1200))
                .thenSucceed();
        local.endpoint.runScripts().forAllJobs(scenario == Scenario.STOP
                ? RunScript.builder().starting(Duration.ofMillis(200)).running(Duration.ZERO)
                        .stoppingTakes(Duration.ofMillis(300)).thenRunUntilStopped()
                : succeeds);
        CheckSpec.Builder spec = local.pythonShell("job.py", "print('ok')\n").maxWait(maxWait);
        switch (scenario) {
            case S3_SCRIPT -> {
                local.aws.s3().createBucket(b -> b.bucket(USER_BUCKET));
                local.aws.s3().putObject(r -> r.bucket(USER_BUCKET).key("jobs/job.py"), RequestBody.fromString("print('ok')\n"));
                spec.script("s3://" + USER_BUCKET + "/jobs/job.py");
            }
            case LOST_CREATE -> local.endpoint.faults().add(FaultRule.on("glue", "CreateJob")
                    .error(ErrorKind.CONNECTION_RESET).afterHandling().once());
            case LOST_START -> local.endpoint.faults().add(FaultRule.on("glue", "StartJobRun")
                    .error(ErrorKind.CONNECTION_RESET).afterHandling().once());
            case SWEEP -> local.aws.glue().createJob(r -> r.name(ORPHAN).role(LocalAws.ROLE)
                    .command(c -> c.name(JobType.PYTHONSHELL.value()).scriptLocation("s3://ci-scripts/old/job.py"))
                    .maxCapacity(0.0625).tags(Map.of(OwnershipTags.MARKER, OwnershipTags.MARKER_VALUE,
                            OwnershipTags.REPO, REPO, OwnershipTags.EXPIRES_AT,
                            Instant.now().minus(Duration.ofMinutes(5)).toString())));
            case KEEP -> spec.keepJob(KeepJobPolicy.ALWAYS);
            // Whatever becomes of the look-up, the check runs: a reused pass saves a run, it never decides a verdict.
            case REUSE -> spec.reusePassed(Duration.ofDays(7));
            case BASE_JOB -> {
                local.aws.glue().createJob(r -> r.name(DEPLOYED).role(LocalAws.ROLE).maxCapacity(0.0625)
                        .command(c -> c.name(JobType.PYTHONSHELL.value()).pythonVersion("3.9")
                                .scriptLocation("s3://deployed-scripts/orders.py")));
                spec.baseJob(DEPLOYED);
            }
            default -> {
            }
        }
        return spec.build();
    }

    /** With -Dreliability.trace=true: every request with its time since the cell started, for diagnosis. */
    static void trace(String cell, long startedNanos, LocalAws local, PlanResult result) {
        long start = Instant.now().toEpochMilli() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        StringBuilder b = new StringBuilder("TRACE " + cell + "\n");
        local.endpoint.requests().all().forEach(r -> b.append(String.format("  %6d ms +%5d %s:%s %s %s%n",
                r.at().toEpochMilli() - start, r.durationMillis(), r.service(), r.operation(), r.httpStatus(),
                r.errorCode() == null ? "" : r.errorCode())));
        b.append(reportText(result));
        System.err.print(b);
    }

    static void awaitNoActiveRun(LocalAws local, Duration atMost) throws InterruptedException {
        Instant until = Instant.now().plus(atMost);
        while (!local.endpoint.state().activeRuns().isEmpty() && Instant.now().isBefore(until)) {
            Thread.sleep(200);
        }
    }

    /** Every job, script and active run of ours still there (the user's own S3 script is not ours). */
    static List<String> leftovers(LocalAws local, Scenario scenario) {
        List<String> left = new ArrayList<>();
        // The deployed job a base_job check copies is not the check's: it must stay, unchanged.
        local.endpoint.state().jobs().stream().filter(j -> !j.name().equals(DEPLOYED))
                .forEach(j -> left.add("job " + j.name()));
        // A pass record (reuse_passed) is meant to stay; anything else in the scripts bucket is left behind.
        local.endpoint.state().objects().stream().filter(o -> o.bucket().equals("ci-scripts"))
                .filter(o -> !o.key().matches(".*/passes/[0-9a-f]{64}\\.json"))
                .forEach(o -> left.add("object s3://ci-scripts/" + o.key()));
        local.endpoint.state().activeRuns().forEach(r -> left.add("run " + r.id() + " of " + r.jobName()));
        return left;
    }

    /** Everything the check reported: verdict reasons, cleanup steps, the sweep. */
    static String reportText(PlanResult result) {
        StringBuilder b = new StringBuilder();
        for (CheckResult c : result.checks()) {
            b.append(c.status()).append(": ").append(c.reason()).append('\n');
            for (CleanupStep s : c.cleanup()) {
                b.append(s).append('\n');
            }
        }
        if (result.setupError() != null) {
            b.append(result.setupError()).append('\n');
        }
        if (result.sweep() != null) {
            b.append("sweep: ").append(result.sweep().error()).append(' ').append(result.sweep().swept()).append('\n');
        }
        return b.toString();
    }

    /** A leftover is acceptable only when a failed or kept cleanup step (or the sweep's failure) names it. */
    static boolean namedInReport(String leftover, String report, Scenario scenario) {
        if (leftover.startsWith("job " + ORPHAN)) {
            return report.contains("sweep: could not");
        }
        String what = leftover.substring(leftover.indexOf(' ') + 1);
        if (leftover.startsWith("run ")) {
            String runId = what.substring(0, what.indexOf(' '));
            return report.lines().anyMatch(l -> l.startsWith("stop run: failed (" + runId));
        }
        return report.lines().anyMatch(l -> (l.contains(": failed (") || l.contains(": kept (")) && l.contains(what));
    }

    @Test
    void theMatrixCoversEveryOperationTheEngineDeclares() {
        Set<String> rows = Arrays.stream(Call.values()).map(Call::toString).collect(Collectors.toSet());
        Set<String> declared = Arrays.stream(AwsOperation.values()).filter(o -> !o.service().equals("iam"))
                .map(o -> o.service() + ":" + o.operation()).collect(Collectors.toSet());
        assertThat(rows).containsAll(declared);
    }

    @AfterAll
    static void writeSummary() {
        if (ANSWERS.size() > 0) {
            long slowest;
            synchronized (TO_VERDICT) {
                slowest = TO_VERDICT.stream().mapToLong(Long::longValue).max().orElse(0);
            }
            ANSWERS.note("Cells run: " + ANSWERS.size() + " (" + Call.values().length + " calls x "
                    + Arrays.stream(Fault.values()).filter(Fault::answerColumn).count() + " faults); cells failed: "
                    + ANSWER_CELLS_FAILED.get() + "; leftovers in the end: " + ANSWER_LEFT_AFTER_SWEEP.get()
                    + "; longest time from the first unreadable or denied answer to an ERROR: "
                    + MatrixSummary.seconds(slowest) + " s (allowed for an unreadable answer: "
                    + UNREADABLE_TO_VERDICT.toSeconds() + " s). \"answers spoiled\" counts the answers the endpoint "
                    + "spoiled or denied; 0 where the answer had nothing to spoil (no timestamp, no body).");
            ANSWERS.write();
        }
        if (SUMMARY.size() == 0) {
            return;
        }
        int cells = SUMMARY.size();
        long maxOverrun;
        synchronized (OVERRUNS) {
            maxOverrun = OVERRUNS.stream().mapToLong(Long::longValue).max().orElse(0);
        }
        SUMMARY.note("Cells run: " + cells + " (" + Call.values().length + " calls x "
                + Arrays.stream(Fault.values()).filter(f -> !f.answerColumn()).count()
                + " faults); cells failed: " + FAILED_CELLS.get() + "; things left after the check and named in its report: "
                + LEFT_AFTER_CHECK.get() + "; leftovers in the end (after a later sweep, and for a run its Glue timeout): "
                + LEFT_AFTER_SWEEP.get()
                + "; longest time past max_wait: " + MatrixSummary.seconds(Math.max(0, maxOverrun)) + " s (margin allowed "
                + margin(Call.GLUE_GET_JOB_RUN).toSeconds() + " s, " + margin(Call.GLUE_DELETE_JOB).toSeconds()
                + " s in the rows of cleanup calls).");
        SUMMARY.write();
    }
}
