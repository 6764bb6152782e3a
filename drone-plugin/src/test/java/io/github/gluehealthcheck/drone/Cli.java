package io.github.gluehealthcheck.drone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged jar as its own process, as a CI runner or a terminal would: a clean environment (only what a
 * test gives, plus PATH), a working directory, and stdout and stderr captured apart.
 */
public final class Cli {
    public static final Path JAR = Path.of(System.getProperty("glue.jar", "target/glue-health-check.jar")).toAbsolutePath();
    public static final Path REPO = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    private Cli() {
    }

    /** The java launcher running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * What every run gets besides the test's variables: PATH, an empty HOME, and no AWS configuration or instance
     * metadata, so that nothing of this machine's leaks into a run.
     */
    public static Map<String, String> baseEnvironment(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    /** A finished run. {@link #output()} has ANSI colour removed; {@link #raw()} has it as printed. */
    public record Run(int exitCode, String raw, String stderr, Duration took) {
        public String output() {
            return raw.replaceAll("\u001B\\[[0-9;]*m", "");
        }

        public List<String> lines() {
            return output().lines().toList();
        }

        /** Everything the process printed, for "never printed" checks. */
        public String everything() {
            return raw + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + " after " + took.toMillis() + " ms\n--- stdout\n" + raw + "--- stderr\n" + stderr;
        }
    }

    /** A started run, for tests that signal it. */
    public static final class Started {
        public final Process process;
        final Path stdout;
        final Path stderr;
        final long started = System.nanoTime();

        Started(Process process, Path stdout, Path stderr) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        public String outputSoFar() {
            try {
                return Files.readString(stdout, StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits until stdout contains {@code text}, or fails after {@code timeout}. */
        public void awaitOutput(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!outputSoFar().contains(text)) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("'" + text + "' never appeared; output so far:\n" + outputSoFar());
                }
                Thread.sleep(50);
            }
        }

        /** Waits for the end and reads what it printed; the files that held it are deleted either way. */
        public Run await(Duration timeout) throws InterruptedException, IOException {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("the run did not end within " + timeout + "; output:\n" + outputSoFar());
                }
                return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - started));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
                Files.deleteIfExists(stdout.getParent());
            }
        }
    }

    public static Started start(Path directory, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path logs = Files.createTempDirectory("cli-run");
        Path out = logs.resolve("stdout");
        Path err = logs.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        return new Started(pb.start(), out, err);
    }

    public static Run run(Path directory, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return start(directory, env, args).await(Duration.ofMinutes(2));
    }
}
