package io.github.gluehealthcheck.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.Cancellation;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.LocalAws;
import io.github.gluehealthcheck.engine.ProgressListener;
import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import io.github.gluehealthcheck.engine.local.LocalState;
import io.github.gluehealthcheck.engine.local.RecordedRequest;
import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.engine.plan.HealthCheckPlan;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.plan.PlanRunner;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.sweep.SweepResult;
import io.github.gluehealthcheck.engine.sweep.Sweeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #5, item 5: jobs that are not ours (no marker, a look-alike marker, a look-alike name) or not this
 * repository's are never stopped or deleted by a check, its cleanup or a repository's sweep; {@code mode: sweep}
 * (every repository, by design) deletes only expired jobs that carry our marker and our name prefix. Every
 * look-alike has a run going; the sweeps run with a clock a day ahead, so every expiry tag has passed. A genuine
 * expired orphan of this repository is there too: the sweeps must delete it, or they proved nothing.
 */
@Tag("reliability")
@Execution(ExecutionMode.CONCURRENT)
class OwnershipMatrixTest {
    static final String PREFIX = CheckSpec.DEFAULT_NAME_PREFIX;
    static final String REPO = "data/etl";
    static final String ACCOUNT = "123456789012";
    static final Instant EXPIRED = Instant.now().minus(Duration.ofHours(2));
    static final String ORPHAN = PREFIX + "-orders-etl-pr12-b30-0000aaaa";

    static final MatrixSummary SUMMARY = new MatrixSummary("ownership-matrix", "Ownership matrix (item 5)",
            "who acts", "look-alikes", "look-alikes stopped or deleted", "other repositories' jobs deleted",
            "requests naming a look-alike", "our expired orphan", "result");
    static final AtomicInteger TOUCHED = new AtomicInteger();
    static final AtomicInteger FAILED = new AtomicInteger();

    /** A job that must survive, and whether only a sweep of every repository may delete it. */
    enum LookAlike {
        NO_TAGS("our name pattern, no tags", false),
        FOREIGN_TAGS_ONLY("our name pattern, someone else's tags", false),
        MARKER_OTHER_VALUE("marker key, another value", false),
        MARKER_VALUE_WITH_SPACE("marker value with a trailing space", false),
        MARKER_KEY_OTHER_CASE("marker key in other letter case", false),
        OUR_TAGS_OTHER_PREFIX("our tags, name prefix glue-health-checker-", false),
        OUR_TAGS_PREFIX_IN_CAPITALS("our tags, name prefix in capitals", false),
        OUR_TAGS_PREFIX_INSIDE("our tags, our prefix inside another name", false),
        OUR_TAGS_NOT_EXPIRED("our tags, expiry a week ahead", false),
        OUR_TAGS_NO_EXPIRY("our tags, no expiry tag", false),
        OUR_TAGS_BAD_EXPIRY("our tags, unreadable expiry", false),
        OTHER_REPO("another repository's tag", true),
        REPO_OTHER_CASE("repository tag in other letter case", true),
        REPO_PREFIX("repository tag that is a prefix of ours", true),
        REPO_WITH_SUFFIX("repository tag that extends ours", true);

        final String label;
        final boolean anotherRepositorysJob;

        LookAlike(String label, boolean anotherRepositorysJob) {
            this.label = label;
            this.anotherRepositorysJob = anotherRepositorysJob;
        }

        String jobName() {
            String tail = "-orders-etl-pr12-b" + (40 + ordinal()) + "-" + String.format("%08x", 0xbeef0000 + ordinal());
            return switch (this) {
                case OUR_TAGS_OTHER_PREFIX -> "glue-health-checker" + tail;
                case OUR_TAGS_PREFIX_IN_CAPITALS -> "Glue-Health-Check" + tail;
                case OUR_TAGS_PREFIX_INSIDE -> "team-" + PREFIX + tail;
                default -> PREFIX + tail;
            };
        }

