package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quickstart, exactly as written there, in a copy of the repository that has nothing built (as a
 * fresh clone): one command that builds the program and runs a full health check on the embedded endpoint.
 */
class QuickstartIT {
    private static final Set<String> NOT_IN_A_CLONE = Set.of("target", ".git", ".idea", ".vscode", "node_modules");

    @TempDir
    Path dir;

    @Test
    void theReadmeQuickstartBuildsAndChecksTheExampleJobShowingEveryPhaseAndTheReports() throws Exception {
        String command = quickstartCommand();
        assertThat(command.lines()).as("the quickstart is one command").hasSize(1);
        Path checkout = copyOfTheRepository(dir.resolve("checkout"));
        Path log = dir.resolve("quickstart.log");

        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(checkout.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // A terminal's environment, minus what the Maven build running this test put there.
        pb.environment().keySet().removeIf(k -> k.startsWith("MAVEN_") || k.startsWith("MVNW_"));
        Process process = pb.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("the quickstart ends").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as(output).contains(
                "[preflight] credentials: local endpoint",
                "[sweep] ",
                "[orders_summary] stage: examples/jobs/orders_summary.py",
                "[orders_summary] create: glue-health-check-orders_summary-",
                "[orders_summary] start: with --health_check=true",
                "[orders_summary] wait: run jr_",
                "[orders_summary] state: SUCCEEDED",
                "  | health-check mode: using the built-in sample, writing nothing",
                "[orders_summary] verdict: PASSED",
                "[orders_summary] cleanup: delete job: done",
                "Glue health check PASSED: 1 passed",
                "Reports in " + checkout.resolve("glue-health-check") + ": report.json junit.xml summary.md badge.svg");
        JsonNode report = new ObjectMapper().readTree(checkout.resolve("glue-health-check/report.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("PASSED");
    }

    /**
     * The second example, as written: a check in a copy of a "deployed" job that the examples seed into the embedded
     * endpoint. It runs the jar this build made, from a copy of {@code examples} (the reports go there).
     */
    @Test
    void theReadmeBaseJobExampleChecksTheScriptInACopyOfTheSeededDeployedJob() throws Exception {
        String command = quickstartCommand(1);
        String jar = "java -jar drone-plugin/target/glue-health-check.jar ";
        assertThat(command.lines()).hasSize(1);
        assertThat(command).startsWith(jar);
        Path checkout = dir.resolve("checkout");
        copy(Cli.REPO.resolve("examples"), checkout.resolve("examples"));
        Path log = dir.resolve("base-job.log");

        ProcessBuilder pb = new ProcessBuilder("bash", "-c", Cli.java() + " -jar " + Cli.JAR + " "
                + command.substring(jar.length())).directory(checkout.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MAVEN_") || k.startsWith("MVNW_")
                || k.startsWith("PLUGIN_") || k.startsWith("DRONE") || k.startsWith("CI"));
        Process process = pb.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as(output).contains(
                "[orders_summary] create: a copy of deployed job orders-summary-nightly (only read): copied ",
                "arguments --input_path", "overridden arguments --job-bookmark-option",
                "health-check mode: using the built-in sample, writing nothing",
                "[orders_summary] verdict: PASSED");
        JsonNode report = new ObjectMapper().readTree(checkout.resolve("examples/glue-health-check/report.json").toFile());
        assertThat(report.get("checks").get(0).get("baseJob").get("name").asText()).isEqualTo("orders-summary-nightly");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!from.relativize(f).startsWith("glue-health-check")) {
                    Files.copy(f, target);
                }
            }
        }
    }

    /** The first bash block under the README's "Quickstart" heading. */
    private static String quickstartCommand() throws IOException {
        return quickstartCommand(0);
    }

    /** The n-th (from 0) bash block under the README's "Quickstart" heading. */
    private static String quickstartCommand(int n) throws IOException {
        String readme = Files.readString(Cli.REPO.resolve("README.md"));
        int section = readme.indexOf("## Quickstart");
        assertThat(section).as("README has a Quickstart section").isNotNegative();
        int end = readme.indexOf("\n## ", section + 1);
        Matcher m = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find(section)).isTrue();
        for (int i = 0; i < n; i++) {
            assertThat(m.find()).isTrue();
        }
        assertThat(m.start()).as("block %d is in the Quickstart section", n).isLessThan(end);
        return m.group(1).trim();
    }

    private static Path copyOfTheRepository(Path target) throws IOException {
        Path root = Cli.REPO;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                String name = d.getFileName() == null ? "" : d.getFileName().toString();
                if (!d.equals(root) && (NOT_IN_A_CLONE.contains(name) || d.equals(root.resolve("glue-health-check")))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(root.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (!f.getFileName().toString().equals(".git")) {
                    Files.copy(f, target.resolve(root.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return target;
    }
}
