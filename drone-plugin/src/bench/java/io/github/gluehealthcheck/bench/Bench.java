package io.github.gluehealthcheck.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The benchmark of issue #6: a health check's overhead, its AWS calls and the time it takes to notice the end of a
 * run, measured against the local AWS endpoint from outside the processes, side by side with fixed-interval
 * pollers and with the original solution's AWS CLI loop. Writes {@code results.md} (tables, raw numbers, the
 * machine) and {@code raw.json} to the output directory. See docs/performance.md for what each figure means.
 *
 * <pre>
 * java -cp glue-health-check.jar:bench-classes io.github.gluehealthcheck.bench.Bench \
 *     --jar glue-health-check.jar --repo-root . --out target/bench [--scenarios single,compare,notice,budget,hundred,image]
 * </pre>
 */
public final class Bench {
    static final String ACCESS = "bench-local-endpoint-token";
    static final String REGION = "us-east-1";
    static final String ROLE = "glue-ci";
    static final String BUCKET = "s3://ci-scripts";
    static final String REPO = "data/etl";
    /** How the example job's verdict line starts in the CLI's output. */
    static final String EXAMPLE_VERDICT = "[orders_summary] verdict:";
    /** Generated getter/setter pairs that {@link LambdaLink} links: about as many call sites as a check links. */
    static final int LAMBDA_PAIRS = 700;

    private final Options o;
    private final Report report;
    private final Path workspace;
    private final Path home;
    private final Map<String, Object> raw = new LinkedHashMap<>();

    private Bench(Options o) throws IOException {
        this.o = o;
        Files.createDirectories(o.out);
        this.report = new Report(o);
        this.workspace = Files.createTempDirectory("glue-bench-ws");
        this.home = Files.createTempDirectory("glue-bench-home");
        Files.copy(o.repoRoot.resolve("examples/jobs/orders_summary.py"), workspace.resolve("orders_summary.py"));
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Bench b = new Bench(o);
        int code = b.run();
        System.exit(code);
    }

    private int run() throws Exception {
        Machine machine = Machine.describe(o.java, o.ways.contains(Way.LAUNCHER_25) ? o.java25 : null, o.awsCli);
        report.machine(machine);
        log("machine: " + machine.summary());
        Machine.Load quiet = Machine.waitForQuiet(o.quietLoad, o.quietWait, this::log);
        report.quiet(quiet, o.quietLoad, o.quietWait);
        raw.put("machine", machine.asMap());
        raw.put("loadAtStart", quiet.toString());
        Instant began = Instant.now();
        try (Endpoint endpoint = Endpoint.start(o.java, o.jar.toString())) {
            if (o.scenarios.contains("single")) {
                scenario("single", () -> single(endpoint));
            }
            if (o.scenarios.contains("warm")) {
                scenario("warm", () -> warm(endpoint));
            }
            if (o.scenarios.contains("floor")) {
                scenario("floor", this::floor);
            }
            if (o.scenarios.contains("compare")) {
                scenario("compare", () -> compare(endpoint));
            }
            if (o.scenarios.contains("latency")) {
                scenario("latency", () -> latency(endpoint));
            }
            if (o.scenarios.contains("notice")) {
                scenario("notice", () -> notice(endpoint));
            }
            if (o.scenarios.contains("budget")) {
                scenario("budget", () -> budget(endpoint));
            }
            if (o.scenarios.contains("image")) {
                scenario("image", () -> image(endpoint));
            }
            if (o.scenarios.contains("changed")) {
                scenario("changed", () -> changed(endpoint));
            }
        }
        if (o.scenarios.contains("hundred")) {
            scenario("hundred", this::hundred);
        }
        if (o.scenarios.contains("reuse")) {
            scenario("reuse", this::reuse);
        }
        report.took(Duration.between(began, Instant.now()));
        Path md = report.write(o.out.resolve("results.md"));
        Files.writeString(o.out.resolve("raw.json"),
                Endpoint.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(raw), StandardCharsets.UTF_8);
        log("results: " + md + " and " + o.out.resolve("raw.json"));
        System.out.println(Files.readString(md));
        return 0;
    }

    private void scenario(String name, Callable<Void> body) throws Exception {
        Machine.Load before = Machine.load();
        log("scenario " + name + " (load " + before + ")");
        body.call();
        Machine.Load after = Machine.load();
        report.load(name, before, after);
        log("scenario " + name + " done (load " + after + ")");
    }

    // ------------------------------------------------------------------ the CLI, one passing check

