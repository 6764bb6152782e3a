package io.github.gluehealthcheck.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.Cancellation;
import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.LocalAws;
import io.github.gluehealthcheck.engine.Phase;
import io.github.gluehealthcheck.engine.ProgressListener;
import io.github.gluehealthcheck.engine.aws.AwsClients;
import io.github.gluehealthcheck.engine.local.ErrorKind;
import io.github.gluehealthcheck.engine.local.FaultRule;
import io.github.gluehealthcheck.engine.local.LocalState;
import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.engine.plan.HealthCheckPlan;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.plan.PlanRunner;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #5, item 6: two CI builds of one pull request checking at the same time (each with its own clients, its own
 * sweep first) never stop or delete each other's jobs, whatever moment the second starts at and even with the same
 * build number; and a check of several jobs with {@code parallelism} N never has more than N runs going, counted from
 * the endpoint's own start and end times, also when starts lose their answers and are retried.
 */
@Tag("reliability")
@Execution(ExecutionMode.CONCURRENT)
class ConcurrencyMatrixTest {
    static final String PREFIX = CheckSpec.DEFAULT_NAME_PREFIX;
    static final MatrixSummary TWO_BUILDS = new MatrixSummary("concurrency-two-builds",
            "Concurrency: two builds of one pull request at once (item 6)",
            "builds", "second build starts when the first is", "jobs each", "verdicts", "deletes per job",
            "stops of the other's run", "left", "result");
    static final MatrixSummary PARALLELISM = new MatrixSummary("concurrency-parallelism",
            "Concurrency: parallelism N (item 6)",
            "parallelism N", "jobs", "builds at once", "starts", "runs started", "most runs going at once", "left", "result");
    static final AtomicInteger FAILED = new AtomicInteger();
    static final AtomicInteger CROSS_DELETES = new AtomicInteger();

    enum Moment {
        CREATING(Phase.CREATE, null), STARTING(null, "STARTING"), RUNNING(null, "RUNNING"), CLEANING_UP(Phase.CLEANUP, null);

        final Phase phase;
        final String state;

        Moment(Phase phase, String state) {
            this.phase = phase;
            this.state = state;
        }
    }

    static Stream<Arguments> twoBuilds() {
        return Stream.of("35", "34").flatMap(b -> Stream.of(Moment.values()).flatMap(m ->
                Stream.of(1, 3).map(jobs -> Arguments.of(b, m, jobs))));
    }

    @ParameterizedTest(name = "builds 34 and {0}, second starts while the first is {1}, {2} job(s) each")
    @MethodSource("twoBuilds")
    void twoBuildsOfOnePullRequestNeverTouchEachOthersJobs(String secondBuild, Moment moment, int jobs,
            @TempDir Path workspace) throws Exception {
        try (LocalAws local = new LocalAws(workspace);
                AwsClients otherProcess = AwsClients.builder(LocalAws.fastConnection().build())
                        .endpointOverride(local.endpoint.uri(), true).build()) {
            local.endpoint.runScripts().forAllJobs(RunScript.builder().starting(Duration.ofMillis(400))
                    .running(Duration.ofMillis(800)).logOutput("ok").thenSucceed());
            CiContext first = local.context;
            CiContext second = first.toBuilder().buildNumber(secondBuild).build();
            List<CheckSpec> specs = specs(local, jobs);
            CountDownLatch reached = new CountDownLatch(1);
            ProgressListener watch = new ProgressListener() {
                @Override
                public void phase(String job, Phase phase, String detail) {
                    if (phase == moment.phase) {
                        reached.countDown();
                    }
                }

                @Override
                public void runState(String job, String state, String detail) {
                    if (state.equals(moment.state)) {
                        reached.countDown();
                    }
                }
            };
            CompletableFuture<PlanResult> a = CompletableFuture.supplyAsync(() -> new PlanRunner(local.aws,
                    LocalAws.fastOptions().build()).run(new HealthCheckPlan(specs, first, 2, true, PREFIX), watch,
                    new Cancellation()));
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("the first build reached " + moment).isTrue();
            PlanResult b = new PlanRunner(otherProcess, LocalAws.fastOptions().build()).run(
                    new HealthCheckPlan(specs, second, 2, true, PREFIX), ProgressListener.NONE, new Cancellation());
            PlanResult resultA = a.get(60, TimeUnit.SECONDS);

            List<String> problems = new ArrayList<>();
            List<CheckResult> all = new ArrayList<>(resultA.checks());
            all.addAll(b.checks());
            if (resultA.status() != CheckStatus.PASSED || b.status() != CheckStatus.PASSED) {
                problems.add("verdicts " + resultA.status() + " and " + b.status());
            }
            Map<String, Long> deletes = local.endpoint.requests().forOperation("glue", "DeleteJob").stream()
                    .collect(Collectors.groupingBy(r -> r.jobName(), Collectors.counting()));
            long stops = local.endpoint.requests().forOperation("glue", "BatchStopJobRun").size();
            for (CheckResult c : all) {
                if (deletes.getOrDefault(c.jobName(), 0L) != 1) {
                    CROSS_DELETES.incrementAndGet();
                    problems.add(c.jobName() + " was deleted " + deletes.getOrDefault(c.jobName(), 0L) + " times");
                }
                String state = local.endpoint.state().run(c.runId()).map(LocalState.Run::state).orElse("none");
                if (!state.equals("SUCCEEDED")) {
                    problems.add(c.jobName() + "'s run ended " + state);
                }
            }
            if (all.stream().map(CheckResult::jobName).distinct().count() != all.size()) {
                problems.add("two checks used one job name");
            }
            if (stops > 0) {
                problems.add(stops + " BatchStopJobRun request(s)");
            }
            List<String> left = local.leftovers();
            if (!left.isEmpty()) {
                problems.add("left: " + left);
            }
            TWO_BUILDS.row(secondBuild + "-" + moment.ordinal() + "-" + jobs, "34 and " + secondBuild,
                    moment.name().toLowerCase().replace('_', ' '), jobs, resultA.status() + ", " + b.status(),
                    all.stream().map(c -> String.valueOf(deletes.getOrDefault(c.jobName(), 0L))).distinct().collect(Collectors.joining("/")),
                    stops, left.size(), problems.isEmpty() ? "ok" : "FAILED: " + String.join("; ", problems));
            if (!problems.isEmpty()) {
                FAILED.incrementAndGet();
            }
            assertThat(problems).isEmpty();
        }
    }

