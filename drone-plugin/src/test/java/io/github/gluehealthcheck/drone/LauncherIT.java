package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/glue-health-check}, the launcher next to the jar: the same program as {@code java -jar}, with the
 * JVM settings of a short-lived CLI and an archive of a check's classes (class-data sharing before Java 25, an AOT
 * cache from 25 on) that a training run in the background makes when a run finds none, and later runs use, without
 * a word of the JVM's own in the output.
 */
class LauncherIT {
    private static final Path LAUNCHER = Cli.JAR.resolveSibling("glue-health-check");
    /** The JDK running the tests, as JAVA_HOME would give it. */
    private static final Path TEST_JDK = Path.of(System.getProperty("java.home"));
    /** A Java 25 (AOT cache) where the machine has one: .ci/run's machines do. */
    private static final Path JDK_25 = Path.of(System.getProperty("launcher.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    /** The archive's name in the cache: an AOT cache from Java 25 on, a class-data sharing archive before. */
    private static final String AOT_CACHE = "aot-\\d+\\.aot";
    private static final String CDS_ARCHIVE = "cds-\\d+\\.jsa";

    @TempDir
    Path home;
    @TempDir
    Path dir;

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Result launch(Path cache, Path workDir, Map<String, String> env, String... args) throws IOException,
            InterruptedException {
        return launch(TEST_JDK, cache, workDir, env, args);
    }

    private Result launch(Path jdk, Path cache, Path workDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        if (cache != null) {
            pb.environment().put("GLUE_HEALTH_CHECK_CACHE", cache.toString());
        }
        pb.environment().put("JAVA_HOME", jdk.toString());
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Waits for the background training to leave its archive (and nothing else) in {@code cache}. */
    private static Path archive(Path cache, String pattern) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            List<String> names;
            try (Stream<Path> files = Files.list(cache)) {
                names = files.map(f -> f.getFileName().toString()).sorted().toList();
            }
            if (names.size() == 1 && names.get(0).matches(pattern)) {
                return cache.resolve(names.get(0));
            }
            assertThat(System.nanoTime()).as("the training's archive in %s; there: %s", cache, names)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private void theFirstRunTrainsInTheBackgroundAndLaterRunsUseTheArchive(Path jdk, String pattern)
            throws Exception {
        Path cache = dir.resolve("cache");
        // Settings and credentials in the caller's environment reach the check, never the training run: it checks
        // its own job on the embedded endpoint, so this endpoint must see no call at all.
        try (LocalEndpointProcess endpoint = LocalEndpointProcess.start()) {
            Map<String, String> env = new HashMap<>(StepEnv.terminal(home).map());
            env.put("PLUGIN_ENDPOINT", endpoint.url());
            env.put("AWS_ACCESS_KEY_ID", StepEnv.ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", StepEnv.SECRET_KEY);
            Result first = launch(jdk, cache, dir, env, "--version");
            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(first.stdout()).startsWith("glue-health-check ").hasLineCount(1);
            assertThat(first.stderr()).isEmpty();
            Path archive = archive(cache, pattern);
            assertThat(endpoint.requests()).isEmpty();

            // A check by the next run: the classes it loads come from the archive, the program's and the SDK's.
            Path classes = dir.resolve("classes.log");
            env.put("JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
            env.remove("PLUGIN_ENDPOINT");
            Path workspace = StepEnv.workspace(dir.resolve("src"));
            Result check = launch(jdk, cache, workspace, env, check(endpoint));
            assertThat(check.exitCode()).as(check.toString()).isZero();
            assertThat(check.stdout()).startsWith("glue-health-check ").contains("Glue health check PASSED");
            assertThat(check.stderr()).isEmpty();
            assertThat(Files.readString(classes)).containsPattern(
                    "io\\.github\\.gluehealthcheck\\.drone\\.Main source: shared objects file").containsPattern(
                    "software\\.amazon\\.awssdk\\.services\\.glue\\.DefaultGlueClient source: shared objects file");
            assertThat(archive).exists();
            try (Stream<Path> files = Files.list(cache)) {
                assertThat(files).containsExactly(archive);
            }
        }
    }

    @Test
    void theFirstRunTrainsInTheBackgroundAndLaterRunsMapTheClassDataSharingArchive() throws Exception {
        theFirstRunTrainsInTheBackgroundAndLaterRunsUseTheArchive(TEST_JDK, archiveName());
    }

    private static String archiveName() {
        return Runtime.version().feature() >= 25 ? AOT_CACHE : CDS_ARCHIVE;
    }

    @Test
    void onJava25TheArchiveIsAnAotCache() throws Exception {
        assumeTrue(Files.isExecutable(JDK_25.resolve("bin/java")), "no Java 25 at " + JDK_25);
        theFirstRunTrainsInTheBackgroundAndLaterRunsUseTheArchive(JDK_25, AOT_CACHE);
    }

    private static String[] check(LocalEndpointProcess endpoint) {
        return new String[] {"--script", "jobs/orders_summary.py", "--job-type", "pythonshell", "--endpoint",
            endpoint.url(), "--region", "eu-west-1", "--access-key", StepEnv.ACCESS_KEY, "--secret-key",
            StepEnv.SECRET_KEY, "--role", "glue-ci", "--scripts-bucket", "s3://ci-scripts", "--repo", "data/etl"};
    }

    @Test
    void itChecksAJobLikeTheJarAndKeepsTheExitCodes() throws Exception {
        Path cache = dir.resolve("cache");
        Path workspace = StepEnv.workspace(dir.resolve("src"));
        try (LocalEndpointProcess endpoint = LocalEndpointProcess.start()) {
            String[] check = check(endpoint);
            for (int run = 1; run <= 2; run++) {
                Result r = launch(cache, workspace, StepEnv.terminal(home).map(), check);
                assertThat(r.exitCode()).as("run " + run + ": " + r).isZero();
                assertThat(r.stdout()).as(r.toString()).startsWith("glue-health-check ")
                        .contains("[orders_summary] verdict: PASSED", "Glue health check PASSED").doesNotContain("[cds", "[aot");
                assertThat(r.stderr()).isEmpty();
            }
            assertThat(endpoint.state().get("jobs")).isEmpty();
        }
        Result bad = launch(cache, workspace, StepEnv.terminal(home).map(), "--timeout", "soon", "--script", "a.py");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        // The first run's training ends on its own, leaving its archive alone in the cache.
        archive(cache, archiveName());
    }

    @Test
    void withoutACacheDirectoryTheProgramRunsAsItIs() throws Exception {
        // The cache's parent is a file: no directory, no archive, no training, the same output.
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        Result r = launch(file.resolve("cache"), dir, StepEnv.terminal(home).map(), "--version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).startsWith("glue-health-check ").hasLineCount(1);
        assertThat(r.stderr()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo("x");

        // No cache given and no HOME to put one in (a bare container): the same.
        Map<String, String> env = new HashMap<>(StepEnv.terminal(home).map());
        env.remove("HOME");
        Result bare = launch(null, dir, env, "--version");
        assertThat(bare.exitCode()).as(bare.toString()).isZero();
        assertThat(bare.stdout()).isEqualTo(r.stdout());
        assertThat(bare.stderr()).isEmpty();
    }
}
