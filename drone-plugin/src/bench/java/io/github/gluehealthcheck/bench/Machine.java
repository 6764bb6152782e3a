package io.github.gluehealthcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** What the benchmark ran on, and how busy the machine was. */
record Machine(String cpus, String cpuModel, String memory, String kernel, String os, String java, String java25,
        String python, String podman, String awsCli) {

    /** The 1, 5 and 15 minute load averages. */
    record Load(double one, double five, double fifteen) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f %.2f %.2f", one, five, fifteen);
        }
    }

    static Machine describe(String java, String java25, String awsCli) {
        String model = "unknown";
        String mem = "unknown";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
            mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0))
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            // keep "unknown"
        }
        String os = "unknown";
        try {
            os = Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).findFirst().orElse("unknown");
        } catch (IOException e) {
            // keep "unknown"
        }
        String javaVersion = Proc.capture(java, "-version");
        String java25Version = java25 == null ? null : Proc.capture(java25, "-version");
        return new Machine(nonNull(Proc.capture("nproc")), model, mem, nonNull(Proc.capture("uname", "-srm")), os,
                javaVersion == null ? "unknown" : javaVersion.replace('\n', ';'),
                java25Version == null ? "not measured" : java25Version.replace('\n', ';'),
                nonNull(Proc.capture("python3", "--version")), nonNull(Proc.capture("podman", "--version")),
                nonNull(Proc.capture(awsCli, "--version")));
    }

    private static String nonNull(String s) {
        return s == null ? "not found" : s;
    }

    static Load load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new Load(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException e) {
            return new Load(Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /** Waits until the 1-minute load average is below {@code threshold}, at most {@code max}; returns the last load. */
    static Load waitForQuiet(double threshold, Duration max, Consumer<String> log) throws InterruptedException {
        Instant until = Instant.now().plus(max);
        Load l = load();
        while (l.one() >= threshold && Instant.now().isBefore(until)) {
            log.accept("waiting for a quiet machine: load " + l + " (want the 1-minute average below " + threshold
                    + ", waiting at most until " + until + ")");
            Thread.sleep(20_000);
            l = load();
        }
        return l;
    }

    String summary() {
        return cpus + " CPUs (" + cpuModel + "), " + memory + ", " + os + ", " + kernel;
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", cpus);
        m.put("cpuModel", cpuModel);
        m.put("memory", memory);
        m.put("kernel", kernel);
        m.put("os", os);
        m.put("java", java);
        m.put("python", python);
        m.put("podman", podman);
        m.put("awsCli", awsCli);
        return m;
    }
}