    static Stream<Arguments> parallelism() {
        return Stream.of(1, 2, 4, 8).flatMap(n -> Stream.of(
                Arguments.of(n, 2 * n + 1, 1, false),
                Arguments.of(n, 2 * n + 1, 1, true),
                Arguments.of(n, n + 1, 2, false)));
    }

    @ParameterizedTest(name = "parallelism {0}, {1} jobs, {2} build(s), lost start answers: {3}")
    @MethodSource("parallelism")
    void neverMoreRunsGoingThanTheParallelism(int n, int jobs, int builds, boolean lostStarts, @TempDir Path workspace)
            throws Exception {
        try (LocalAws local = new LocalAws(workspace)) {
            // Runs long enough that the cap is reached, not just respected.
            local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofSeconds(3)).thenSucceed());
            if (lostStarts) {
                // Every other start takes effect but its answer is lost: the retry must not start a second run.
                local.endpoint.faults().add(FaultRule.on("glue", "StartJobRun").error(ErrorKind.CONNECTION_RESET)
                        .afterHandling().times(jobs / 2 + 1));
            }
            List<CheckSpec> specs = specs(local, jobs);
            List<CompletableFuture<PlanResult>> running = new ArrayList<>();
            for (int b = 0; b < builds; b++) {
                CiContext context = local.context.toBuilder().buildNumber(String.valueOf(34 + b)).build();
                running.add(CompletableFuture.supplyAsync(() -> new PlanRunner(local.aws, LocalAws.fastOptions().build())
                        .run(new HealthCheckPlan(specs, context, n, true, PREFIX), ProgressListener.NONE, new Cancellation())));
            }
            List<PlanResult> results = new ArrayList<>();
            for (CompletableFuture<PlanResult> f : running) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }

            List<String> problems = new ArrayList<>();
            List<LocalState.Run> runs = local.endpoint.state().runs();
            int most = 0;
            for (int b = 0; b < builds; b++) {
                String build = "-b" + (34 + b) + "-";
                Predicate<LocalState.Run> ofBuild = r -> r.jobName().contains(build);
                int overlap = LocalAws.maxOverlap(runs.stream().filter(ofBuild).toList());
                most = Math.max(most, overlap);
                if (overlap > n) {
                    problems.add("build " + (34 + b) + " had " + overlap + " runs going at once, more than " + n);
                }
                if (overlap < Math.min(n, jobs)) {
                    problems.add("build " + (34 + b) + " never reached " + Math.min(n, jobs) + " runs at once (" + overlap + ")");
                }
            }
            if (results.stream().anyMatch(r -> r.status() != CheckStatus.PASSED)) {
                problems.add("verdicts " + results.stream().map(PlanResult::status).toList());
            }
            if (runs.size() != jobs * builds) {
                problems.add(runs.size() + " runs for " + jobs * builds + " checks");
            }
            int starts = local.endpoint.requests().count("glue", "StartJobRun");
            List<String> left = local.leftovers();
            if (!left.isEmpty()) {
                problems.add("left: " + left);
            }
            PARALLELISM.row(String.format("%02d-%02d-%d-%b", n, jobs, builds, lostStarts), n, jobs, builds,
                    starts + (lostStarts ? " (answers lost: " + (jobs / 2 + 1) + ")" : ""), runs.size(),
                    most, left.size(), problems.isEmpty() ? "ok" : "FAILED: " + String.join("; ", problems));
            if (!problems.isEmpty()) {
                FAILED.incrementAndGet();
            }
            assertThat(problems).isEmpty();
        }
    }

    static List<CheckSpec> specs(LocalAws local, int jobs) {
        List<CheckSpec> specs = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            specs.add(local.pythonShell("job" + i + ".py", "print(" + i + ")\n").maxWait(Duration.ofSeconds(60)).build());
        }
        return specs;
    }

    @AfterAll
    static void writeSummary() {
        TWO_BUILDS.note("Cells run: " + TWO_BUILDS.size() + "; jobs deleted by the other build: " + CROSS_DELETES.get() + ".");
        TWO_BUILDS.write();
        PARALLELISM.note("Cells run: " + PARALLELISM.size() + "; cells of both tables failed: " + FAILED.get() + ".");
        PARALLELISM.write();
    }
}
