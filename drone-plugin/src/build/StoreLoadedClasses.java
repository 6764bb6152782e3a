import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A build step of drone-plugin (its pom.xml, package phase, right after the shade): rewrites the runnable jar so
 * that the classes a health check loads, the project's own classes and the few resources are stored uncompressed,
 * and every other class stays deflated.
 *
 * <p>A {@code java -jar} check loads about 2,500 classes from the jar, 20 MB of class files that the JVM would
 * otherwise inflate one by one while the check starts: stored, the check uses about 0.3 s less CPU and ends about
 * 0.15 s sooner (docs/performance.md). Storing the whole jar would give the same and triple its size; storing
 * only what a check loads takes it from about 26 to about 41 MB.
 *
 * <p>Which classes: the JVM's own list ({@code -XX:DumpLoadedClassList}) of the jar's {@code train} command (a check
 * of a one-line Python shell job on the embedded local endpoint, with no settings, no credentials and no AWS call),
 * run with an empty environment, as the launcher's training is. Its verdict does not matter: without python3 the
 * job fails and the classes are the same. If that run gives no list, the jar stays as the shade made it (all
 * deflated, equally correct, slower to start) and the build says so.
 *
 * <p>Run by the JDK's source launcher, so the build needs no module of its own: {@code java StoreLoadedClasses.java
 * JAR}.
 */
public final class StoreLoadedClasses {
    /** A check loads about 2,500 of the jar's classes: a list with fewer than this is not one of a check. */
    private static final int FEWEST_CLASSES = 1000;
    private static final long TRAINING_SECONDS = 120;
    /**
     * The project's own classes, all stored: about 1 MB, and the paths one check does not take (a Drone card, a
     * failure, a timeout) load other ones.
     */
    private static final String OURS = "io/github/gluehealthcheck/";

    private StoreLoadedClasses() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: java StoreLoadedClasses.java JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path work = Files.createTempDirectory("glue-health-check-class-list");
        try {
            Set<String> loaded = classesACheckLoads(jar, work);
            Set<String> inJar = classesIn(jar);
            loaded.retainAll(inJar);
            if (loaded.size() < FEWEST_CLASSES) {
                System.out.println("[WARNING] " + jar.getFileName() + ": the class-list check loaded " + loaded.size()
                        + " of its classes (at least " + FEWEST_CLASSES + " expected), so the jar stays all deflated;"
                        + " it works the same and starts slower. The check's output: " + tail(work.resolve("run.log")));
                return;
            }
            long before = Files.size(jar);
            Layout layout = rewrite(jar, loaded);
            System.out.printf("[INFO] %s: %d classes (the %d a check loads, and ours) and the resources stored"
                    + " uncompressed, %.1f MB; %d classes deflated; %.1f MB -> %.1f MB%n", jar.getFileName(),
                    layout.storedClasses(), loaded.size(), layout.storedBytes() / 1e6, layout.deflatedClasses(),
                    before / 1e6, Files.size(jar) / 1e6);
        } finally {
            deleteTree(work);
        }
    }

    /** Class names (a/b/C) that a check run from {@code jar} loads, as the JVM lists them; empty if it made none. */
    static Set<String> classesACheckLoads(Path jar, Path work) throws IOException, InterruptedException {
        Path list = work.resolve("classes.lst");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:DumpLoadedClassList=" + list, "-jar",
                jar.toAbsolutePath().toString(), "train")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("run.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", work.resolve("none").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("none").toString());
        Process p = pb.start();
        if (!p.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        Set<String> names = new HashSet<>();
        if (Files.isRegularFile(list)) {
            try (Stream<String> lines = Files.lines(list, StandardCharsets.UTF_8)) {
                // "a/b/C", "a/b/C id: 7 ..." (Java 21+); "@..." and "#..." lines are not classes.
                lines.filter(l -> !l.isBlank() && !l.startsWith("@") && !l.startsWith("#"))
                        .forEach(l -> names.add(l.split(" ", 2)[0]));
            }
        }
        return names;
    }

    private static Set<String> classesIn(Path jar) throws IOException {
        Set<String> names = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                String name = className(e.nextElement().getName());
                if (name != null) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** a/b/C for a/b/C.class and META-INF/versions/N/a/b/C.class; null for anything else. */
    static String className(String entry) {
        if (!entry.endsWith(".class")) {
            return null;
        }
        String name = entry.substring(0, entry.length() - ".class".length());
        if (name.startsWith("META-INF/versions/")) {
            int slash = name.indexOf('/', "META-INF/versions/".length());
            return slash < 0 ? null : name.substring(slash + 1);
        }
        return name;
    }

    private record Layout(int storedClasses, int deflatedClasses, long storedBytes) {
    }

    /** Writes the jar anew, entry by entry in the same order and with the same times. */
    private static Layout rewrite(Path jar, Set<String> stored) throws IOException {
        Path out = jar.resolveSibling(jar.getFileName() + ".tmp");
        int storedClasses = 0;
        int deflatedClasses = 0;
        long storedBytes = 0;
        try (ZipFile in = new ZipFile(jar.toFile());
                OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
                ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                ZipEntry old = e.nextElement();
                byte[] data;
                try (InputStream s = in.getInputStream(old)) {
                    data = s.readAllBytes();
                }
                ZipEntry entry = new ZipEntry(old.getName());
                entry.setTime(old.getTime());
                String name = className(old.getName());
                if (name == null ? !old.isDirectory() : stored.contains(name) || name.startsWith(OURS)) {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(data.length);
                    entry.setCompressedSize(data.length);
                    entry.setCrc(crc.getValue());
                    storedBytes += data.length;
                    storedClasses += name == null ? 0 : 1;
                } else if (name != null) {
                    deflatedClasses++;
                }
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            throw e;
        }
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Layout(storedClasses, deflatedClasses, storedBytes);
    }

    private static String tail(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
