package io.github.gluehealthcheck.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process run the way a CI runner starts the CLI, timed from outside: the driver's wall-clock timestamp just
 * before exec, every stdout line stamped as it arrives through the pipe, and the moment the process is reaped.
 */
final class Proc {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    /** One line of output and when it arrived. */
    record Line(Instant at, String text) {
    }

    /** A finished process. */
    record Result(List<String> command, Instant started, Instant ended, int exitCode, List<Line> lines, String stderr,
            Long maxRssKb) {
        double seconds() {
            return Clock.seconds(started, ended);
        }

        Optional<Line> first(Predicate<String> p) {
            return lines.stream().filter(l -> p.test(l.text())).findFirst();
        }

        String output() {
            StringBuilder b = new StringBuilder();
            lines.forEach(l -> b.append(l.text()).append('\n'));
            return b.toString();
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n" + output() + stderr;
        }
    }

    private Proc() {
    }

    /**
     * Runs {@code command} in {@code dir} with {@code env} (replacing the environment), optionally under
     * {@code /usr/bin/time -v} for the peak RSS.
     */
    static Result run(List<String> command, Path dir, Map<String, String> env, boolean measureRss, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        Path timeFile = null;
        if (measureRss) {
            timeFile = Files.createTempFile("bench-time", ".txt");
            full.addAll(List.of("/usr/bin/time", "-v", "-o", timeFile.toString()));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path err = Files.createTempFile("bench-stderr", ".txt");
        pb.redirectError(err.toFile());
        List<Line> lines = Collections.synchronizedList(new ArrayList<>());
        Instant started = Clock.now();
        Process p = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(new Line(Clock.now(), ANSI.matcher(line).replaceAll("")));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "proc-stdout");
        reader.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        Instant ended = Clock.now();
        if (!done) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("did not end within " + timeoutSeconds + " s: " + String.join(" ", full));
        }
        reader.join(5000);
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        Long rss = null;
        if (timeFile != null) {
            Matcher m = MAX_RSS.matcher(Files.readString(timeFile));
            if (m.find()) {
                rss = Long.parseLong(m.group(1));
            }
            Files.deleteIfExists(timeFile);
        }
        return new Result(full, started, ended, p.exitValue(), List.copyOf(lines), stderr, rss);
    }

    /** The output of a short command, or null when it cannot run. */
    static String capture(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
