package io.github.gluehealthcheck.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/** The results as Markdown: the targets of issue #6 first, then each scenario's numbers, then the machine. */
final class Report {
    private final Bench.Options o;
    private final Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private Machine machine;
    private Machine.Load quiet;
    private String quietNote = "";
    private Duration took;
    private final List<String[]> targets = new ArrayList<>();
    private final Map<String, String> loads = new LinkedHashMap<>();
    private final List<String> sections = new ArrayList<>();
    private List<Sample> single = List.of();
    private final Map<String, Double> noticeMedians = new LinkedHashMap<>();

    Report(Bench.Options o) {
        this.o = o;
    }

    void machine(Machine m) {
        machine = m;
    }

    void quiet(Machine.Load l, double threshold, Duration wait) {
        quiet = l;
        quietNote = l.one() < threshold ? "below " + threshold + " when measuring began"
                : "NOT below " + threshold + " after waiting " + wait.toMinutes() + " min: the figures are less reliable";
    }

    void load(String scenario, Machine.Load before, Machine.Load after) {
        loads.put(scenario, before + " -> " + after);
    }

    void took(Duration d) {
        took = d;
    }

    private void target(String figure, String target, String measured, Boolean met) {
        targets.add(new String[] {figure, target, measured, met == null ? "reported" : met ? "met" : "**not met**"});
    }

    // ------------------------------------------------------------------ scenarios

