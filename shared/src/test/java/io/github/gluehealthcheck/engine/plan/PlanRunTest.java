package io.github.gluehealthcheck.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.Cancellation;
import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.LocalAws;
import io.github.gluehealthcheck.engine.PollSchedule;
import io.github.gluehealthcheck.engine.ProgressListener;
import io.github.gluehealthcheck.engine.aws.AwsClients;
import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.local.FaultRule;
import io.github.gluehealthcheck.engine.local.LocalState;
import io.github.gluehealthcheck.engine.local.RecordedRequest;
import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.engine.plan.PlanProgress.JobState;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step-wise plan, driven the way a durable caller drives it: begin, poll on the engine's pace, cancel, persist
 * and resume. Real SDK clients against the local endpoint; the threads are the test's own.
 */
class PlanRunTest {
    static final String DB_PASSWORD = "plan-db-password-never-persisted";
    static final Duration WITHIN = Duration.ofSeconds(60);

    @RegisterExtension
    final LocalAws local = new LocalAws();

    final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(20, TimeUnit.SECONDS);
    }

    PlanRunner runner(AwsClients aws) {
        return new PlanRunner(aws, LocalAws.fastOptions().build());
    }

    HealthCheckPlan plan(int jobs, int parallelism) {
        List<CheckSpec> specs = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            specs.add(local.pythonShell("job" + i + ".py", "print(" + i + ")\n")
                    .arguments(Map.of("--db_password", DB_PASSWORD)).build());
        }
        return new HealthCheckPlan(specs, local.context, parallelism, false, "glue-health-check");
    }

    /** Polls until {@code until} holds for the run (or it is done), as a caller on a timer would. */
    static void drive(PlanRun run, Predicate<PlanRun> until) throws InterruptedException {
        long end = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < end) {
            PlanPoll next = run.poll();
            if (until.test(run) || next.done()) {
                return;
            }
            Thread.sleep(Math.min(20, next.nextPoll().toMillis()));
        }
        throw new AssertionError("the plan got stuck: " + run.progress().describe(Instant.now()));
    }

    static Predicate<PlanRun> inState(JobState state, int atLeast) {
        return r -> count(r.progress(), state) >= atLeast;
    }

    static int count(PlanProgress p, JobState state) {
        int n = 0;
        for (int i = 0; i < p.size(); i++) {
            n += p.state(i) == state ? 1 : 0;
        }
        return n;
    }

    static PlanResult driveToEnd(PlanRun run) throws InterruptedException {
        drive(run, PlanRun::isDone);
        return run.finish();
    }

    @Test
    void neverMoreChecksUnderWayThanTheCapAndTheNextStartsAsASlotFrees() throws Exception {
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(300)).thenSucceed());
        PlanRun run = runner(local.aws).start(plan(6, 2), ProgressListener.NONE, threads, () -> { });
        run.begin();
        AtomicInteger most = new AtomicInteger();

        drive(run, r -> {
            PlanProgress p = r.progress();
            most.accumulateAndGet(count(p, JobState.STARTING) + count(p, JobState.RUNNING) + count(p, JobState.FINISHING),
                    Math::max);
            return r.isDone();
        });
        PlanResult result = run.finish();

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.checks()).extracting(CheckResult::baseName)
                .containsExactly("job0", "job1", "job2", "job3", "job4", "job5");
        assertThat(most).as("jobs under way at once, seen by the caller").hasValue(2);
        List<LocalState.Run> runs = local.endpoint.state().runs();
        assertThat(runs).hasSize(6);
        assertThat(LocalAws.maxOverlap(runs)).as("runs active at once, seen by Glue").isEqualTo(2);
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void cancelledBeforeItBeginsCallsNothing() throws Exception {
        PlanRun run = runner(local.aws).start(plan(3, 2), ProgressListener.NONE, threads, () -> { });

        run.cancel("the build was aborted");
        run.begin();
        PlanResult result = driveToEnd(run);

        assertThat(result.status()).isEqualTo(CheckStatus.CANCELLED);
        assertThat(result.checks()).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.CANCELLED);
            assertThat(c.reason()).isEqualTo("cancelled (the build was aborted) before it started");
        });
        assertThat(local.endpoint.requests().count()).as("no AWS call").isZero();
    }

    @Test
    void cancelledWhileChecksAreStartingLeavesNothing() throws Exception {
        // Creating a job takes a while: the cancel comes while both checks are creating theirs.
        local.endpoint.faults().add(FaultRule.on("glue", "CreateJob").delay(Duration.ofMillis(500)).always());
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ZERO).thenRunUntilStopped());
        PlanRun run = runner(local.aws).start(plan(3, 2), ProgressListener.NONE, threads, () -> { });
        run.begin();
        assertThat(count(run.progress(), JobState.STARTING)).isEqualTo(2);

        run.cancel("the build was aborted");
        PlanResult result = driveToEnd(run);

        assertThat(result.status()).isEqualTo(CheckStatus.CANCELLED);
        assertThat(result.checks()).extracting(CheckResult::status).containsOnly(CheckStatus.CANCELLED);
        assertThat(result.checks().get(2).reason()).isEqualTo("cancelled (the build was aborted) before it started");
        assertThat(local.endpoint.requests().count("glue", "StartJobRun")).as("no run was started").isZero();
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void cancelledWhileRunsGoOnStopsThemAndLeavesNothing() throws Exception {
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ZERO).thenRunUntilStopped());
        PlanRun run = runner(local.aws).start(plan(3, 2), ProgressListener.NONE, threads, () -> { });
        run.begin();
        drive(run, r -> runsSeen(r) == 2);

        run.cancel("the build was aborted");
        PlanResult result = driveToEnd(run);

        assertThat(result.status()).isEqualTo(CheckStatus.CANCELLED);
        assertThat(result.checks()).extracting(CheckResult::status).containsOnly(CheckStatus.CANCELLED);
        assertThat(result.checks().get(0).reason()).startsWith("cancelled (the build was aborted) while the run was RUNNING");
        assertThat(local.endpoint.state().runs()).hasSize(2).allSatisfy(r -> assertThat(r.state()).isEqualTo("STOPPED"));
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void cancelledWhileChecksFinishLetsTheirCleanupEnd() throws Exception {
        // Deleting a job takes a while: the cancel comes while both checks are cleaning up.
        local.endpoint.faults().add(FaultRule.on("glue", "DeleteJob").delay(Duration.ofMillis(500)).always());
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(100)).thenSucceed());
        PlanRun run = runner(local.aws).start(plan(3, 2), ProgressListener.NONE, threads, () -> { });
        run.begin();
        drive(run, r -> local.endpoint.requests().count("glue", "DeleteJob") >= 1);

        run.cancel("the build was aborted");
        PlanResult result = driveToEnd(run);

        assertThat(result.status()).isEqualTo(CheckStatus.CANCELLED);
        assertThat(result.checks().get(0).status()).as("its run had ended by itself").isEqualTo(CheckStatus.PASSED);
        assertThat(result.checks().get(2).status()).isEqualTo(CheckStatus.CANCELLED);
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void resumesFromItsSerializedFormInANewRunnerAndLeavesNothing() throws Exception {
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofSeconds(1)).thenSucceed());
        HealthCheckPlan plan = plan(3, 2);
        PlanRun first = runner(local.aws).start(plan, ProgressListener.NONE, threads, () -> { });
        first.begin();
        drive(first, r -> runsSeen(r) == 2);

        // The process dies: its threads stop; what it had persisted is the progress.
        threads.shutdownNow();
        assertThat(threads.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        byte[] saved = serialize(first.progress());
        assertThat(new String(saved, StandardCharsets.ISO_8859_1)).as("no secret in the persisted plan")
                .doesNotContain(DB_PASSWORD);

        // A new process: new clients, new threads, the progress read back from bytes.
        ExecutorService more = Executors.newFixedThreadPool(4);
        try (AwsClients fresh = AwsClients.builder(LocalAws.fastConnection().build())
                .endpointOverride(local.endpoint.uri(), true).build()) {
            PlanProgress back = (PlanProgress) deserialize(saved);
            PlanRun resumed = runner(fresh).resume(back, plan, ProgressListener.NONE, more, () -> { });
            PlanResult result = driveToEnd(resumed);

            assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
            assertThat(result.checks()).extracting(CheckResult::status).containsOnly(CheckStatus.PASSED);
            assertThat(local.endpoint.requests().count("glue", "StartJobRun")).as("no run started twice").isEqualTo(3);
            assertThat(local.leftovers()).isEmpty();
        } finally {
            more.shutdownNow();
        }
    }

    @Test
    void resumedWithoutItsChecksQueuedJobsEndAsErrorsAndRunningOnesStillFinish() throws Exception {
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(500)).thenSucceed());
        PlanRun first = runner(local.aws).start(plan(3, 1), ProgressListener.NONE, threads, () -> { });
        first.begin();
        drive(first, r -> runsSeen(r) == 1);
        threads.shutdownNow();
        assertThat(threads.awaitTermination(20, TimeUnit.SECONDS)).isTrue();

        ExecutorService more = Executors.newFixedThreadPool(2);
        try {
            PlanProgress back = (PlanProgress) deserialize(serialize(first.progress()));
            PlanResult result = driveToEnd(runner(local.aws).resume(back, null, ProgressListener.NONE, more, () -> { }));

            assertThat(result.checks().get(0).status()).isEqualTo(CheckStatus.PASSED);
            assertThat(result.checks().subList(1, 3)).allSatisfy(c -> {
                assertThat(c.status()).isEqualTo(CheckStatus.ERROR);
                assertThat(c.reason()).isEqualTo("not checked: a restart came before this job's turn");
            });
            assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
            assertThat(local.leftovers()).isEmpty();
        } finally {
            more.shutdownNow();
        }
    }

    @Test
    void statusReadsOfAPlanStayWithinItsBudgetAndGoRoundEveryRun() {
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofSeconds(3)).thenSucceed());
        // 50 ms polls of 20 runs would be 400 reads a second.
        EngineOptions options = LocalAws.fastOptions().statusReadsPerSecond(5).build();

        PlanResult result = new PlanRunner(local.aws, options).run(plan(20, 20), ProgressListener.NONE, new Cancellation());

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        List<RecordedRequest> reads = local.endpoint.requests().forOperation("glue", "GetJobRun");
        List<Instant> at = reads.stream().map(RecordedRequest::at).sorted().toList();
        double seconds = Duration.between(at.get(0), at.get(at.size() - 1)).toMillis() / 1000.0;
        // Five in any second: over a span of s seconds at most 5 * (s + 1), with one read of slack for arrival times.
        assertThat((double) at.size()).as("GetJobRun calls over %.1f s", seconds).isLessThanOrEqualTo(5 * (seconds + 1) + 1);
        // Reads start at least 0.2 s apart (StatusReadBudgetTest: never six starts in a second); stamped as they
        // arrive, a call slower than the next by less than 0.2 s can share a second with five more, no more.
        assertThat(StatusReadBudgetTest.mostInAnySecond(at)).as("GetJobRun calls in any second at the endpoint")
                .isLessThanOrEqualTo(6);
        for (LocalState.Run run : local.endpoint.state().runs()) {
            // The run's last read saw its end; stamped as it arrived, it can precede CompletedOn by a moment.
            Instant noticed = reads.stream().filter(r -> run.jobName().equals(r.jobName()))
                    .map(RecordedRequest::at).max(Instant::compareTo).orElseThrow();
            // Twenty runs share five reads a second: each is read at least every four seconds.
            assertThat(Duration.between(run.completedOn(), noticed)).as("end of " + run.jobName() + " to its read")
                    .isLessThanOrEqualTo(Duration.ofSeconds(5));
        }
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void aSingleRunStillHasItsEndNoticedWithinASecondWhenEachReadTakesAThirdOfOne() {
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofSeconds(10)).thenSucceed());
        // Each GetJobRun answered 0.3 s after it arrives: a schedule that waited its second after the answer would
        // read every 1.3 s.
        local.endpoint.faults().add(FaultRule.on("glue", "GetJobRun").delay(Duration.ofMillis(300)).always());
        EngineOptions options = LocalAws.fastOptions().statusReadsPerSecond(5).pollSchedule(PollSchedule.adaptive())
                .build();

        PlanResult result = new PlanRunner(local.aws, options).run(plan(1, 1), ProgressListener.NONE, new Cancellation());

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        LocalState.Run run = local.endpoint.state().runs().get(0);
        List<Instant> reads = local.endpoint.requests().forOperation("glue", "GetJobRun").stream()
                .map(RecordedRequest::at).sorted().toList();
        Instant noticed = reads.get(reads.size() - 1);
        assertThat(Duration.between(run.completedOn(), noticed)).as("end to the read that saw it")
                .isLessThanOrEqualTo(Duration.ofMillis(1000));
        // Once the schedule reads every second (from about 4 s after the first read), the reads come a second apart as
        // they arrive, counted from each read's start: 0.1 s for this machine's timers and calls, not the 0.3 s the
        // answer takes.
        for (int i = 1; i < reads.size(); i++) {
            if (reads.get(i - 1).isAfter(reads.get(0).plusMillis(3000))) {
                assertThat(Duration.between(reads.get(i - 1), reads.get(i))).as("gap before read " + i)
                        .isLessThanOrEqualTo(Duration.ofMillis(1100));
            }
        }
    }

    @Test
    void afterAReadThatFailedTheIntervalCountsFromItsEndSoFailingReadsDoNotComeBackToBack(@TempDir Path workspace) {
        // One attempt per call, given up after 0.5 s: a GetJobRun answered after 1 s fails, having taken 0.5 s.
        AwsConnection.Builder connection = LocalAws.fastConnection().attemptTimeout(Duration.ofMillis(500))
                .maxAttempts(1);
        try (LocalAws slow = new LocalAws(workspace, LocalAws.fastEndpoint(), connection)) {
            slow.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofSeconds(4)).thenSucceed());
            slow.endpoint.faults().add(FaultRule.on("glue", "GetJobRun").delay(Duration.ofSeconds(1)).times(2));
            EngineOptions options = LocalAws.fastOptions().pollSchedule(PollSchedule.fixed(Duration.ofSeconds(1)))
                    .build();
            HealthCheckPlan plan = new HealthCheckPlan(List.of(slow.pythonShell("job.py", "print(1)\n").build()),
                    slow.context, 1, false, "glue-health-check");

            PlanResult result = new PlanRunner(slow.aws, options).run(plan, ProgressListener.NONE, new Cancellation());

            assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
            List<Instant> reads = slow.endpoint.requests().forOperation("glue", "GetJobRun").stream()
                    .map(RecordedRequest::at).sorted().toList();
            // The first two reads failed after 0.5 s each: the next read a second after that, not a second after
            // the failed read began.
            for (int i = 1; i <= 2; i++) {
                assertThat(Duration.between(reads.get(i - 1), reads.get(i))).as("gap after failed read " + i)
                        .isGreaterThanOrEqualTo(Duration.ofMillis(1450));
            }
            // Answered reads keep the fixed rate: a second apart, counted from each read's start.
            for (int i = 3; i < reads.size(); i++) {
                assertThat(Duration.between(reads.get(i - 1), reads.get(i))).as("gap before read " + i)
                        .isBetween(Duration.ofMillis(900), Duration.ofMillis(1100));
            }
            assertThat(slow.leftovers()).isEmpty();
        }
    }

    /** Running checks whose run the caller has seen RUNNING. */
    static int runsSeen(PlanRun run) {
        PlanProgress p = run.progress();
        int n = 0;
        for (int i = 0; i < p.size(); i++) {
            n += p.state(i) == JobState.RUNNING && "RUNNING".equals(p.handle(i).lastState()) ? 1 : 0;
        }
        return n;
    }

    static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
