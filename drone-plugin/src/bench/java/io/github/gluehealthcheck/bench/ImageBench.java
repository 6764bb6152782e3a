package io.github.gluehealthcheck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The plugin image that the build makes offline (Jib on the jlink'd local base, see the image-test profile): its
 * size, its layers, and how long a container takes from {@code podman run} to its first line of output. Podman
 * runs with runc and cgroupfs, its storage under the output directory, as the image test does.
 */
final class ImageBench {
    static final String IMAGE = "localhost/glue-health-check:image-test";
    static final String BASE = "localhost/glue-health-check-base:image-test";
    /** The plugin image plus a class-data archive, built here from the repository's Dockerfile.archive. */
    static final String ARCHIVE = "localhost/glue-health-check-archive:image-test";

    private final Bench.Options o;
    private final Path workspace;
    private final Consumer<String> log;
    private Path storage;
    private Path runRoot;

    ImageBench(Bench.Options o, Path workspace, Consumer<String> log) {
        this.o = o;
        this.workspace = workspace;
        this.log = log;
    }

    /** Sizes in bytes and start times in seconds. */
    static final class Result {
        String skipped;
        long imageBytes;
        long baseBytes;
        List<Map<String, Object>> layers = new ArrayList<>();
        List<Double> versionFirstLine = new ArrayList<>();
        List<Double> checkFirstLine = new ArrayList<>();
        List<Double> checkWall = new ArrayList<>();
        List<Double> baseJavaVersion = new ArrayList<>();
        List<Double> archiveCheckFirstLine = new ArrayList<>();
        List<Double> archiveCheckWall = new ArrayList<>();
        long archiveImageBytes;
        double archiveBuildSeconds;
        String entrypoint;

        long appBytes() {
            return imageBytes - baseBytes;
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("skipped", skipped);
            m.put("imageBytes", imageBytes);
            m.put("baseBytes", baseBytes);
            m.put("appLayersBytes", appBytes());
            m.put("layers", layers);
            m.put("entrypoint", entrypoint);
            m.put("versionFirstLineSeconds", versionFirstLine);
            m.put("checkFirstLineSeconds", checkFirstLine);
            m.put("checkWallSeconds", checkWall);
            m.put("baseJavaVersionFirstLineSeconds", baseJavaVersion);
            m.put("archiveImageBytes", archiveImageBytes);
            m.put("archiveBuildSeconds", archiveBuildSeconds);
            m.put("archiveCheckFirstLineSeconds", archiveCheckFirstLine);
            m.put("archiveCheckWallSeconds", archiveCheckWall);
            return m;
        }
    }

    Result run(Endpoint endpoint) throws Exception {
        Result r = new Result();
        Path imageTar = o.imageDir.resolve("jib-image.tar");
        Path baseTar = o.imageDir.resolve("base/base.tar");
        if (!Files.isRegularFile(imageTar) || !Files.isRegularFile(baseTar)) {
            r.skipped = "no image tarballs in " + o.imageDir + " (build without -DskipImageTest)";
            log.accept("  image: " + r.skipped);
            return r;
        }
        storage = o.out.resolve("podman");
        deleteTree(storage);
        runRoot = Files.createTempDirectory("bench-podman");
        try {
            for (Path tar : List.of(baseTar, imageTar)) {
                Proc.Result load = podman(false, "load", "-i", tar.toString());
                if (load.exitCode() != 0) {
                    throw new IllegalStateException("podman load failed:\n" + load);
                }
            }
            JsonNode image = inspect(IMAGE);
            r.imageBytes = image.get("Size").asLong();
            r.baseBytes = inspect(BASE).get("Size").asLong();
            r.entrypoint = image.get("Config").get("Entrypoint").toString();
            r.layers = layers(imageTar);
            log.accept("  image " + r.imageBytes / 1_000_000 + " MB, base " + r.baseBytes / 1_000_000 + " MB, layers " + r.layers);
            Path context = Files.createDirectories(o.out.resolve("archive-context"));
            Proc.Result build = podman(true, "build", "--build-arg", "PLUGIN_IMAGE=" + IMAGE, "-f",
                    o.repoRoot.resolve("Dockerfile.archive").toString(), "-t", ARCHIVE, context.toString());
            if (build.exitCode() != 0) {
                throw new IllegalStateException("podman build -f Dockerfile.archive failed:\n" + build);
            }
            r.archiveBuildSeconds = build.seconds();
            r.archiveImageBytes = inspect(ARCHIVE).get("Size").asLong();
            log.accept(String.format(Locale.ROOT, "  Dockerfile.archive: built in %.1f s, %d MB", build.seconds(),
                    r.archiveImageBytes / 1_000_000));

            for (int i = 0; i <= o.imageReps; i++) {
                Proc.Result base = podman(true, run(BASE, Map.of(), "java", "-version"));
                Proc.Result version = podman(false, run(IMAGE, Map.of(), "--version"));
                Proc.Result check = podman(false, run(IMAGE, pluginEnv(endpoint)));
                Proc.Result archived = podman(false, run(ARCHIVE, pluginEnv(endpoint)));
                if (check.exitCode() != 0 || version.exitCode() != 0 || archived.exitCode() != 0) {
                    throw new IllegalStateException("the image did not run:\n" + version + "\n" + check + "\n" + archived);
                }
                double b = firstLine(base);
                double v = firstLine(version);
                double c = firstLine(check);
                double a = firstLine(archived);
                log.accept(String.format(Locale.ROOT, "  image run %d%s: base `java -version` first line %.3f s, "
                        + "`--version` %.3f s, check first line %.3f s, check wall %.3f s; with the archive %.3f s, "
                        + "%.3f s", i, i == 0 ? " (warm-up, not counted)" : "", b, v, c, check.seconds(), a,
                        archived.seconds()));
                if (i > 0) {
                    r.baseJavaVersion.add(b);
                    r.versionFirstLine.add(v);
                    r.checkFirstLine.add(c);
                    r.checkWall.add(check.seconds());
                    r.archiveCheckFirstLine.add(a);
                    r.archiveCheckWall.add(archived.seconds());
                }
            }
        } finally {
            deleteTree(runRoot);
            deleteTree(storage);
        }
        return r;
    }

    private Map<String, String> pluginEnv(Endpoint endpoint) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PLUGIN_SCRIPT", "orders_summary.py");
        env.put("PLUGIN_JOB_TYPE", "pythonshell");
        env.put("PLUGIN_ENDPOINT", endpoint.url());
        env.put("PLUGIN_REGION", Bench.REGION);
        env.put("PLUGIN_ROLE", Bench.ROLE);
        env.put("PLUGIN_SCRIPTS_BUCKET", Bench.BUCKET);
        env.put("AWS_ACCESS_KEY_ID", Bench.ACCESS);
        env.put("AWS_SECRET_ACCESS_KEY", Bench.ACCESS);
        env.put("DRONE", "true");
        env.put("DRONE_REPO", Bench.REPO);
        env.put("DRONE_BUILD_NUMBER", "7");
        env.put("DRONE_WORKSPACE", "/drone/src");
        return env;
    }

    private static double firstLine(Proc.Result r) {
        return r.lines().isEmpty() ? Double.NaN : Clock.seconds(r.started(), r.lines().get(0).at());
    }

    private String[] run(String image, Map<String, String> env, String... args) {
        List<String> a = new ArrayList<>(List.of("run", "--rm", "--network=host", "--ulimit", "nofile=1024:1024",
                "--ulimit", "nproc=4096:4096", "-v", workspace + ":/drone/src", "-w", "/drone/src"));
        env.forEach((k, v) -> {
            a.add("-e");
            a.add(k + "=" + v);
        });
        a.add(image);
        a.addAll(List.of(args));
        return a.toArray(String[]::new);
    }

    private JsonNode inspect(String image) throws Exception {
        Proc.Result r = podman(false, "image", "inspect", image);
        return Endpoint.JSON.readTree(r.output()).get(0);
    }

    /** Each layer of the Jib tarball: what Jib put in it, compressed and uncompressed size. */
    private List<Map<String, Object>> layers(Path imageTar) throws Exception {
        JsonNode manifest = Endpoint.JSON.readTree(Proc.capture("tar", "xOf", imageTar.toString(), "manifest.json")).get(0);
        JsonNode config = Endpoint.JSON.readTree(Proc.capture("tar", "xOf", imageTar.toString(), manifest.get("Config").asText()));
        List<JsonNode> history = new ArrayList<>();
        config.get("history").forEach(h -> {
            if (!h.path("empty_layer").asBoolean(false)) {
                history.add(h);
            }
        });
        Map<String, Long> compressed = new HashMap<>();
        for (String line : Proc.capture("tar", "tvf", imageTar.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            compressed.put(f[f.length - 1], Long.parseLong(f[2]));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        JsonNode layerFiles = manifest.get("Layers");
        for (int i = 0; i < layerFiles.size(); i++) {
            String file = layerFiles.get(i).asText();
            String size = Proc.capture("bash", "-c", "tar xOf '" + imageTar + "' '" + file + "' | gzip -dc | wc -c");
            Map<String, Object> m = new LinkedHashMap<>();
            JsonNode h = i < history.size() ? history.get(i) : null;
            m.put("layer", h == null ? file : h.has("comment") ? h.get("comment").asText() : h.path("created_by").asText());
            m.put("compressedBytes", compressed.get(file));
            m.put("bytes", size == null ? null : Long.parseLong(size.trim()));
            out.add(m);
        }
        return out;
    }

    private Proc.Result podman(boolean mergeStderr, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc", "--cgroup-manager", "cgroupfs",
                "--events-backend", "file", "--storage-driver", "vfs", "--root", storage.toString(), "--runroot",
                runRoot.toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", System.getProperty("user.home"));
        return Proc.run(mergeStderr ? merged(args) : command, workspace, env, false, 600);
    }

    private List<String> merged(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "exec \"$@\" 2>&1", "bash", "podman", "--runtime",
                "runc", "--cgroup-manager", "cgroupfs", "--events-backend", "file", "--storage-driver", "vfs", "--root",
                storage.toString(), "--runroot", runRoot.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