        Map<String, String> tags() {
            Map<String, String> ours = new HashMap<>();
            ours.put(OwnershipTags.MARKER, OwnershipTags.MARKER_VALUE);
            ours.put(OwnershipTags.REPO, REPO);
            ours.put(OwnershipTags.EXPIRES_AT, EXPIRED.toString());
            ours.put(OwnershipTags.CHECK_ID, String.format("%08x", 0xbeef0000 + ordinal()));
            switch (this) {
                case NO_TAGS -> ours.clear();
                case FOREIGN_TAGS_ONLY -> {
                    ours.clear();
                    ours.put("team", "payments");
                    ours.put("expires", EXPIRED.toString());
                }
                case MARKER_OTHER_VALUE -> ours.put(OwnershipTags.MARKER, "glue-health-check-fork");
                case MARKER_VALUE_WITH_SPACE -> ours.put(OwnershipTags.MARKER, OwnershipTags.MARKER_VALUE + " ");
                case MARKER_KEY_OTHER_CASE -> ours.put("Glue-Health-Check:Managed-By", ours.remove(OwnershipTags.MARKER));
                case OUR_TAGS_NOT_EXPIRED -> ours.put(OwnershipTags.EXPIRES_AT, Instant.now().plus(Duration.ofDays(7)).toString());
                case OUR_TAGS_NO_EXPIRY -> ours.remove(OwnershipTags.EXPIRES_AT);
                case OUR_TAGS_BAD_EXPIRY -> ours.put(OwnershipTags.EXPIRES_AT, "never");
                case OTHER_REPO -> ours.put(OwnershipTags.REPO, "data/finance");
                case REPO_OTHER_CASE -> ours.put(OwnershipTags.REPO, "Data/ETL");
                case REPO_PREFIX -> ours.put(OwnershipTags.REPO, "data/et");
                case REPO_WITH_SUFFIX -> ours.put(OwnershipTags.REPO, "data/etl-old");
                default -> {
                }
            }
            return ours;
        }
    }

    /** Who acts on the jobs. */
    enum Actor {
        CHECK_THAT_PASSES("a passing check of data/etl, with its sweep"),
        CHECK_THAT_FAILS("a failing check of data/etl, with its sweep"),
        CHECK_THAT_IS_CANCELLED("a cancelled check of data/etl"),
        REPOSITORY_SWEEP("data/etl's sweep, a day later"),
        JANITOR_SWEEP("the janitor's sweep of every repository (no S3), a day later"),
        MODE_SWEEP("mode: sweep (every repository), a day later");

        final String label;

        Actor(String label) {
            this.label = label;
        }

        boolean everyRepository() {
            return this == JANITOR_SWEEP || this == MODE_SWEEP;
        }

        boolean sweepsTheOrphan() {
            return this != CHECK_THAT_IS_CANCELLED;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Actor.class)
    void nothingThatIsNotOursIsEverStoppedOrDeleted(Actor actor, @TempDir Path workspace) throws Exception {
        try (LocalAws local = new LocalAws(workspace)) {
            // Every look-alike has a run going, so a stop would show.
            local.endpoint.runScripts().forJobsMatching(name -> !name.contains("-b34-"),
                    RunScript.builder().running(Duration.ZERO).thenRunUntilStopped());
            for (LookAlike l : LookAlike.values()) {
                local.aws.glue().createJob(r -> r.name(l.jobName()).role(LocalAws.ROLE).tags(l.tags())
                        .command(c -> c.name("pythonshell").scriptLocation("s3://team-scripts/" + l.name() + ".py"))
                        .maxCapacity(0.0625));
                local.aws.glue().startJobRun(r -> r.jobName(l.jobName()));
            }
            local.aws.glue().createJob(r -> r.name(ORPHAN).role(LocalAws.ROLE).maxCapacity(0.0625)
                    .command(c -> c.name("pythonshell").scriptLocation("s3://ci-scripts/old/orders.py"))
                    .tags(Map.of(OwnershipTags.MARKER, OwnershipTags.MARKER_VALUE, OwnershipTags.REPO, REPO,
                            OwnershipTags.EXPIRES_AT, EXPIRED.toString())));
            int requestsBefore = local.endpoint.requests().count();

            String outcome = act(actor, local);

            List<RecordedRequest> requests = local.endpoint.requests().all().subList(requestsBefore,
                    local.endpoint.requests().count());
            Set<String> jobsLeft = local.endpoint.state().jobs().stream().map(LocalState.Job::name).collect(Collectors.toSet());
            Map<String, Boolean> runGoing = new HashMap<>();
            local.endpoint.state().runs().forEach(r -> runGoing.merge(r.jobName(), r.active(), Boolean::logicalOr));

            List<String> problems = new ArrayList<>();
            int touched = 0;
            int otherRepositoriesDeleted = 0;
            int requestsNaming = 0;
            for (LookAlike l : LookAlike.values()) {
                boolean mayGo = actor.everyRepository() && l.anotherRepositorysJob;
                boolean gone = !jobsLeft.contains(l.jobName());
                boolean stopped = !runGoing.getOrDefault(l.jobName(), false);
                long naming = requests.stream().filter(r -> l.jobName().equals(r.jobName())
                        && Set.of("BatchStopJobRun", "DeleteJob", "TagResource", "UntagResource").contains(r.operation())).count();
                if (mayGo) {
                    otherRepositoriesDeleted += gone ? 1 : 0;
                    if (!gone || !stopped) {
                        problems.add(actor + " should have stopped and deleted the expired " + l.label);
                    }
                    continue;
                }
                requestsNaming += (int) naming;
                if (gone || stopped || naming > 0) {
                    touched++;
                    problems.add(l.label + " (" + l.jobName() + ") was " + (gone ? "deleted" : stopped ? "stopped" : "sent " + naming + " request(s)"));
                }
            }
            boolean orphanGone = !jobsLeft.contains(ORPHAN);
            if (actor.sweepsTheOrphan() != orphanGone) {
                problems.add("our expired orphan was " + (orphanGone ? "deleted" : "left") + ": " + outcome);
            }
            TOUCHED.addAndGet(touched);
            SUMMARY.row(String.valueOf(actor.ordinal()), actor.label, LookAlike.values().length, touched,
                    actor.everyRepository() ? otherRepositoriesDeleted + " (expired, by design)" : otherRepositoriesDeleted,
                    requestsNaming, orphanGone ? "deleted" : "left (no sweep)",
                    problems.isEmpty() ? "ok" : "FAILED: " + String.join("; ", problems));
            if (!problems.isEmpty()) {
                FAILED.incrementAndGet();
            }
            assertThat(problems).as("%s: %s", actor, outcome).isEmpty();
        }
    }

