package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/glue-health-check}, the launcher next to the jar: the same program as {@code java -jar}, with the
 * JVM settings of a short-lived CLI and a class-data sharing archive that its first run makes and later runs use,
 * without a word of the JVM's own in the output.
 */
class LauncherIT {
    private static final Path LAUNCHER = Cli.JAR.resolveSibling("glue-health-check");

    @TempDir
    Path home;
    @TempDir
    Path dir;

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Result launch(Path cache, Path workDir, Map<String, String> env, String... args) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("GLUE_HEALTH_CHECK_CACHE", cache.toString());
        // The JDK running the tests, as JAVA_HOME would give it.
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theFirstRunMakesTheArchiveAndEveryRunPrintsOnlyTheProgramsOutput() throws Exception {
        Path cache = dir.resolve("cache");
        Map<String, String> env = StepEnv.terminal(home).map();
        Result first = launch(cache, dir, env, "--version");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).startsWith("glue-health-check ").hasLineCount(1);
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(f -> f.getFileName().toString())).singleElement().asString().matches("cds-\\d+\\.jsa");
        }
        Result second = launch(cache, dir, env, "--version");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.stdout()).isEqualTo(first.stdout());
        assertThat(second.stderr()).isEmpty();
    }

    @Test
    void itChecksAJobLikeTheJarAndKeepsTheExitCodes() throws Exception {
        Path cache = dir.resolve("cache");
        Path workspace = StepEnv.workspace(dir.resolve("src"));
        try (LocalEndpointProcess endpoint = LocalEndpointProcess.start()) {
            String[] check = {"--script", "jobs/orders_summary.py", "--job-type", "pythonshell", "--endpoint",
                endpoint.url(), "--region", "eu-west-1", "--access-key", StepEnv.ACCESS_KEY, "--secret-key",
                StepEnv.SECRET_KEY, "--role", "glue-ci", "--scripts-bucket", "s3://ci-scripts", "--repo", "data/etl"};
            for (int run = 1; run <= 2; run++) {
                Result r = launch(cache, workspace, StepEnv.terminal(home).map(), check);
                assertThat(r.exitCode()).as("run " + run + ": " + r).isZero();
                assertThat(r.stdout()).as(r.toString()).startsWith("glue-health-check ")
                        .contains("[orders_summary] verdict: PASSED", "Glue health check PASSED").doesNotContain("[cds");
            }
            assertThat(endpoint.state().get("jobs")).isEmpty();
        }
        Result bad = launch(cache, workspace, StepEnv.terminal(home).map(), "--timeout", "soon", "--script", "a.py");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
    }
}