    /** Flags for one check of the example Python shell job against {@code endpoint}. */
    private List<String> checkFlags(Endpoint endpoint) {
        return new ArrayList<>(List.of("--script", "orders_summary.py", "--job-type", "pythonshell",
                "--endpoint", endpoint.url(), "--region", REGION, "--access-key", ACCESS, "--secret-key", ACCESS,
                "--role", ROLE, "--scripts-bucket", BUCKET, "--repo", REPO));
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    /** How the CLI is started: as documented ({@code java -jar}), or with the launcher next to the jar. */
    enum Way {
        JAR("java -jar glue-health-check.jar", false, false),
        LAUNCHER("drone-plugin/target/glue-health-check (launcher)", false, true),
        /** The launcher with JAVA_HOME at a Java 25 ({@code --java25}): its archive is an AOT cache. */
        LAUNCHER_25("drone-plugin/target/glue-health-check (launcher) on Java 25", false, true),
        /** The jar's program without the SDK warm-up (bench class MainWithoutWarmup): what the warm-up saves. */
        JAR_NO_WARMUP("java -jar glue-health-check.jar without the warm-up (comparison only)", true, false);

        final String label;
        /** Only measured to compare with (the single check); never held against a target. */
        final boolean comparison;
        /** Started by the launcher script, JVM options in JAVA_OPTS. */
        final boolean launcher;

        Way(String label, boolean comparison, boolean launcher) {
            this.label = label;
            this.comparison = comparison;
            this.launcher = launcher;
        }
    }

    /** The CLI's command line, with extra JVM options (the launcher takes them from JAVA_OPTS, see {@link #env}). */
    private List<String> cli(Way way, List<String> args) {
        List<String> c = new ArrayList<>();
        if (way == Way.JAR) {
            c.add(o.java);
            c.addAll(List.of("-jar", o.jar.toString()));
        } else if (way == Way.JAR_NO_WARMUP) {
            c.add(o.java);
            c.addAll(List.of("-cp", o.jar + ":" + o.benchClasses, "io.github.gluehealthcheck.drone.MainWithoutWarmup"));
        } else {
            c.add(o.jar.resolveSibling("glue-health-check").toString());
        }
        c.addAll(args);
        return c;
    }

    private List<String> cli(List<String> args) {
        return cli(Way.JAR, args);
    }

    /** For {@code way}, with extra JVM options: before -jar, or in JAVA_OPTS for the launcher. */
    private List<String> cli(Way way, List<String> jvmOptions, List<String> args) {
        List<String> c = cli(way, args);
        if (!way.launcher) {
            c.addAll(1, jvmOptions);
        }
        return c;
    }

    private Map<String, String> env(Way way, List<String> jvmOptions) {
        Map<String, String> env = env();
        if (way.launcher) {
            env.put("JAVA_HOME", Path.of(way == Way.LAUNCHER_25 ? o.java25 : o.java).getParent().getParent().toString());
            env.put("GLUE_HEALTH_CHECK_CACHE", launcherCache(way).toString());
            env.put("JAVA_OPTS", String.join(" ", jvmOptions));
        }
        return env;
    }

    private Path launcherCache(Way way) {
        return o.out.resolve("launcher-cache-" + way.name().toLowerCase(Locale.ROOT));
    }

    private Void single(Endpoint endpoint) throws Exception {
        for (Way way : o.ways) {
            if (way.launcher) {
                launcherArchive(way);
            }
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i <= o.reps; i++) {
                Path initLog = o.out.resolve("single-classinit-" + i + ".log");
                Files.deleteIfExists(initLog);
                Sample s = passingCheck(endpoint, way, List.of(initLogOption(initLog.toString())), true);
                s.mainEntered = mainEntered(initLog);
                Files.deleteIfExists(initLog);
                if (i == 0) {
                    log("  " + way.label + ": warm-up run (not counted): " + s.line());
                    continue;
                }
                log("  " + way.label + " run " + i + ": " + s.line());
                samples.add(s);
            }
            report.single(way, samples);
            raw.put("single " + way.label, samples.stream().map(Sample::asMap).toList());
        }
        return null;
    }