    /** Lets the actor act; returns what it reported. */
    static String act(Actor actor, LocalAws local) throws Exception {
        EngineOptions dayLater = LocalAws.fastOptions().clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(1))).build();
        return switch (actor) {
            case CHECK_THAT_PASSES, CHECK_THAT_FAILS, CHECK_THAT_IS_CANCELLED -> {
                local.endpoint.runScripts().forJobsContaining("-b34-", switch (actor) {
                    case CHECK_THAT_FAILS -> RunScript.builder().running(Duration.ofMillis(300)).thenFail("boom");
                    case CHECK_THAT_IS_CANCELLED -> RunScript.builder().running(Duration.ZERO).thenRunUntilStopped();
                    default -> RunScript.builder().running(Duration.ofMillis(300)).thenSucceed();
                });
                Cancellation cancellation = new Cancellation();
                ProgressListener cancelWhenRunning = new ProgressListener() {
                    @Override
                    public void runState(String job, String state, String detail) {
                        if (actor == Actor.CHECK_THAT_IS_CANCELLED && state.equals("RUNNING")) {
                            cancellation.cancel("the build was aborted");
                        }
                    }
                };
                CheckSpec spec = local.pythonShell("orders.py", "print(1)\n").build();
                PlanResult result = new PlanRunner(local.aws, LocalAws.fastOptions().build()).run(new HealthCheckPlan(
                        List.of(spec), local.context, 1, actor != Actor.CHECK_THAT_IS_CANCELLED, PREFIX),
                        cancelWhenRunning, cancellation);
                CheckStatus expected = switch (actor) {
                    case CHECK_THAT_FAILS -> CheckStatus.FAILED;
                    case CHECK_THAT_IS_CANCELLED -> CheckStatus.CANCELLED;
                    default -> CheckStatus.PASSED;
                };
                assertThat(result.status()).as(result.toString()).isEqualTo(expected);
                yield result.status() + ", sweep " + result.sweep();
            }
            case REPOSITORY_SWEEP, JANITOR_SWEEP, MODE_SWEEP -> {
                Sweeper.Scope scope = switch (actor) {
                    case REPOSITORY_SWEEP -> new Sweeper.Scope(PREFIX, REPO, false);
                    case JANITOR_SWEEP -> new Sweeper.Scope(PREFIX, null, false, false);
                    default -> new Sweeper.Scope(PREFIX, null, false);
                };
                SweepResult result = new Sweeper(local.aws, dayLater).sweep(scope, ACCOUNT, n -> { });
                assertThat(result.error()).isNull();
                yield result.toString();
            }
        };
    }

    @AfterAll
    static void writeSummary() {
        SUMMARY.note("Cells run: " + SUMMARY.size() + " (" + Actor.values().length + " actors, each facing "
                + LookAlike.values().length + " look-alike jobs with a run going and one genuine expired orphan); "
                + "look-alikes stopped or deleted that must not be: " + TOUCHED.get() + "; cells failed: " + FAILED.get() + ".");
        SUMMARY.write();
    }
}
