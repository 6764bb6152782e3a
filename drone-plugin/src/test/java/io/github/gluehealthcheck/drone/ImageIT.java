package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gluehealthcheck.engine.changes.GitRepos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin image, built offline by Jib with the published build's configuration on a local stand-in for the
 * published base (make-base-image.sh builds it from the facts in published-base.properties: Python 3.9 as
 * /usr/bin/python3, `java` on PATH, root; see the image-test profile), run with podman (runc) as a Drone runner
 * would: PLUGIN_* and DRONE_* variables, the workspace mounted
 * at /drone/src and owned by root, the local endpoint on the host (--network=host). Podman keeps its storage in
 * target/, so nothing is left on the machine. Without podman this test fails; it is never skipped.
 */
class ImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of(System.getProperty("image.test.dir", "target/image-test")).toAbsolutePath();
    private static final String IMAGE = System.getProperty("image.test.name", "localhost/glue-health-check:image-test");
    private static final String BASE = "localhost/glue-health-check-base:image-test";
    private static final String DOCKERFILE_IMAGE = "localhost/glue-health-check-dockerfile:image-test";
    private static final String ARCHIVE_IMAGE = "localhost/glue-health-check-archive:image-test";
    @RegisterExtension
    static final LocalEndpointExtension endpoint = new LocalEndpointExtension();
    /** Podman's run state: short, as podman wants it (at most 50 characters), so not under target/. */
    private static Path runRoot;

    @TempDir
    Path dir;
    Path workspace;

    record Result(int exitCode, String output) {
        String plain() {
            return output.replaceAll("\u001B\\[[0-9;]*m", "");
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + output;
        }
    }

    @BeforeAll
    static void loadImages() throws Exception {
        // Fresh podman storage for each run: podman ties its storage to one run root.
        deleteTree(DIR.resolve("podman"));
        runRoot = Files.createTempDirectory("podman-run");
        Result version;
        try {
            version = podman(Duration.ofSeconds(30), "--version");
        } catch (IOException e) {
            fail("podman is needed for the image test: apt-get install podman runc (.ci/run installs them); "
                    + "-DskipImageTest leaves the image out of a local build. (" + e.getMessage() + ")");
            return;
        }
        assertThat(version.exitCode()).as(version.toString()).isZero();
        for (Path tar : List.of(DIR.resolve("base/base.tar"), DIR.resolve("jib-image.tar"))) {
            Result load = podman(Duration.ofMinutes(3), "load", "-i", tar.toString());
            assertThat(load.exitCode()).as(load.toString()).isZero();
        }
    }

    @AfterAll
    static void deletePodmanStorage() throws Exception {
        deleteTree(runRoot);
        deleteTree(DIR.resolve("podman"));
    }

    @BeforeEach
    void setUp() throws IOException {
        // Like Drone's workspace: created by root (the clone step), rwxr-xr-x.
        workspace = StepEnv.workspace(Files.createDirectories(dir.resolve("src")));
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A .glue-health.yml of two Python shell jobs: orders_summary passes, broken_report fails. */
    private void twoJobConfig() {
        StepEnv.write(workspace.resolve(".glue-health.yml"), """
                defaults:
                  job_type: pythonshell
                jobs:
                  - script: jobs/orders_summary.py
                  - script: jobs/broken_report.py
                """);
    }

    /** A Drone step's variables for the container: the workspace is /drone/src in there. */
    private StepEnv step() {
        return StepEnv.drone(dir.resolve("home"), Path.of("/drone/src")).aws(endpoint).remove("PATH").remove("HOME")
                .remove("AWS_CONFIG_FILE").remove("AWS_SHARED_CREDENTIALS_FILE");
    }

    @Test
    void thePluginImageChecksAJobAndWritesReportsAndCardIntoTheMountedWorkspace() throws Exception {
        Result run = runImage(IMAGE, step().set("PLUGIN_SCRIPT", "jobs/orders_summary.py")
                .set("PLUGIN_JOB_TYPE", "pythonshell").set("DRONE_CARD_PATH", "/dev/stdout").map());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.plain()).as(run.toString()).contains(
                "drone data/etl build 7, 1 job: orders_summary",
                "[orders_summary] start: with --health_check=true",
                "  | read 5 orders",
                "[orders_summary] verdict: PASSED",
                "Reports in /drone/src/glue-health-check: report.json junit.xml summary.md badge.svg",
                "\u001B]1338;");
        JsonNode report = JSON.readTree(workspace.resolve("glue-health-check/report.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("PASSED");
        assertThat(workspace.resolve("glue-health-check/junit.xml")).isRegularFile();
        assertThat(endpoint.state().get("jobs")).isEmpty();
    }

    @Test
    void severalJobsFromAConfigFileAndAFailureFailTheStep() throws Exception {
        twoJobConfig();
        Result run = runImage(IMAGE, step().set("PLUGIN_CONFIG", ".glue-health.yml").map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.plain()).as(run.toString()).contains("[orders_summary] | read 5 orders",
                "[broken_report] ! KeyError: 'total'", "Glue health check FAILED: 1 passed, 1 failed");
        JsonNode report = JSON.readTree(workspace.resolve("glue-health-check/report.json").toFile());
        assertThat(report.get("checks")).hasSize(2);
    }

    /** A Drone step in local mode: no AWS at all; the image's own Python runs Python shell scripts. */
    private StepEnv localStep() {
        return StepEnv.drone(dir.resolve("home"), Path.of("/drone/src")).set("PLUGIN_ENDPOINT", "local")
                .remove("PATH").remove("HOME").remove("AWS_CONFIG_FILE").remove("AWS_SHARED_CREDENTIALS_FILE");
    }

    /**
     * The stand-in base has what the plugin relies on in the published base, as published-base.properties cites it:
     * python3 and java where that base has them (found on the default PATH, as Jib's entry point and the endpoint
     * find them), the Python version, JAVA_HOME, LANG and the user.
     */
    /**
     * changed_only in the image, which has no git (as its published base has none): the workspace is a git checkout
     * made on the host, as Drone's clone step leaves it (the pull request's branch checked out, origin/main beside it),
     * and the plugin reads it with JGit. The pull request changes orders_summary only, so broken_report, which would
     * fail, is skipped and the step passes.
     */
    @Test
    void inAPullRequestTheImageWithoutGitChecksOnlyTheChangedJob() throws Exception {
        Result noGit = podman(Duration.ofMinutes(1), run(IMAGE, Map.of(), List.of("--entrypoint", "/bin/sh"),
                List.of("-c", "command -v git || echo no git")));
        assertThat(noGit.plain()).as(noGit.toString()).isEqualTo("no git\n");
        twoJobConfig();
        GitRepos.git(workspace, "init", "-q", "-b", "main");
        GitRepos.commit(workspace, "two jobs");
        GitRepos.git(workspace, "update-ref", "refs/remotes/origin/main", "HEAD");
        GitRepos.git(workspace, "checkout", "-q", "-b", "fix-orders");
        Files.writeString(workspace.resolve("jobs/orders_summary.py"), "\n# reviewed\n", StandardOpenOption.APPEND);
        GitRepos.commit(workspace, "orders: reviewed");

        Result run = runImage(IMAGE, step().pullRequest("9").set("PLUGIN_CONFIG", ".glue-health.yml")
                .set("PLUGIN_CHANGED_ONLY", "true").map());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.plain()).as(run.toString()).contains("changed_only: 1 file(s) changed since the merge base ",
                " of origin/main and HEAD; checking 1 of 2 job(s)", "[orders_summary] verdict: PASSED",
                "1 passed, 0 failed, 0 error(s), 1 skipped").doesNotContain("git is not installed");
        JsonNode report = JSON.readTree(workspace.resolve("glue-health-check/report.json").toFile());
        assertThat(report.get("checks").get(1).get("status").asText()).isEqualTo("SKIPPED");
        assertThat(endpoint.operations()).filteredOn("glue:StartJobRun"::equals).hasSize(1);
    }

    @Test
    void theStandInBaseHasThePublishedBasesFacts() throws Exception {
        java.util.Properties facts = PublishedBaseTest.facts();
        JsonNode config = inspect(BASE).get("Config");
        assertThat(config.path("User").asText()).as("no USER: root").isIn("", "0", facts.getProperty("user"));
        assertThat(strings(config.get("Env"))).contains("JAVA_HOME=" + facts.getProperty("java_home"),
                "LANG=" + facts.getProperty("lang"));
        Result found = podman(Duration.ofMinutes(1), run(BASE, Map.of(), List.of("--entrypoint", "/bin/sh"),
                List.of("-c", "command -v java; command -v python3;"
                        + " \"$JAVA_HOME/bin/java\" -version 2>/dev/null && echo JAVA_HOME runs;"
                        + " python3 -c 'import sys; print(\"%d.%d\" % sys.version_info[:2])'")));
        assertThat(found.exitCode()).as(found.toString()).isZero();
        assertThat(found.plain().lines().toList()).as(found.toString()).hasSize(4)
                .startsWith(facts.getProperty("java"), facts.getProperty("python3"))
                .endsWith(facts.getProperty("python_version"));
        assertThat(found.plain().lines().toList().get(2)).isEqualTo("JAVA_HOME runs");

        List<String> entrypoint = strings(inspect(IMAGE).get("Config").get("Entrypoint"));
        assertThat(entrypoint.get(0)).as("the plugin image runs the base's java from PATH").isEqualTo("java");
    }

    @Test
    void theImageCarriesAPython3ForPythonShellChecksInLocalMode() throws Exception {
        java.util.Properties facts = PublishedBaseTest.facts();
        Result python = podman(Duration.ofMinutes(1), run(IMAGE, Map.of(), List.of("--entrypoint", "python3"),
                List.of("-c", "import sys, csv, json, ssl, sqlite3; print('Python', sys.version.split()[0], sys.executable)")));
        assertThat(python.exitCode()).as(python.toString()).isZero();
        assertThat(python.plain()).as("the published base's python3: Glue's Python shell's 3.9")
                .startsWith("Python " + facts.getProperty("python_version") + ".")
                .endsWith(" " + facts.getProperty("python3") + "\n");
        measured("image python3: " + python.plain().strip());

        Result passing = runImage(IMAGE, localStep().set("PLUGIN_SCRIPT", "jobs/orders_summary.py")
                .set("PLUGIN_JOB_TYPE", "pythonshell").map());
        assertThat(passing.exitCode()).as(passing.toString()).isZero();
        assertThat(passing.plain()).as(passing.toString()).contains("  | read 5 orders",
                "[orders_summary] verdict: PASSED", "ran locally at no cost; on AWS it would cost $");

        Result failing = runImage(IMAGE, localStep().set("PLUGIN_SCRIPT", "jobs/broken_report.py")
                .set("PLUGIN_JOB_TYPE", "pythonshell").map());
        assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(1);
        assertThat(failing.plain()).as(failing.toString()).contains("! KeyError: 'total'",
                "[broken_report] verdict: FAILED: the job failed");
    }

    @Test
    void inLocalModeTheImageSaysWhatItCouldNotJudgeAndWhatItOnlyCompiled() throws Exception {
        StepEnv.write(workspace.resolve("jobs/wrangle.py"), "import awswrangler as wr\nprint(wr.__version__)\n");
        Result notChecked = runImage(IMAGE, localStep().set("PLUGIN_SCRIPT", "jobs/wrangle.py")
                .set("PLUGIN_JOB_TYPE", "pythonshell").map());
        assertThat(notChecked.exitCode()).as(notChecked.toString()).isEqualTo(3);
        assertThat(notChecked.plain()).as(notChecked.toString()).contains("[wrangle] verdict: NOT CHECKED LOCALLY: needs"
                + " awswrangler, which Glue's Python shell provides; install it here or check on AWS");
        assertThat(JSON.readTree(workspace.resolve("glue-health-check/report.json").toFile()).get("status").asText())
                .isEqualTo("NOT_CHECKED_LOCALLY");

        Result compiled = runImage(IMAGE, localStep().set("PLUGIN_SCRIPT", "jobs/data_processing.py").map());
        assertThat(compiled.exitCode()).as(compiled.toString()).isZero();
        assertThat(compiled.plain()).as(compiled.toString()).contains("[data_processing] verdict: COMPILED ONLY",
                "Glue health check COMPILED ONLY");
        assertThat(Files.readString(workspace.resolve("glue-health-check/summary.md"))).contains("| compiled only |");
    }

    @Test
    void badSettingsExit2InTheImageToo() throws Exception {
        Result run = runImage(IMAGE, step().set("PLUGIN_SCRIPT", "jobs/orders_summary.py").set("PLUGIN_TIMEOUT", "soon").map());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.plain()).contains("error: PLUGIN_TIMEOUT: 'soon' is not a whole number of minutes")
                .doesNotContain("Exception");
        assertThat(endpoint.operations()).isEmpty();
    }

    /**
     * Why the image runs as root: Drone's workspace belongs to root (rwxr-xr-x), and a non-root user cannot write
     * the reports into it. The check itself passes; the step still fails (3), because its reports are lost.
     */
    @Test
    void aNonRootUserCannotWriteReportsIntoDronesRootOwnedWorkspace() throws Exception {
        Result run = runImage(IMAGE, step().set("PLUGIN_SCRIPT", "jobs/orders_summary.py")
                .set("PLUGIN_JOB_TYPE", "pythonshell").map(), "--user", "1000:1000");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.plain()).as(run.toString()).contains("[orders_summary] verdict: PASSED",
                "error: could not write the reports to /drone/src/glue-health-check");
        assertThat(workspace.resolve("glue-health-check")).doesNotExist();
    }

    @Test
    void theImageIsLabelledReproducibleAndStartsTheMainClass() throws Exception {
        JsonNode image = inspect(IMAGE);
        JsonNode config = image.get("Config");
        assertThat(config.get("User").asText()).isEqualTo("0");
        assertThat(config.get("Entrypoint").toString()).contains("io.github.gluehealthcheck.drone.Main");
        for (String label : List.of("title", "description", "source", "url", "documentation", "licenses", "version",
                "revision", "base.name")) {
            assertThat(config.get("Labels").has("org.opencontainers.image." + label)).as(label).isTrue();
        }
        assertThat(image.get("Created").asText()).as("reproducible: fixed creation time").startsWith("1970-01-01T00:00:00");
        assertThat(image.get("RootFS").get("Layers").size()).as("JRE base plus Jib's layers").isGreaterThan(2);

        long started = System.nanoTime();
        Result version = podman(Duration.ofMinutes(1), run(IMAGE, Map.of(), List.of(), List.of("--version")));
        long startupMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.plain()).startsWith("glue-health-check ");
        measured("image " + IMAGE + ": " + image.get("Size").asLong() / 1_000_000 + " MB, "
                + (image.get("Size").asLong() - inspect(BASE).get("Size").asLong()) / 1_000_000 + " MB above the base; "
                + "podman run --version took " + startupMillis + " ms");
    }

    @Test
    void theDockerfileBuildsAnEquivalentImage() throws Exception {
        Result build = podman(Duration.ofMinutes(5), "build", "--build-arg", "JRE_IMAGE=" + BASE, "--build-arg",
                "VERSION=" + inspect(IMAGE).get("Config").get("Labels").get("org.opencontainers.image.version").asText(),
                "-f", Cli.REPO.resolve("Dockerfile").toString(), "-t", DOCKERFILE_IMAGE, Cli.REPO.toString());
        assertThat(build.exitCode()).as(build.toString()).isZero();

        JsonNode jib = inspect(IMAGE).get("Config");
        JsonNode dockerfile = inspect(DOCKERFILE_IMAGE).get("Config");
        assertThat(dockerfile.get("User").asText()).isEqualTo(jib.get("User").asText());
        for (String label : List.of("title", "description", "source", "url", "documentation", "licenses", "version")) {
            String key = "org.opencontainers.image." + label;
            assertThat(dockerfile.get("Labels").get(key)).as(key).isEqualTo(jib.get("Labels").get(key));
        }
        Result run = runImage(DOCKERFILE_IMAGE, step().set("PLUGIN_SCRIPT", "jobs/orders_summary.py")
                .set("PLUGIN_JOB_TYPE", "pythonshell").map());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.plain()).contains("[orders_summary] verdict: PASSED");
        assertThat(workspace.resolve("glue-health-check/report.json")).isRegularFile();
    }

    /**
     * Dockerfile.archive: the plugin image plus a class-data sharing archive made at build time by the image's own
     * JVM, with the plugin image's entry point plus the archive. {@code -Xshare:on} makes the JVM refuse to start
     * without the archive (a class path or JVM that does not match it), so a passing check proves it is mapped.
     */
    @Test
    void dockerfileArchiveAddsAClassDataArchiveThatTheChecksJvmMaps() throws Exception {
        Result build = podman(Duration.ofMinutes(5), "build", "--build-arg", "PLUGIN_IMAGE=" + IMAGE, "-f",
                Cli.REPO.resolve("Dockerfile.archive").toString(), "-t", ARCHIVE_IMAGE, dir.toString());
        assertThat(build.exitCode()).as(build.toString()).isZero();

        List<String> plugin = strings(inspect(IMAGE).get("Config").get("Entrypoint"));
        List<String> expected = new ArrayList<>(plugin);
        expected.addAll(plugin.indexOf("-cp"), List.of("-Xlog:cds*=off", "-XX:SharedArchiveFile=/app/classes.jsa"));
        JsonNode archive = inspect(ARCHIVE_IMAGE);
        assertThat(strings(archive.get("Config").get("Entrypoint"))).as("the plugin image's entry point plus the archive")
                .isEqualTo(expected);
        assertThat(archive.get("Config").get("User").asText()).isEqualTo("0");

        Result run = runImage(ARCHIVE_IMAGE, step().set("PLUGIN_SCRIPT", "jobs/orders_summary.py")
                .set("PLUGIN_JOB_TYPE", "pythonshell").set("JAVA_TOOL_OPTIONS", "-Xshare:on").map());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.plain()).as(run.toString()).contains("Picked up JAVA_TOOL_OPTIONS: -Xshare:on",
                "[orders_summary] verdict: PASSED").doesNotContain("shared archive");
        assertThat(workspace.resolve("glue-health-check/report.json")).isRegularFile();
        assertThat(endpoint.state().get("jobs")).isEmpty();

        // The control: with -Xshare:on the same JVM refuses to start on an archive that does not fit its class path.
        Result mismatch = podman(Duration.ofMinutes(1), run(ARCHIVE_IMAGE, Map.of(), List.of("--entrypoint", "java"),
                List.of("-Xshare:on", "-XX:SharedArchiveFile=/app/classes.jsa", "-cp", "/app", "Main")));
        assertThat(mismatch.exitCode()).as(mismatch.toString()).isNotZero();
        assertThat(mismatch.output()).as(mismatch.toString()).contains("shared archive");
        measured("image " + ARCHIVE_IMAGE + ": " + archive.get("Size").asLong() / 1_000_000 + " MB, "
                + (archive.get("Size").asLong() - inspect(IMAGE).get("Size").asLong()) / 1_000_000
                + " MB above the plugin image");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    // ------------------------------------------------------------------ podman

    private Result runImage(String image, Map<String, String> env, String... options) throws Exception {
        List<String> mounted = new ArrayList<>(List.of("-v", workspace + ":/drone/src", "-w", "/drone/src"));
        mounted.addAll(List.of(options));
        return podman(Duration.ofMinutes(3), run(image, env, mounted, List.of()));
    }

    /** {@code podman run} arguments: options, the image, then the program's arguments. */
    private static String[] run(String image, Map<String, String> env, List<String> options, List<String> programArgs) {
        List<String> args = new ArrayList<>(List.of("run", "--rm", "--network=host",
                "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=4096:4096"));
        env.forEach((k, v) -> {
            args.add("-e");
            args.add(k + "=" + v);
        });
        args.addAll(options);
        args.add(image);
        args.addAll(programArgs);
        return args.toArray(String[]::new);
    }

    private static JsonNode inspect(String image) throws Exception {
        Result r = podman(Duration.ofMinutes(1), "image", "inspect", image);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return JSON.readTree(r.output()).get(0);
    }

    /** Runs podman with runc and cgroupfs (crun fails on this kind of host), its storage under target/. */
    private static Result podman(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc", "--cgroup-manager", "cgroupfs",
                "--events-backend", "file", "--storage-driver", "vfs",
                "--root", DIR.resolve("podman/storage").toString(), "--runroot", runRoot.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("podman", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            fail("podman " + String.join(" ", args) + " did not end within " + timeout + ":\n" + Files.readString(out));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Result(p.exitValue(), output);
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static void measured(String line) throws IOException {
        System.out.println(line);
        Files.writeString(DIR.resolve("measurements.txt"), line + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
}