    void single(Bench.Way way, List<Sample> samples) {
        if (way == Bench.Way.JAR) {
            single = samples;
        }
        Stats overhead = stats(samples, Sample::overhead);
        Stats ours = stats(samples, Sample::ours);
        Stats jvm = stats(samples, Sample::jvmStart);
        Stats others = stats(samples, s -> s.others());
        Stats rss = stats(samples, s -> s.maxRssKb == null ? Double.NaN : s.maxRssKb / 1024.0);
        if (way.comparison) {
            target("For comparison: overhead including JVM start, `" + way.label + "`", "reported", s(overhead, 3)
                    + " s; excluding JVM start " + s(ours, 3) + " s", null);
        } else {
            target("Overhead of one passing check through the CLI, including JVM start (exec to exit minus the run's "
                    + "STARTING->final): `" + way.label + "`", "<= 1.5 s", s(overhead, 3) + " s", overhead.median() <= 1.5);
            target("The same, excluding JVM start (exec to `main()` entered): `" + way.label + "`", "<= 0.3 s", s(ours, 3)
                    + " s (JVM start " + s(jvm, 3) + " s)", ours.median() <= 0.3);
        }
        if (way == Bench.Way.JAR) {
            target("AWS calls of one passing check, excluding status polls and log reads", "<= 8", s(others, 0),
                    others.max() <= 8);
        }

        StringBuilder b = new StringBuilder("## One passing check through the CLI: `" + way.label + "`\n\n");
        b.append(switch (way) {
            case JAR -> "`java " + Bench.initLogOption("...") + " -jar glue-health-check.jar ";
            case JAR_NO_WARMUP -> "`java " + Bench.initLogOption("...") + " -cp glue-health-check.jar:<bench jar> "
                    + "io.github.gluehealthcheck.drone.MainWithoutWarmup ";
            case LAUNCHER, LAUNCHER_25 -> "`JAVA_OPTS=" + Bench.initLogOption("...") + " drone-plugin/target/glue-health-check ";
        })
                .append("--script orders_summary.py --job-type pythonshell --endpoint <local endpoint> ...`: the example "
                + "Python shell job, really run by the endpoint's python3. ").append(samples.size()).append(" runs after "
                + "one warm-up run").append(way.launcher ? " (before them the launcher's training run made its "
                + "archive in the background, waited for: class-data sharing, or an AOT cache on Java 25+)" : "")
                .append(", one after the other. Times in seconds; *run* is the run's StartedOn to "
                + "CompletedOn at the endpoint; *JVM start* is exec to `main()` being entered (the "
                + "wall-clock stamp of `Main`'s initialisation in the class-init log, which the JVM does right before "
                + "it calls `main`); *verdict after end* is CompletedOn to the verdict line arriving through the "
                + "pipe; *max RSS* from `/usr/bin/time -v`.\n\n");
        b.append("| run | wall | run | overhead | JVM start | overhead excl. JVM | verdict after end | first line "
                + "| calls | GetJobRun | log reads | other calls | max RSS MB |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        int i = 1;
        for (Sample x : samples) {
            b.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %d | %d | %d | %d | %s |%n",
                    i++, x.wall, x.run, x.overhead(), x.jvmStart(), x.ours(), x.notice, x.firstOutput, x.total(),
                    x.polls(), x.logReads(), x.others(), x.maxRssKb == null ? "" : String.valueOf(Stats.mb(x.maxRssKb))));
        }
        b.append(String.format(Locale.ROOT, "| **median** | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n%n",
                m(samples, x -> x.wall, 3), m(samples, x -> x.run, 3), m(samples, Sample::overhead, 3),
                m(samples, Sample::jvmStart, 3), m(samples, Sample::ours, 3), m(samples, x -> x.notice, 3),
                m(samples, x -> x.firstOutput, 3), m(samples, x -> x.total(), 0), m(samples, x -> x.polls(), 0),
                m(samples, x -> x.logReads(), 0), m(samples, x -> x.others(), 0), s(rss, 0)));
        Map<String, List<Double>> byOp = new TreeMap<>();
        for (Sample x : samples) {
            x.calls.forEach((k, v) -> byOp.computeIfAbsent(k, q -> new ArrayList<>()).add((double) v));
        }
        b.append("Calls by operation (median over the runs): ");
        List<String> ops = new ArrayList<>();
        byOp.forEach((k, v) -> ops.add(k + " " + Stats.f(new Stats(v).median(), 0)));
        b.append(String.join(", ", ops)).append(".\n");
        sections.add(b.toString());
    }

    void warm(List<Bench.WarmCheck> checks) {
        Stats later = new Stats(checks.subList(1, checks.size()).stream().map(Bench.WarmCheck::overhead).toList());
        target("The engine's overhead per check in a JVM that is already up and has run a check (a Jenkins "
                + "controller; `WarmChecks`): the JVM's start-up excluded entirely", "<= 0.3 s (read as: excluding "
                + "JVM start)", s(later, 3) + " s", later.median() <= 0.3);
        StringBuilder b = new StringBuilder("## Checks one after another in a warm JVM\n\n");
        b.append("`WarmChecks` (bench code): one JVM, flags as the CLI's; for each `go` written to it a new session "
                + "(new AWS clients, as each Jenkins step opens one), the check with the engine's defaults, the reports "
                + "written. Timed from writing `go` to the `done` line arriving through the pipe; *overhead* is that "
                + "minus the run's STARTING->final at the endpoint. Check 0 is the JVM's first (cold) one; the median "
                + "is over the others.\n\n| check | wall s | run s | overhead s | AWS calls |\n|---|---|---|---|---|\n");
        int i = 0;
        for (Bench.WarmCheck a : checks) {
            b.append(String.format(Locale.ROOT, "| %d%s | %.3f | %.3f | %.3f | %d |%n", i, i == 0 ? " (cold)" : "",
                    a.wall(), a.run(), a.overhead(), a.calls()));
            i++;
        }
        b.append("| **median of checks 1-").append(checks.size() - 1).append("** | | | ")
                .append(Stats.f(later.median(), 3)).append(" | |\n");
        sections.add(b.toString());
    }

    void floor(Map<String, List<double[]>> results, int classes, long fromArchive, long lambdas, int generatedSites,
            Map<String, List<double[]>> linkedMs) {
        StringBuilder b = new StringBuilder("## The AWS SDK alone\n\n");
        b.append("`SdkFloor` (bench code): a JVM that only builds the clients the way the engine does and makes each "
                + "call of a check once (GetCallerIdentity, ListJobs, PutObject, CreateJob, StartJobRun, GetJobRun, "
                + "FilterLogEvents twice, DeleteJob, DeleteObject) against canned answers in memory: the engine's "
                + "`SdkWarmup`, on the main thread. No settings, no network, no engine. It is the part of a check's "
                + "time that belongs to the SDK on this machine. Each archive is made by a run of the same program. ")
                .append(o.reps).append(" runs of each after a warm-up, alternating; seconds, medians.\n\n"
                + "| JVM settings | exec to main | SDK: clients and one call of each | exec to exit |\n|---|---|---|---|\n");
        results.forEach((k, v) -> b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", k,
                Stats.f(column(v, 0).median(), 3), Stats.f(column(v, 1).median(), 3), Stats.f(column(v, 2).median(), 3))));
        b.append(String.format(Locale.ROOT, "%nWith the AppCDS archive the program loads %d classes, %d of them from "
                + "the archive, and links %d lambda call sites (`-Xlog:class+load`, one run).%n%n", classes, fromArchive,
                lambdas));
        b.append("What linking that many call sites costs, apart from the SDK: `LambdaLink` (bench code) generates a class "
                + "whose `main` links ").append(generatedSites).append(" non-capturing lambdas, a getter and a setter "
                + "per field as an SDK model class does when it initialises, and times that from inside. Same "
                + "alternation; milliseconds, medians (min-max).\n\n| JVM settings | call sites | linking ms | "
                + "per call site µs |\n|---|---|---|---|\n");
        linkedMs.forEach((k, v) -> {
            Stats ms = column(v, 0);
            b.append(String.format(Locale.ROOT, "| %s | %d | %s (%s-%s) | %s |%n", k, generatedSites,
                    Stats.f(ms.median(), 1), Stats.f(ms.min(), 1), Stats.f(ms.max(), 1),
                    Stats.f(ms.median() * 1000 / generatedSites, 1)));
        });
        sections.add(b.toString());
    }

    /** Column {@code i} of rows of figures. */
    private static Stats column(List<double[]> rows, int i) {
        return new Stats(rows.stream().map(a -> a[i]).toList());
    }

    void compare(Map<String, List<Sample>> byWay) {
        StringBuilder b = new StringBuilder("## The same check, other ways (side by side, same endpoint, same job)\n\n");
        b.append("Medians of ").append(o.compareReps).append(" runs of each (the adaptive CLI: the ")
                .append(single.size()).append(" runs above). *fixed N s (engine)*: the same engine and settings, with "
                + "`PollSchedule.fixed(N s)` instead of the adaptive schedule, in its own JVM (`FixedPollCheck`). "
                + "*AWS CLI loop*: `drone-plugin/src/bench/original/aws-cli-loop.sh`, the original solution's loop "
                + "(`aws glue get-job-run`, `sleep 30`) with Terraform replaced by the equivalent `aws` calls.\n\n");
        b.append("| way | wall s | overhead s | verdict after end s | AWS calls | GetJobRun | other calls |\n"
                + "|---|---|---|---|---|---|---|\n");
        Map<String, List<Sample>> all = new LinkedHashMap<>();
        all.put("adaptive (CLI)", single);
        all.putAll(byWay);
        all.forEach((way, list) -> b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", way,
                m(list, x -> x.wall, 2), m(list, Sample::overhead, 2), m(list, x -> x.notice, 2),
                m(list, x -> x.total(), 0), m(list, x -> x.polls(), 0), m(list, x -> x.others(), 0))));
        b.append("\nRaw (wall / overhead / verdict after end, s): ");
        List<String> raw = new ArrayList<>();
        byWay.forEach((way, list) -> raw.add(way + ": " + String.join("; ", list.stream().map(x -> String.format(Locale.ROOT,
                "%.2f/%.2f/%.2f", x.wall, x.overhead(), x.notice)).toList())));
        b.append(String.join(" | ", raw)).append(".\n");
        sections.add(b.toString());
    }

    void latency(long latencyMs, Map<Bench.Way, List<Sample>> prompt, Map<Bench.Way, List<Sample>> late) {
        StringBuilder b = new StringBuilder("## The same check with every AWS call answered " + latencyMs
                + " ms late\n\n");
        b.append("On AWS each call takes tens of milliseconds; the local endpoint answers in one or two. Here the "
                + "endpoint answers every call to STS, Glue, S3 and CloudWatch Logs ").append(latencyMs).append(" ms late "
                + "(a delay fault on every operation), and each way's checks alternate with the same check answered at "
                + "once: ").append(o.compareReps).append(" of each, in the same run. *added* is the difference of the "
                + "medians; *calls x latency* is what the latency would add if every call waited on the one before.\n\n");
        b.append("| way | overhead, calls at once | overhead, calls " + latencyMs + " ms late | added | AWS calls "
                + "(late) | calls x latency |\n|---|---|---|---|---|---|\n");
        late.forEach((way, list) -> {
            List<Sample> at = prompt.get(way);
            Stats o0 = stats(at, Sample::overhead);
            Stats o1 = stats(list, Sample::overhead);
            Stats calls = stats(list, x -> x.total());
            b.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %.3f | %s | %.3f |%n", way.label, s(o0, 3), s(o1, 3),
                    o1.median() - o0.median(), s(calls, 0), calls.median() * latencyMs / 1000.0));
            target("Overhead of one check with every AWS call " + latencyMs + " ms late: `" + way.label + "`",
                    "reported", s(o1, 3) + " s; " + Stats.f(o1.median() - o0.median(), 3) + " s more than with "
                    + "calls answered at once", null);
        });
        b.append("\nRaw (overhead s, at once / late): ");
        List<String> raw = new ArrayList<>();
        late.forEach((way, list) -> raw.add(way.label + ": " + String.join("; ", IntStream
                .range(0, list.size()).mapToObj(i -> String.format(Locale.ROOT, "%.3f/%.3f",
                        prompt.get(way).get(i).overhead(), list.get(i).overhead())).toList())));
        b.append(String.join(" | ", raw)).append(".\n");
        sections.add(b.toString());
    }

    void notice(Map<String, List<Notice>> byWay, LongRun longRun) {
        List<Notice> adaptive = byWay.get("adaptive (CLI)");
        Stats a = new Stats(adaptive.stream().map(Notice::latency).toList());
        target("Time from the run reaching a final state to the verdict being printed, runs up to 2 min", "median <= 1 s",
                s(a, 3) + " s", a.median() <= 1.0);
        target("GetJobRun calls per minute of a long run, after its first 2 minutes", "<= 6",
                String.format(Locale.ROOT, "%.2f per minute on average, at most %d in a whole minute (run of %.0f s)",
                        longRun.perMinuteAverage(), longRun.perMinuteMax(), longRun.runSeconds()),
                longRun.perMinuteMax() <= 6 && longRun.perMinuteAverage() <= 6);

        StringBuilder b = new StringBuilder("## Noticing the end of runs up to 2 minutes\n\n");
        b.append("Scripted runs (`/_local/run-scripts`: STARTING 0.3 s, RUNNING for the time below, then SUCCEEDED), "
                + "the same durations for every way. The adaptive CLI checks all of them in one process (`--jobs`, "
                + "parallelism = number of jobs) on its own (beside only the idle long run); then the fixed-interval "
                + "engine pollers (one process each) and the AWS CLI loops (one per run) run at the same time. Each "
                + "value: seconds from the run's CompletedOn to its verdict line (GetJobRun calls in brackets).\n\n");
        b.append("| RUNNING s |");
        byWay.keySet().forEach(k -> b.append(' ').append(k).append(" |"));
        b.append("\n|---|");
        byWay.keySet().forEach(k -> b.append("---|"));
        b.append('\n');
        for (int i = 0; i < adaptive.size(); i++) {
            b.append("| ").append(adaptive.get(i).scriptedSeconds()).append(" |");
            for (List<Notice> list : byWay.values()) {
                Notice n = list.get(i);
                b.append(String.format(Locale.ROOT, " %.3f (%d) |", n.latency(), n.polls()));
            }
            b.append('\n');
        }
        b.append("| **median** |");
        for (var e : byWay.entrySet()) {
            Stats st = new Stats(e.getValue().stream().map(Notice::latency).toList());
            Stats polls = new Stats(e.getValue().stream().map(n -> (double) n.polls()).toList());
            noticeMedians.put(e.getKey(), st.median());
            b.append(String.format(Locale.ROOT, " **%.3f** (%s) |", st.median(), Stats.f(polls.median(), 0)));
        }
        b.append("\n\nMedian time to notice the end, relative to the adaptive schedule: ");
        List<String> ratios = new ArrayList<>();
        noticeMedians.forEach((k, v) -> ratios.add(String.format(Locale.ROOT, "%s %.1fx", k, v / a.median())));
        b.append(String.join(", ", ratios)).append(".\n\n");
        b.append("**Long run** (scripted: RUNNING for ").append(o.quick ? 150 : o.longRunSeconds).append(" s, one CLI "
                + "process): ").append(longRun).append(".\n");
        sections.add(b.toString());
    }

    void hundred(Bench.Way way, List<Hundred> runs) {
        Stats wall = new Stats(runs.stream().map(Hundred::wall).toList());
        Stats ratio = new Stats(runs.stream().map(Hundred::ratio).toList());
        Stats rss = new Stats(runs.stream().map(h -> h.maxRssKb() == null ? Double.NaN : h.maxRssKb() / 1024.0).toList());
        boolean allPassed = runs.stream().allMatch(Hundred::allPassed);
        int jobs = runs.get(0).jobs();
        Stats ratioAll = new Stats(runs.stream().map(Hundred::ratioAllCalls).toList());
        target(jobs + " jobs in one check, parallelism 20, endpoint throttling at " + Stats.f(o.throttleRps, 0)
                + " requests/s: all pass; wall <= 1.5 x (calls / " + Stats.f(o.throttleRps, 0) + " per s): `"
                + way.label + "`", "all pass; wall/floor <= 1.5", (allPassed ? "all passed" : "NOT all passed")
                + "; wall " + s(wall, 1) + " s; wall/floor " + s(ratio, 2) + " with accepted calls only (the "
                + "strict reading, held against the target); " + s(ratioAll, 2) + " with all calls (the issue's words)",
                allPassed && ratio.median() <= 1.5);
        target("Peak RSS of the CLI for that check: `" + way.label + "`", "<= 256 MB", s(rss, 0) + " MB",
                rss.median() <= 256);
        StringBuilder b = new StringBuilder("## " + jobs + " jobs in one check, throttled endpoint: `" + way.label
                + "`\n\n");
        b.append("`").append(way.launcher ? "drone-plugin/target/glue-health-check" : "java -jar glue-health-check.jar")
                .append(" --jobs <").append(jobs).append(" x orders_summary.py, pythonshell> "
                + "--parallelism 20 ...` under `/usr/bin/time -v`, against `local-endpoint --throttle-rps ")
                .append(Stats.f(o.throttleRps, 0)).append("` (a fresh endpoint per run; the Python shell runs are "
                + "real). *floor* = accepted calls / rate: the time the calls take at exactly the endpoint's rate. "
                + "Throttled calls (answered with ThrottlingException/SlowDown) are counted apart; they cost no "
                + "token at the endpoint.\n\n");
        b.append("| run | result | wall s | calls | accepted | throttled | floor s | wall/floor | wall/(calls/rate) | max RSS MB |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        int i = 1;
        for (Hundred h : runs) {
            b.append(String.format(Locale.ROOT, "| %d | %s, %d/%d SUCCEEDED, exit %d, %d jobs left | %.1f | %d | %d | %d | %.1f | %.2f | %.2f | %s |%n",
                    i++, h.status(), h.succeededRuns(), h.jobs(), h.exitCode(), h.jobsLeft(), h.wall(), h.totalCalls(),
                    h.accepted(), h.throttled(), h.floorSeconds(), h.ratio(), h.ratioAllCalls(),
                    h.maxRssKb() == null ? "" : String.valueOf(Stats.mb(h.maxRssKb()))));
        }
        b.append("\nAccepted calls by operation (run 1): ").append(runs.get(0).acceptedByOperation()).append(".\n");
        sections.add(b.toString());
    }

    void budget(List<Budget> plans) {
        for (Budget p : plans) {
            Stats verdict = new Stats(p.endToVerdict());
            if (p.budget() == null && p.jobs() == 1) {
                target("1 job, default status-read budget: time from the run's end to its verdict line", "median <= 1 s",
                        s(verdict, 3) + " s", verdict.median() <= 1.0);
            }
            if (p.budget() == null && p.jobs() == 20) {
                target("20 jobs in parallel, default status-read budget (5 a second): the most GetJobRun calls the "
                        + "endpoint received in any one second (sliding window)", "<= 5", p.peak() + " (in the seconds "
                        + "counted from the first read at most " + p.peakStepped() + "; mean " + Stats.f(p.mean(), 2)
                        + " a second over the plan's reads)", p.peak() <= 5);
            }
        }
        StringBuilder b = new StringBuilder("## The plan's status-read budget (`status_reads_per_second`)\n\n");
        b.append("`java -jar glue-health-check.jar --jobs <N x orders_summary.py, pythonshell> --parallelism N "
                + "[--status-reads-per-second 100] ...` against the local endpoint; scripted runs (STARTING 0.3 s, "
                + "then RUNNING: 1 job 6, 9 and 12 s in three checks one after another; 20 jobs 8 to 17.5 s, half a "
                + "second apart, in one check). 100 a second is more than 20 runs on the adaptive schedule ever ask "
                + "for: no budget in effect. *peak*: the most GetJobRun calls the endpoint received in any one second "
                + "(sliding window), and in brackets the most in one of the seconds counted from the plan's first "
                + "GetJobRun; *mean*: calls a second from the plan's first GetJobRun to its last. *The read that saw "
                + "it*: the run's last GetJobRun, stamped as it arrived (a few ms before CompletedOn when both "
                + "happen at once). Times are "
                + "from each run's CompletedOn at the endpoint: median (min, max, n).\n\n");
        b.append("| budget | jobs | GetJobRun calls | peak a second | mean a second | end to the read that saw it, s "
                + "| end to verdict line, s | wall s |\n|---|---|---|---|---|---|---|---|\n");
        for (Budget p : plans) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d (%d) | %s | %s | %s | %s |%n", p.label(),
                    p.jobs(), p.reads(), p.peak(), p.peakStepped(), Stats.f(p.mean(), 2), s(new Stats(p.endToRead()), 3),
                    s(new Stats(p.endToVerdict()), 3), s(new Stats(p.wall()), 1)));
        }
        sections.add(b.toString());
    }

    void changed(Bench.Way way, List<ChangedOnlyScenario.Run> runs) {
        List<ChangedOnlyScenario.Run> on = runs.stream().filter(ChangedOnlyScenario.Run::changedOnly).toList();
        boolean exactlyOne = !on.isEmpty() && on.stream().allMatch(r -> r.exitCode() == 0 && r.checked() == 1
                && r.runsStarted() == 1 && r.skipped() == ChangedOnlyScenario.JOBS - 1);
        StringBuilder walls = new StringBuilder();
        for (String reader : List.of("git", "JGit")) {
            List<Double> w = on.stream().filter(r -> r.reader().equals(reader)).map(ChangedOnlyScenario.Run::wall)
                    .toList();
            if (!w.isEmpty()) {
                walls.append("; wall ").append(s(new Stats(w), 2)).append(" s read by ").append(reader);
            }
        }
        target("A pull request touching 1 of " + ChangedOnlyScenario.JOBS + " jobs' scripts, changed_only: jobs "
                + "checked: `" + way.label + "`", "exactly 1", (exactlyOne ? "1 checked, "
                + (ChangedOnlyScenario.JOBS - 1) + " skipped, 1 run started, in every run" : "NOT exactly 1: " + on)
                + walls, exactlyOne);
        sections.add(ChangedOnlyScenario.section(way.label, runs, (way.launcher ? "drone-plugin/target/glue-health-check"
                : "java -jar glue-health-check.jar") + " --config .glue-health.yml --pull-request 21 --target-branch "
                + "main --changed-only ..."));
    }

    void reuse(Bench.Way way, int jobs, List<Reuse> runs) {
        List<Reuse> second = runs.stream().filter(r -> r.build() == 2).toList();
        List<Reuse> first = runs.stream().filter(r -> r.build() == 1).toList();
        Stats wall = new Stats(second.stream().map(Reuse::wall).toList());
        long maxRuns = second.stream().mapToLong(Reuse::glueRunsStarted).max().orElse(-1);
        double maxCost = second.stream().mapToDouble(Reuse::estimatedCostUsd).max().orElse(-1);
        boolean allReused = second.stream().allMatch(r -> r.reusedChecks() == jobs && r.exitCode() == 0);
        target("The same " + jobs + "-job plan again with reuse_passed (the second build): Glue runs started",
                "0", maxRuns + " (most in any repetition)", maxRuns == 0);
        target("The same " + jobs + "-job plan again with reuse_passed: estimated Glue cost", "$0",
                String.format(Locale.ROOT, "$%.4f (most in any repetition)", maxCost), maxCost == 0);
        target("The same " + jobs + "-job plan again with reuse_passed: wall time, exec to exit: `" + way.label + "`",
                "<= 2 s", s(wall, 2) + " s" + (allReused ? "" : "; NOT every check reused"),
                allReused && wall.median() <= 2.0);
        StringBuilder b = new StringBuilder("## The same " + jobs + "-job plan twice with reuse_passed: `" + way.label
                + "`\n\n");
        b.append("`").append(way.launcher ? "drone-plugin/target/glue-health-check" : "java -jar glue-health-check.jar")
                .append(" --jobs <").append(jobs).append(" x orders_summary.py, pythonshell> --parallelism 20 "
                + "--reuse-passed 7d --sweep false --build-number <N> ...`, twice against one `local-endpoint` that "
                + "keeps its state (a fresh endpoint per repetition): build 1 runs every check and records its "
                + "passes, build 2 is the measured one. Glue runs from the endpoint's run records, calls from its "
                + "request log, cost from report.json.\n\n");
        b.append("| repetition | build | result | wall s | Glue runs started | calls | calls by operation | est. Glue cost |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < runs.size(); i++) {
            Reuse r = runs.get(i);
            b.append(String.format(Locale.ROOT, "| %d | %d | %s, exit %d | %.2f | %d | %d | %s | $%.4f |%n", i / 2 + 1,
                    r.build(), r.verdict(), r.exitCode(), r.wall(), r.glueRunsStarted(), r.calls(),
                    r.callsByOperation(), r.estimatedCostUsd()));
        }
        Stats firstWall = new Stats(first.stream().map(Reuse::wall).toList());
        b.append("\nWall s, build 1 (every check runs): ").append(s(firstWall, 2)).append("; build 2 (every check "
                + "reused): ").append(s(wall, 2)).append(".\n");
        sections.add(b.toString());
    }

    void image(ImageBench.Result r) {
        if (r.skipped != null) {
            target("Image: container start to first output line", "<= 1.5 s", "not measured: " + r.skipped, null);
            sections.add("## The image\n\nNot measured: " + r.skipped + ".\n");
            return;
        }
        Stats first = new Stats(r.checkFirstLine);
        target("Image: container start to first output line (podman, local base)", "<= 1.5 s", s(first, 3) + " s",
                first.median() <= 1.5);
        target("Image size; app layers' size", "report; app layers <= 40 MB", mb(r.imageBytes) + " MB image, "
                + mb(r.appBytes()) + " MB app layers (base " + mb(r.baseBytes) + " MB)", r.appBytes() <= 40_000_000);
        StringBuilder b = new StringBuilder("## The image\n\n");
        b.append("Built offline by the build (Jib on the jlink'd local base of `make-base-image.sh`), loaded into a "
                + "private podman storage (runc, cgroupfs, vfs), run with `podman run --rm --network=host` as ImageIT "
                + "does. Entry point: `").append(r.entrypoint).append("`. ").append(o.imageReps)
                .append(" runs after one warm-up; seconds from exec of `podman run` to the first line of output.\n\n");
        b.append("| what | median s | min | max |\n|---|---|---|---|\n");
        row(b, "`podman run BASE java -version` (podman + JVM floor)", new Stats(r.baseJavaVersion));
        row(b, "`podman run IMAGE --version`", new Stats(r.versionFirstLine));
        row(b, "`podman run IMAGE` (a health check, PLUGIN_* settings): first line", first);
        row(b, "the same check: container start to exit", new Stats(r.checkWall));
        row(b, "the same check in the image of `Dockerfile.archive` (a class-data archive): first line",
                new Stats(r.archiveCheckFirstLine));
        row(b, "the same: container start to exit", new Stats(r.archiveCheckWall));
        b.append("\nImage ").append(mb(r.imageBytes)).append(" MB (podman's uncompressed size), base ")
                .append(mb(r.baseBytes)).append(" MB, app layers ").append(mb(r.appBytes())).append(" MB. ")
                .append("The image of `Dockerfile.archive` (the plugin image plus its archive): ")
                .append(mb(r.archiveImageBytes)).append(" MB, built in ")
                .append(String.format(Locale.ROOT, "%.1f", r.archiveBuildSeconds)).append(" s; the checks of the two ")
                .append("images alternate in each run.\n\n");
        b.append("| layer | uncompressed MB | compressed MB |\n|---|---|---|\n");
        for (Map<String, Object> l : r.layers) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", l.get("layer"), mbObj(l.get("bytes")),
                    mbObj(l.get("compressedBytes"))));
        }
        sections.add(b.toString());
    }

    // ------------------------------------------------------------------ writing

    Path write(Path file) throws IOException {
        StringBuilder b = new StringBuilder("# glue-health-check benchmark results\n\n");
        b.append("Command: `").append(o.command.isEmpty() ? "(Bench main)" : o.command).append("`. ")
                .append("Started ").append(at).append(", took ").append(took == null ? "?" : took.toMinutes() + " min")
                .append(o.quick ? " (**--quick**: fewer and shorter runs; not the published figures)" : "").append(".\n\n");
        b.append("Machine: ").append(machine.cpus()).append(" CPUs (nproc), ").append(machine.cpuModel()).append(", ")
                .append(machine.memory()).append(" memory, ").append(machine.os()).append(", ").append(machine.kernel())
                .append(". JDK of the CLI: ").append(machine.java()).append(". Java 25 of the launcher's other way: ")
                .append(machine.java25()).append(". ").append(machine.python()).append(", ")
                .append(machine.podman()).append(", ").append(machine.awsCli()).append(".\n\n");
        b.append("Load average (1/5/15 min) when measuring began: ").append(quiet).append(" (").append(quietNote)
                .append("); per scenario, before -> after: ");
        List<String> l = new ArrayList<>();
        loads.forEach((k, v) -> l.add(k + " " + v));
        b.append(String.join(", ", l)).append(".\n\n");
        b.append("## Targets (issue #6)\n\n| figure | target | measured: median (min, max, n) | |\n|---|---|---|---|\n");
        for (String[] t : targets) {
            b.append("| ").append(String.join(" | ", t)).append(" |\n");
        }
        b.append('\n');
        sections.forEach(s -> b.append(s).append('\n'));
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static void row(StringBuilder b, String what, Stats s) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", what, Stats.f(s.median(), 3), Stats.f(s.min(), 3),
                Stats.f(s.max(), 3)));
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    private static String mbObj(Object bytes) {
        return bytes == null ? "?" : mb(((Number) bytes).longValue());
    }

    private static Stats stats(List<Sample> samples, ToDoubleFunction<Sample> f) {
        return new Stats(samples.stream().map(f::applyAsDouble).toList());
    }

    private static String m(List<Sample> samples, ToDoubleFunction<Sample> f, int digits) {
        return Stats.f(stats(samples, f).median(), digits);
    }

    private static String s(Stats s, int digits) {
        return s.describe(digits);
    }
}