    /**
     * One check of the example job started {@code way}, with extra JVM options, that must pass; the endpoint's request
     * log holds its calls alone.
     */
    private Sample passingCheck(Endpoint endpoint, Way way, List<String> jvmOptions, boolean measureRss)
            throws Exception {
        endpoint.clearRequests();
        Proc.Result r = Proc.run(cli(way, jvmOptions, checkFlags(endpoint)), workspace, env(way, jvmOptions),
                measureRss, 300);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("the check did not pass:\n" + r);
        }
        return Sample.of(way.label, r, endpoint, r.started(), EXAMPLE_VERDICT);
    }

    /**
     * The launcher's first run starts its training run in the background, which makes the archive later runs map:
     * waits for it, so that no measured run shares the CPU with the training or goes without the archive.
     */
    private void launcherArchive(Way way) throws Exception {
        Path cache = launcherCache(way);
        deleteTree(cache);
        Proc.run(cli(way, List.of("--version")), workspace, env(way, List.of()), false, 120);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            List<String> names;
            try (var files = Files.list(cache)) {
                names = files.map(f -> f.getFileName().toString()).toList();
            }
            if (names.size() == 1 && names.get(0).matches("(cds|aot)-\\d+\\.(jsa|aot)")) {
                log("  " + way.label + ": archive " + names.get(0) + " made by its training run");
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the launcher's training made no archive in " + cache + ": " + names);
            }
            Thread.sleep(200);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The JVM option that writes the class initialisation log {@link #mainEntered} reads, to {@code file}. */
    static String initLogOption(String file) {
        return "-Xlog:class+init=info:file=" + file + ":timemillis";
    }

    /**
     * When {@code main()} was entered: the class initialisation log's stamp for {@code Main}, which the JVM
     * initialises right before it calls {@code main}. Not the class-load stamp: with an AOT cache (Java 25) every
     * cached class, {@code Main} with them, is loaded while the VM is still being created, about 50 ms before
     * {@code main} runs.
     */
    private static Instant mainEntered(Path initLog) throws IOException {
        for (String line : Files.readAllLines(initLog)) {
            if (line.contains(" Initializing 'io/github/gluehealthcheck/drone/Main'")
                    || line.contains(" Initializing 'io/github/gluehealthcheck/drone/MainWithoutWarmup'")) {
                String ms = line.substring(line.indexOf('[') + 1, line.indexOf("ms]"));
                return Instant.ofEpochMilli(Long.parseLong(ms));
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ checks in a warm JVM

    /**
     * The engine's overhead once the JVM is up and its code loaded, as in a Jenkins controller: {@link WarmChecks}
     * runs one check per {@code go} written to it; each is timed from writing {@code go} to its {@code done} line
     * arriving through the pipe, minus the run's STARTING->final at the endpoint. The first check is the cold one.
     */
    private Void warm(Endpoint endpoint) throws Exception {
        List<String> c = new ArrayList<>(List.of(o.java, "-cp", o.jar + ":" + o.benchClasses, WarmChecks.class.getName()));
        c.addAll(checkFlags(endpoint));
        ProcessBuilder pb = new ProcessBuilder(c).directory(workspace.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env());
        Process p = pb.start();
        List<WarmCheck> checks = new ArrayList<>();
        try (var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                var in = new PrintWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8), true)) {
            waitForLine(out, "ready");
            for (int i = 0; i <= o.reps * 2; i++) {
                endpoint.clearRequests();
                Instant go = Clock.now();
                in.println("go");
                String done = waitForLine(out, "done ");
                Instant at = Clock.now();
                if (!done.equals("done PASSED")) {
                    throw new IllegalStateException("a warm check did not pass: " + done);
                }
                List<Endpoint.Run> runs = endpoint.runs().stream().filter(x -> x.startedOn().isAfter(go)).toList();
                if (runs.size() != 1) {
                    throw new IllegalStateException("warm check " + i + ": expected one run, found " + runs.size());
                }
                WarmCheck check = new WarmCheck(Clock.seconds(go, at), runs.get(0).seconds(), endpoint.requests().size());
                checks.add(check);
                log(String.format(Locale.ROOT, "  warm check %d: wall %.3f s, run %.3f s, overhead %.3f s, %d calls",
                        i, check.wall(), check.run(), check.overhead(), check.calls()));
            }
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        report.warm(checks);
        raw.put("warm", checks.stream().map(a -> Map.of("wall", a.wall(), "run", a.run(), "overhead", a.overhead(),
                "calls", a.calls())).toList());
        return null;
    }

    /** One check in the warm JVM, seconds from writing {@code go} to its {@code done} line; the run's own time. */
    record WarmCheck(double wall, double run, long calls) {
        double overhead() {
            return wall - run;
        }
    }

    private static String waitForLine(BufferedReader out, String prefix) throws IOException {
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new IllegalStateException("the warm-check process ended before '" + prefix + "':\n" + seen);
    }

    // ------------------------------------------------------------------ the SDK alone

    /** One way of starting a JVM in the floor scenario: which Java, its options, and how its archive is made. */
    record JvmSetting(String label, String java, List<String> options, List<String> training) {
    }

    /**
     * How long the AWS SDK alone takes to build a check's clients and make each of its calls once (against canned
     * answers in memory): the part of "our" time that no change of ours can remove, under the launcher's JVM
     * settings without and with its archive, on Java 17 and (where there is one) on Java 25. Beside it, what linking
     * a lambda call site costs each of them ({@link LambdaLink}), and how many call sites the SDK links.
     */
    private Void floor() throws Exception {
        String cp = o.jar + ":" + o.benchClasses;
        Path jsa = o.out.resolve("floor.jsa");
        Path aot = o.out.resolve("floor.aot");
        List<JvmSetting> launcher = launcherSettings(jsa, aot);
        List<JvmSetting> sdk = new ArrayList<>(List.of(new JvmSetting("java defaults", o.java, List.of(), List.of())));
        sdk.addAll(launcher);
        List<String> sdkProgram = List.of("-cp", cp, SdkFloor.class.getName());
        Map<String, List<double[]>> results = alternate(sdk, List.of(jsa, aot), sdkProgram, r -> {
            long main = Long.parseLong(r.first(t -> t.startsWith("main ")).orElseThrow().text().substring(5));
            long done = Long.parseLong(r.first(t -> t.startsWith("done ")).orElseThrow().text().substring(5));
            return new double[] {(main - r.started().toEpochMilli()) / 1000.0, (done - main) / 1000.0, r.seconds()};
        });

        // How many lambda call sites the SDK links in that program, counted in one run with the archive.
        Path classLog = o.out.resolve("floor-classes.log");
        List<String> counted = new ArrayList<>(List.of(o.java));
        counted.addAll(launcher.get(1).options()); // the AppCDS archive
        counted.add("-Xlog:class+load:file=" + classLog);
        counted.addAll(sdkProgram);
        Proc.run(counted, workspace, env(), false, 120);
        List<String> loaded = Files.readAllLines(classLog).stream().filter(l -> l.contains(" source: ")).toList();
        long lambdas = loaded.stream().filter(l -> l.contains("$$Lambda")).count();
        long shared = loaded.stream().filter(l -> l.contains("source: shared objects file")).count();

        // The same cost apart from the SDK: a generated class linking as many getter/setter lambdas.
        Path linkDir = o.out.resolve("lambda-link");
        Path linkJar = LambdaLink.build(linkDir, LAMBDA_PAIRS);
        Path linkJsa = linkDir.resolve("linked.jsa");
        Path linkAot = linkDir.resolve("linked.aot");
        Map<String, List<double[]>> linked = alternate(launcherSettings(linkJsa, linkAot), List.of(linkJsa, linkAot),
                List.of("-cp", linkJar.toString(), LambdaLink.MAIN_CLASS), r -> {
                    String[] f = r.first(t -> t.startsWith("linked ")).orElseThrow().text().split(" ");
                    return new double[] {Double.parseDouble(f[2]) / 1e6};
                });

        report.floor(results, loaded.size(), shared, lambdas, 2 * LAMBDA_PAIRS, linked);
        Map<String, Object> m = new LinkedHashMap<>();
        results.forEach((k, v) -> m.put(k, v.stream().map(a -> Map.of("jvmStart", a[0], "sdk", a[1], "wall", a[2])).toList()));
        m.put("classesLoaded", loaded.size());
        m.put("classesFromArchive", shared);
        m.put("lambdaCallSites", lambdas);
        Map<String, Object> l = new LinkedHashMap<>();
        linked.forEach((k, v) -> l.put(k, v.stream().map(a -> a[0]).toList()));
        m.put("lambdaLinkMs", l);
        raw.put("floor", m);
        log("  floor: " + m);
        return null;
    }

    /**
     * The launcher's JIT and collector on the CLI's Java, without and (second) with a class-data archive at
     * {@code jsa}, then on Java 25 with an AOT cache at {@code aot} where there is a Java 25.
     */
    private List<JvmSetting> launcherSettings(Path jsa, Path aot) {
        List<String> launcher = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        List<JvmSetting> settings = new ArrayList<>(List.of(
                new JvmSetting(String.join(" ", launcher), o.java, launcher, List.of()),
                new JvmSetting("the same + AppCDS archive", o.java, plus(launcher, "-XX:SharedArchiveFile=" + jsa,
                        "-Xlog:cds*=off"), plus(launcher, "-XX:ArchiveClassesAtExit=" + jsa, "-Xlog:cds*=off"))));
        if (o.ways.contains(Way.LAUNCHER_25)) {
            settings.add(new JvmSetting("the same on Java 25 + AOT cache", o.java25, plus(launcher, "-XX:AOTCache=" + aot,
                    "-Xlog:cds*=off", "-Xlog:aot*=off"), plus(launcher, "-XX:AOTCacheOutput=" + aot, "-Xlog:cds*=off",
                    "-Xlog:aot*=off")));
        }
        return settings;
    }

    /**
     * Makes each setting's archive (deleting any earlier one first), then runs {@code program} under each setting in
     * turn, a warm-up round and {@code reps} measured rounds, and returns what {@code measure} read of each run.
     */
    private Map<String, List<double[]>> alternate(List<JvmSetting> settings, List<Path> archives, List<String> program,
            Function<Proc.Result, double[]> measure) throws IOException, InterruptedException {
        for (Path a : archives) {
            Files.deleteIfExists(a);
        }
        for (JvmSetting s : settings) {
            if (!s.training().isEmpty()) {
                Proc.run(plus(plus(List.of(s.java()), s.training()), program), workspace, env(), false, 300);
            }
        }
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int i = 0; i <= o.reps; i++) {
            for (JvmSetting s : settings) {
                Proc.Result r = Proc.run(plus(plus(List.of(s.java()), s.options()), program), workspace, env(), false,
                        120);
                if (r.exitCode() != 0) {
                    throw new IllegalStateException("floor run failed: " + r);
                }
                if (i > 0) {
                    results.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(measure.apply(r));
                }
            }
        }
        return results;
    }

    private static List<String> plus(List<String> first, String... more) {
        return plus(first, List.of(more));
    }

    private static List<String> plus(List<String> first, List<String> more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(more);
        return all;
    }

    // ------------------------------------------------------------------ the same check, other ways

    private Void compare(Endpoint endpoint) throws Exception {
        Map<String, List<Sample>> byWay = new LinkedHashMap<>();
        for (String way : List.of("fixed 6 s (engine)", "fixed 30 s (engine)", "AWS CLI loop, sleep 30 s (original)")) {
            List<Sample> samples = new ArrayList<>();
            for (int i = 1; i <= o.compareReps; i++) {
                endpoint.clearRequests();
                Proc.Result r;
                String verdictMarker;
                if (way.startsWith("AWS CLI")) {
                    r = Proc.run(awsCliLoop(endpoint, "orig-single-" + i + "-" + System.nanoTime() % 100000, 30),
                            workspace, awsEnv(), false, 600);
                    verdictMarker = "verdict:";
                } else {
                    r = Proc.run(fixedPoll(way.contains("30") ? 30 : 6, checkFlags(endpoint)), workspace, env(), false, 600);
                    verdictMarker = EXAMPLE_VERDICT;
                }
                if (r.exitCode() != 0) {
                    throw new IllegalStateException(way + ": the check did not pass:\n" + r);
                }
                Sample s = Sample.of(way, r, endpoint, r.started(), verdictMarker);
                log("  " + way + " run " + i + ": " + s.line());
                samples.add(s);
            }
            byWay.put(way, samples);
        }
        report.compare(byWay);
        Map<String, Object> m = new LinkedHashMap<>();
        byWay.forEach((k, v) -> m.put(k, v.stream().map(Sample::asMap).toList()));
        raw.put("compare", m);
        return null;
    }

    // ------------------------------------------------------------------ the same check, every call answered late

    /**
     * One check with every AWS call answered {@code latencyMs} late (the endpoint's delay fault on every operation),
     * as on AWS, where each call takes tens of milliseconds; alternating with the same check answered at once, so
     * that what the latency adds is measured in the same run, with the same way of starting the CLI.
     */
    private Void latency(Endpoint endpoint) throws Exception {
        Map<Way, List<Sample>> prompt = new LinkedHashMap<>();
        Map<Way, List<Sample>> late = new LinkedHashMap<>();
        try {
            for (Way way : o.ways) {
                if (way.comparison) {
                    continue;
                }
                if (way.launcher) {
                    launcherArchive(way);
                }
                List<Sample> a = new ArrayList<>();
                List<Sample> b = new ArrayList<>();
                for (int i = 0; i < o.compareReps; i++) {
                    a.add(latencyCheck(endpoint, way, 0));
                    b.add(latencyCheck(endpoint, way, o.latencyMs));
                }
                prompt.put(way, a);
                late.put(way, b);
                raw.put("latency 0 ms " + way.label, a.stream().map(Sample::asMap).toList());
                raw.put("latency " + o.latencyMs + " ms " + way.label, b.stream().map(Sample::asMap).toList());
            }
        } finally {
            endpoint.clearFaults();
        }
        report.latency(o.latencyMs, prompt, late);
        return null;
    }

    private Sample latencyCheck(Endpoint endpoint, Way way, long latencyMs) throws Exception {
        endpoint.clearFaults();
        if (latencyMs > 0) {
            endpoint.delayEveryCall(latencyMs);
        }
        Sample s = passingCheck(endpoint, way, List.of(), false);
        log("  " + way.label + ", every call " + latencyMs + " ms late: " + s.line());
        return s;
    }

    private List<String> fixedPoll(double seconds, List<String> flags) {
        List<String> c = new ArrayList<>(List.of(o.java, "-cp", o.jar + ":" + o.benchClasses,
                FixedPollCheck.class.getName(), String.valueOf(seconds)));
        c.addAll(flags);
        return c;
    }

    private List<String> awsCliLoop(Endpoint endpoint, String job, int pollSeconds) {
        return List.of("bash", o.repoRoot.resolve("drone-plugin/src/bench/original/aws-cli-loop.sh").toString(),
                endpoint.url(), "orders_summary.py", job, String.valueOf(pollSeconds));
    }

    private Map<String, String> awsEnv() {
        Map<String, String> env = env();
        env.put("AWS_ACCESS_KEY_ID", ACCESS);
        env.put("AWS_SECRET_ACCESS_KEY", ACCESS);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_CLI", o.awsCli);
        env.put("AWS_PAGER", "");
        return env;
    }

    // ------------------------------------------------------------------ noticing the end, runs up to 2 minutes

    private Void notice(Endpoint endpoint) throws Exception {
        List<Integer> durations = o.quick ? List.of(1, 3, 7, 12, 18) : o.durations;
        endpoint.clearRunScripts();
        // Each way gets its own job names; the same durations for every way.
        Map<String, String> prefixes = new LinkedHashMap<>();
        prefixes.put("adaptive (CLI)", "a");
        prefixes.put("fixed 6 s (engine)", "f");
        prefixes.put("fixed 30 s (engine)", "t");
        prefixes.put("AWS CLI loop, sleep 30 s (original)", "o");
        for (String p : prefixes.values()) {
            for (int d : durations) {
                endpoint.scriptRun("-" + p + String.format(Locale.ROOT, "%03d", d) + "-", 300, d * 1000L);
            }
        }
        long longRunSeconds = o.quick ? 150 : o.longRunSeconds;
        endpoint.scriptRun("-long-", 300, longRunSeconds * 1000);
        endpoint.clearRequests();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            // The adaptive CLI alone (but for the long run, which is idle most of the time), then the others
            // together: their waits are long, and they would only disturb the adaptive figure.
            Future<Proc.Result> longRun = pool.submit(() -> Proc.run(cli(jobsFlags(endpoint, List.of("long"), 1)),
                    workspace, env(), false, longRunSeconds + 600));
            // 18 runs of one plan would share the default status-read budget (the 'budget' scenario measures that):
            // with 100 a second, never reached, this measures the adaptive schedule, as before the budget existed.
            List<String> adaptiveFlags = new ArrayList<>(jobsFlags(endpoint, names("a", durations), durations.size()));
            adaptiveFlags.addAll(List.of("--status-reads-per-second", "100"));
            Proc.Result adaptive = Proc.run(cli(adaptiveFlags), workspace, env(), false, 1200);
            Future<Proc.Result> fixed6 = pool.submit(() -> Proc.run(fixedPoll(6, jobsFlags(endpoint, names("f", durations),
                    durations.size())), workspace, env(), false, 1200));
            Future<Proc.Result> fixed30 = pool.submit(() -> Proc.run(fixedPoll(30, jobsFlags(endpoint, names("t", durations),
                    durations.size())), workspace, env(), false, 1200));
            List<Future<Proc.Result>> original = new ArrayList<>();
            for (int d : durations) {
                String job = "orig-o" + String.format(Locale.ROOT, "%03d", d) + "-" + System.nanoTime() % 100000;
                original.add(pool.submit(() -> Proc.run(awsCliLoop(endpoint, job, 30), workspace, awsEnv(), false, 1200)));
            }
            Map<String, List<Proc.Result>> results = new LinkedHashMap<>();
            results.put("adaptive (CLI)", List.of(adaptive));
            results.put("fixed 6 s (engine)", List.of(fixed6.get()));
            results.put("fixed 30 s (engine)", List.of(fixed30.get()));
            List<Proc.Result> orig = new ArrayList<>();
            for (Future<Proc.Result> f : original) {
                orig.add(f.get());
            }
            results.put("AWS CLI loop, sleep 30 s (original)", orig);
            Proc.Result longResult = longRun.get();

            List<Endpoint.Request> requests = endpoint.requests();
            List<Endpoint.Run> runs = endpoint.runs();
            Map<String, List<Notice>> notices = new LinkedHashMap<>();
            for (var e : results.entrySet()) {
                String p = prefixes.get(e.getKey());
                List<Notice> list = new ArrayList<>();
                for (Proc.Result r : e.getValue()) {
                    if (r.exitCode() != 0) {
                        throw new IllegalStateException(e.getKey() + ": a check did not pass:\n" + r);
                    }
                }
                for (int d : durations) {
                    String name = p + String.format(Locale.ROOT, "%03d", d);
                    Endpoint.Run run = runs.stream().filter(x -> x.jobName().contains("-" + name + "-")).findFirst()
                            .orElseThrow(() -> new IllegalStateException("no run of " + name));
                    Proc.Line verdict = e.getValue().stream()
                            .map(r -> r.first(t -> t.startsWith("[" + name + "] verdict:")
                                    || r.command().stream().anyMatch(c -> c.contains("-" + name + "-")) && t.startsWith("verdict:")))
                            .filter(java.util.Optional::isPresent).map(java.util.Optional::get).findFirst()
                            .orElseThrow(() -> new IllegalStateException("no verdict line for " + name));
                    long polls = requests.stream().filter(q -> run.jobName().equals(q.jobName())
                            && q.operation().equals("GetJobRun")).count();
                    list.add(new Notice(d, run.seconds(), Clock.seconds(run.completedOn(), verdict.at()), polls));
                }
                notices.put(e.getKey(), list);
            }
            LongRun lr = LongRun.of(longResult, requests, runs);
            log("  long run: " + lr);
            report.notice(notices, lr);
            Map<String, Object> m = new LinkedHashMap<>();
            notices.forEach((k, v) -> m.put(k, v.stream().map(Notice::asMap).toList()));
            raw.put("notice", m);
            raw.put("longRun", lr.asMap());
        } finally {
            pool.shutdownNow();
            endpoint.clearRunScripts();
        }
        return null;
    }

    private static List<String> names(String prefix, List<Integer> durations) {
        return durations.stream().map(d -> prefix + String.format(Locale.ROOT, "%03d", d)).toList();
    }

    /** Flags for a check of several jobs (each the example job under its own name). */
    private List<String> jobsFlags(Endpoint endpoint, List<String> jobNames, int parallelism) {
        StringBuilder jobs = new StringBuilder("[");
        for (String n : jobNames) {
            jobs.append(jobs.length() > 1 ? "," : "").append("{\"script\":\"orders_summary.py\",\"job_name\":\"")
                    .append(n).append("\",\"job_type\":\"pythonshell\"}");
        }
        jobs.append(']');
        return List.of("--jobs", jobs.toString(), "--parallelism", String.valueOf(parallelism),
                "--endpoint", endpoint.url(), "--region", REGION, "--access-key", ACCESS, "--secret-key", ACCESS,
                "--role", ROLE, "--scripts-bucket", BUCKET, "--repo", REPO);
    }

    // ------------------------------------------------------------------ the plan's status-read budget

    /**
     * A plan of 1 job (three checks one after another) and of 20 jobs in parallel, with the default status-read
     * budget and with 100 a second, which 20 runs on the adaptive schedule never reach (no budget in effect).
     */
    private Void budget(Endpoint endpoint) throws Exception {
        endpoint.clearRunScripts();
        List<Budget> results = new ArrayList<>();
        try {
            for (Integer budget : Arrays.asList(null, 100)) {
                results.add(budgetPlan(endpoint, budget, 1, o.quick ? 1 : 3));
                results.add(budgetPlan(endpoint, budget, 20, 1));
            }
        } finally {
            endpoint.clearRunScripts();
        }
        report.budget(results);
        raw.put("budget", results.stream().map(Budget::asMap).toList());
        return null;
    }

    private Budget budgetPlan(Endpoint endpoint, Integer budget, int jobs, int checks) throws Exception {
        long reads = 0;
        int peak = 0;
        int peakStepped = 0;
        double readSeconds = 0;
        List<Double> endToRead = new ArrayList<>();
        List<Double> endToVerdict = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        for (int c = 1; c <= checks; c++) {
            // Runs of 1 job: 6, 9, 12 s; of 20 jobs: 8 to 17.5 s, half a second apart, so ends are spread.
            Map<String, Long> running = new LinkedHashMap<>();
            for (int j = 0; j < jobs; j++) {
                String name = String.format(Locale.ROOT, "b%s%02dc%dj%02d", budget == null ? "d" : "n", jobs, c, j);
                running.put(name, jobs == 1 ? 3000L + 3000L * c : 8000L + 500L * j);
                endpoint.scriptRun("-" + name + "-", 300, running.get(name));
            }
            List<String> flags = new ArrayList<>(jobsFlags(endpoint, List.copyOf(running.keySet()), jobs));
            if (budget != null) {
                flags.addAll(List.of("--status-reads-per-second", String.valueOf(budget)));
            }
            Proc.Result r = Proc.run(cli(flags), workspace, env(), false, 600);
            if (r.exitCode() != 0) {
                throw new IllegalStateException("budget " + budget + ", " + jobs + " jobs: the check did not pass:\n" + r);
            }
            wall.add(r.seconds());
            List<Endpoint.Run> runs = endpoint.runs();
            List<Endpoint.Request> requests = endpoint.requests();
            List<Instant> planReads = new ArrayList<>();
            for (String name : running.keySet()) {
                Endpoint.Run run = runs.stream().filter(x -> x.jobName().contains("-" + name + "-")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no run of " + name));
                List<Instant> at = requests.stream().filter(q -> run.jobName().equals(q.jobName())
                        && q.operation().equals("GetJobRun")).map(Endpoint.Request::at).sorted().toList();
                planReads.addAll(at);
                // The run's last read is the one that saw it end; when the read and the end fall in the same instant
                // it can be stamped (at its arrival) a moment before CompletedOn.
                Instant read = at.get(at.size() - 1);
                Proc.Line verdict = r.first(t -> t.startsWith("[" + name + "] verdict:"))
                        .orElseThrow(() -> new IllegalStateException("no verdict line for " + name));
                endToRead.add(Clock.seconds(run.completedOn(), read));
                endToVerdict.add(Clock.seconds(run.completedOn(), verdict.at()));
            }
            planReads.sort(null);
            // The GetJobRun arrivals, in seconds since the check's exec, to see how the reads spread over each second.
            StringBuilder timeline = new StringBuilder();
            requests.stream().filter(q -> q.operation().equals("GetJobRun") && q.jobName() != null
                    && running.keySet().stream().anyMatch(n -> q.jobName().contains("-" + n + "-")))
                    .forEach(q -> timeline.append(String.format(Locale.ROOT, "%8.3f %s %s%n",
                            Clock.seconds(r.started(), q.at()), q.errorCode() == null ? q.status() : q.errorCode(),
                            q.jobName())));
            Files.writeString(o.out.resolve(String.format(Locale.ROOT, "budget-%s-%02d-%d-timeline.txt",
                    budget == null ? "default" : budget, jobs, c)), timeline.toString());
            reads += planReads.size();
            peak = Math.max(peak, Budget.peak(planReads));
            peakStepped = Math.max(peakStepped, Budget.peakStepped(planReads));
            readSeconds += Clock.seconds(planReads.get(0), planReads.get(planReads.size() - 1));
            log(String.format(Locale.ROOT, "  budget %s, %d job(s), check %d: %d GetJobRun, peak %d in a second, "
                    + "wall %.1f s", budget == null ? "default" : budget, jobs, c, planReads.size(),
                    Budget.peak(planReads), r.seconds()));
        }
        return new Budget(budget, jobs, checks, reads, peak, peakStepped, readSeconds == 0 ? Double.NaN : reads / readSeconds,
                endToRead, endToVerdict, wall);
    }

    // ------------------------------------------------------------------ 100 jobs, throttled

    private Void hundred() throws Exception {
        int jobs = o.quick ? 30 : 100;
        for (Way way : o.ways) {
            if (!way.comparison) {
                hundred(way, jobs);
            }
        }
        return null;
    }

    private void hundred(Way way, int jobs) throws Exception {
        List<Map<String, Object>> rawRuns = new ArrayList<>();
        List<Hundred> samples = new ArrayList<>();
        if (way.launcher) {
            launcherArchive(way);
        }
        for (int i = 1; i <= o.hundredReps; i++) {
            try (Endpoint endpoint = Endpoint.start(o.java, o.jar.toString(), "--throttle-rps", String.valueOf(o.throttleRps))) {
                List<String> names = new ArrayList<>();
                for (int j = 1; j <= jobs; j++) {
                    names.add(String.format(Locale.ROOT, "orders_%03d", j));
                }
                Proc.Result r = Proc.run(cli(way, jobsFlags(endpoint, names, 20)), workspace, env(way, List.of()), true, 3600);
                List<Endpoint.Request> requests = endpoint.requests();
                String status = Endpoint.JSON.readTree(workspace.resolve("glue-health-check/report.json").toFile())
                        .path("status").asText();
                Hundred h = Hundred.of(jobs, o.throttleRps, r, requests, endpoint.runs(), status, endpoint.jobCount());
                log("  " + jobs + " jobs, " + way.label + ", run " + i + ": " + h);
                samples.add(h);
                Map<String, Object> m = h.asMap();
                m.put("perSecond", perSecond(requests, r.started()));
                rawRuns.add(m);
                // The run's output and the endpoint's request log, stamped in seconds since exec, to see where time goes.
                StringBuilder timeline = new StringBuilder();
                r.lines().forEach(l -> timeline.append(String.format(Locale.ROOT, "%8.3f out %s%n",
                        Clock.seconds(r.started(), l.at()), l.text())));
                requests.forEach(q -> timeline.append(String.format(Locale.ROOT, "%8.3f req %s %s %s%n",
                        Clock.seconds(r.started(), q.at()), q.name(), q.errorCode() == null ? q.status() : q.errorCode(),
                        q.jobName() == null ? "" : q.jobName())));
                Files.writeString(o.out.resolve("hundred-" + way.name().toLowerCase(Locale.ROOT) + "-" + i + "-timeline.txt"), timeline.toString());
            }
        }
        report.hundred(way, samples);
        raw.put("hundred " + way.label, rawRuns);
    }

    /** Requests per second since {@code from}: accepted/throttled, e.g. "10/2". */
    private static List<String> perSecond(List<Endpoint.Request> requests, Instant from) {
        List<String> out = new ArrayList<>();
        if (requests.isEmpty()) {
            return out;
        }
        long last = Duration.between(from, requests.get(requests.size() - 1).at()).toSeconds();
        long[] ok = new long[(int) last + 1];
        long[] throttled = new long[(int) last + 1];
        for (Endpoint.Request q : requests) {
            int sec = (int) Math.max(0, Duration.between(from, q.at()).toSeconds());
            if (q.throttled()) {
                throttled[sec]++;
            } else {
                ok[sec]++;
            }
        }
        for (int i = 0; i <= last; i++) {
            out.add(ok[i] + "/" + throttled[i]);
        }
        return out;
    }

    // ------------------------------------------------------------------ changed_only on a pull request

    /** A pull request touching 1 of 20 jobs' scripts, with changed_only (and once without, to compare). */
    private Void changed(Endpoint endpoint) throws Exception {
        Path dir = Files.createTempDirectory("glue-bench-changed");
        try {
            Path pr = ChangedOnlyScenario.pullRequestWorkspace(dir, o.repoRoot.resolve("examples/jobs/orders_summary.py"));
            String noGit = ChangedOnlyScenario.pathWithoutGit(dir);
            for (Way way : o.ways) {
                if (way.comparison) {
                    continue;
                }
                if (way.launcher) {
                    launcherArchive(way);
                }
                List<ChangedOnlyScenario.Run> runs = new ArrayList<>();
                int reps = o.quick ? 2 : o.compareReps;
                // reps runs that ask git, reps that read with JGit (no git on PATH), then the same pull request once
                // without changed_only.
                for (int i = 0; i < 2 * reps + 1; i++) {
                    boolean changedOnly = i < 2 * reps;
                    String reader = !changedOnly ? "-" : i < reps ? "git" : "JGit";
                    Map<String, String> env = env(way, List.of());
                    if (reader.equals("JGit")) {
                        env.put("PATH", noGit);
                    }
                    endpoint.clearRequests();
                    Proc.Result r = Proc.run(cli(way, ChangedOnlyScenario.flags(endpoint, changedOnly)), pr, env,
                            false, 600);
                    ChangedOnlyScenario.Run run = ChangedOnlyScenario.of(changedOnly, reader, r, pr,
                            endpoint.requests());
                    log("  changed_only " + (changedOnly ? "on" : "off") + ", " + way.label + ": " + run);
                    runs.add(run);
                }
                report.changed(way, runs);
                raw.put("changed " + way.label, runs.stream().map(ChangedOnlyScenario.Run::asMap).toList());
            }
        } finally {
            deleteTree(dir);
        }
        return null;
    }

    // ------------------------------------------------------------------ reuse_passed: the same plan twice

    /**
     * A plan of 20 jobs run twice with {@code --reuse-passed 7d} through the launcher, against one endpoint that keeps
     * its state: the first run checks every job and records its passes, the second (another build) finds them all.
     * Measured on the second run: Glue runs started, AWS calls by operation, wall time from exec to exit, and
     * report.json's estimated Glue cost; the first run's figures next to them.
     */
    private Void reuse() throws Exception {
        Way way = o.ways.contains(Way.LAUNCHER) ? Way.LAUNCHER : Way.JAR;
        if (way.launcher) {
            launcherArchive(way);
        }
        int jobs = 20;
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= jobs; j++) {
            names.add(String.format(Locale.ROOT, "reused_%02d", j));
        }
        List<Reuse> runs = new ArrayList<>();
        List<Map<String, Object>> rawRuns = new ArrayList<>();
        for (int rep = 1; rep <= o.reuseReps; rep++) {
            // A fresh endpoint per repetition: the first run of each finds no record.
            try (Endpoint endpoint = Endpoint.start(o.java, o.jar.toString())) {
                for (int build = 1; build <= 2; build++) {
                    endpoint.clearRequests();
                    int runsBefore = endpoint.runs().size();
                    List<String> flags = new ArrayList<>(jobsFlags(endpoint, names, 20));
                    flags.addAll(List.of("--reuse-passed", "7d", "--build-number", String.valueOf(100 * rep + build),
                            "--sweep", "false"));
                    Proc.Result r = Proc.run(cli(way, flags), workspace, env(way, List.of()), false, 600);
                    var report = Endpoint.JSON.readTree(workspace.resolve("glue-health-check/report.json").toFile());
                    Reuse sample = Reuse.of(build, r, endpoint.requests(), endpoint.runs().size() - runsBefore, report);
                    log("  reuse, " + way.label + ", repetition " + rep + ", build " + build + ": " + sample);
                    runs.add(sample);
                    rawRuns.add(sample.asMap());
                }
            }
        }
        report.reuse(way, jobs, runs);
        raw.put("reuse " + way.label, rawRuns);
        return null;
    }

    // ------------------------------------------------------------------ the image

    private Void image(Endpoint endpoint) throws Exception {
        ImageBench ib = new ImageBench(o, workspace, this::log);
        ImageBench.Result r = ib.run(endpoint);
        report.image(r);
        raw.put("image", r.asMap());
        return null;
    }

    void log(String line) {
        System.out.println("[bench " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
        System.out.flush();
    }

    // ------------------------------------------------------------------ options

    static final class Options {
        Path jar = Path.of("target/glue-health-check.jar").toAbsolutePath();
        Path benchClasses = Path.of("target/bench-classes").toAbsolutePath();
        Path repoRoot = Path.of("..").toAbsolutePath().normalize();
        Path out = Path.of("target/bench").toAbsolutePath();
        Path imageDir = Path.of("target/image-test").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        /** The launcher on Java 25 is measured too where this JDK is (this machine's), else left out with a note. */
        String java25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
        String awsCli = Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws";
        int reps = 10;
        int compareReps = 5;
        int hundredReps = 3;
        int reuseReps = 5;
        int imageReps = 7;
        double throttleRps = 10;
        long longRunSeconds = 300;
        List<Integer> durations = List.of(2, 5, 9, 14, 20, 27, 33, 41, 48, 56, 63, 71, 79, 88, 96, 104, 112, 119);
        boolean quick;
        double quietLoad = 1.0;
        Duration quietWait = Duration.ofMinutes(20);
        Set<String> scenarios = new LinkedHashSet<>(List.of("single", "warm", "floor", "compare", "latency", "notice",
                "budget", "changed", "hundred", "image", "reuse"));
        long latencyMs = 30;
        String command = "";
        List<Way> ways = List.of(Way.values());

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--jar" -> o.jar = Path.of(args[++i]).toAbsolutePath();
                    case "--bench-classes" -> o.benchClasses = Path.of(args[++i]).toAbsolutePath();
                    case "--repo-root" -> o.repoRoot = Path.of(args[++i]).toAbsolutePath().normalize();
                    case "--out" -> o.out = Path.of(args[++i]).toAbsolutePath();
                    case "--image-dir" -> o.imageDir = Path.of(args[++i]).toAbsolutePath();
                    case "--java" -> o.java = args[++i];
                    case "--java25" -> o.java25 = args[++i];
                    case "--aws-cli" -> o.awsCli = args[++i];
                    case "--reps" -> o.reps = Integer.parseInt(args[++i]);
                    case "--compare-reps" -> o.compareReps = Integer.parseInt(args[++i]);
                    case "--hundred-reps" -> o.hundredReps = Integer.parseInt(args[++i]);
                    case "--reuse-reps" -> o.reuseReps = Integer.parseInt(args[++i]);
                    case "--image-reps" -> o.imageReps = Integer.parseInt(args[++i]);
                    case "--throttle-rps" -> o.throttleRps = Double.parseDouble(args[++i]);
                    case "--latency-ms" -> o.latencyMs = Long.parseLong(args[++i]);
                    case "--long-run-seconds" -> o.longRunSeconds = Long.parseLong(args[++i]);
                    case "--quick" -> o.quick = true;
                    case "--quiet-load" -> o.quietLoad = Double.parseDouble(args[++i]);
                    case "--quiet-wait-minutes" -> o.quietWait = Duration.ofMinutes(Long.parseLong(args[++i]));
                    case "--command" -> o.command = args[++i];
                    case "--ways" -> o.ways = Arrays.stream(args[++i].split(","))
                            .map(w -> Way.valueOf(w.trim().toUpperCase(Locale.ROOT))).toList();
                    case "--scenarios" -> {
                        if (v != null && !v.isBlank() && !v.equals("all")) {
                            o.scenarios = new LinkedHashSet<>(Arrays.asList(v.split(",")));
                        }
                        i++;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (!Files.isExecutable(Path.of(o.java25)) && o.ways.contains(Way.LAUNCHER_25)) {
                o.ways = o.ways.stream().filter(w -> w != Way.LAUNCHER_25).toList();
                System.out.println("[bench] no Java 25 at " + o.java25 + " (--java25): the launcher on Java 25 is left out");
            }
            if (o.quick) {
                o.reps = Math.min(o.reps, 5);
                o.compareReps = Math.min(o.compareReps, 2);
                o.hundredReps = 1;
                o.reuseReps = Math.min(o.reuseReps, 2);
                o.imageReps = Math.min(o.imageReps, 3);
            }
            return o;
        }
    }
}
