package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar's layout (src/build/StoreLoadedClasses.java, run by the build right after the shade): the classes
 * a check loads are stored uncompressed, so that {@code java -jar} does not inflate them at each start, and every
 * other class stays deflated, so that the jar stays small. Checked against what the JVM really loads in a check.
 */
class RunnableJarIT {
    private static final Pattern FROM_THE_JAR = Pattern.compile(
            "\\[class,load\\] (\\S+) source: (?:jar:)?file:.*" + Pattern.quote(Cli.JAR.getFileName().toString()));

    @RegisterExtension
    static final LocalEndpointExtension endpoint = new LocalEndpointExtension();

    @TempDir
    Path home;
    @TempDir
    Path dir;
    Path workspace;

    @BeforeEach
    void setUp() {
        workspace = StepEnv.workspace(dir);
    }

    @Test
    void everyClassATerminalCheckLoadsFromTheJarIsStored() throws Exception {
        List<String> loaded = classesLoadedBy(StepEnv.terminal(home).aws(endpoint), "--script",
                "jobs/orders_summary.py", "--job-type", "pythonshell", "--repo", "data/etl");
        assertThat(loaded).as("classes loaded from the jar").hasSizeGreaterThan(1000);
        assertThat(deflated(loaded)).as("loaded, yet deflated in the jar").isEmpty();
    }

    @Test
    void everyClassADroneStepLoadsFromTheJarIsStored() throws Exception {
        List<String> loaded = classesLoadedBy(StepEnv.drone(home, workspace).aws(endpoint)
                .set("DRONE_CARD_PATH", home.resolve("card.json").toString())
                .set("PLUGIN_SCRIPT", "jobs/orders_summary.py").set("PLUGIN_JOB_TYPE", "pythonshell"));
        assertThat(loaded).as("classes loaded from the jar").hasSizeGreaterThan(1000);
        assertThat(deflated(loaded)).as("loaded, yet deflated in the jar").isEmpty();
    }

    /**
     * The project's classes concatenate strings without invokedynamic (the root POM's {@code -XDstringConcat=inline}):
     * each concatenation's bootstrap spins method-handle classes at start-up that a Java 17 archive does not keep.
     */
    @Test
    void theProjectsClassesConcatenateStringsWithoutBootstrapMethods() throws IOException {
        List<String> ours = new ArrayList<>();
        List<String> withBootstrap = new ArrayList<>();
        try (ZipFile jar = new ZipFile(Cli.JAR.toFile())) {
            for (ZipEntry e : Collections.list(jar.entries())) {
                if (e.getName().startsWith("io/github/gluehealthcheck/") && e.getName().endsWith(".class")) {
                    ours.add(e.getName());
                    byte[] bytes = jar.getInputStream(e).readAllBytes();
                    if (new String(bytes, StandardCharsets.ISO_8859_1).contains("makeConcatWithConstants")) {
                        withBootstrap.add(e.getName());
                    }
                }
            }
        }
        assertThat(ours).hasSizeGreaterThan(100);
        assertThat(withBootstrap).isEmpty();
    }

    @Test
    void whatNoCheckLoadsStaysDeflated() throws IOException {
        int stored = 0;
        int deflated = 0;
        try (ZipFile jar = new ZipFile(Cli.JAR.toFile())) {
            for (ZipEntry e : Collections.list(jar.entries())) {
                if (e.getName().endsWith(".class")) {
                    if (e.getMethod() == ZipEntry.STORED) {
                        stored++;
                    } else {
                        deflated++;
                    }
                }
            }
            // Glue's API has hundreds of operations and shapes; a check uses a handful of them.
            assertThat(jar.getEntry("software/amazon/awssdk/services/glue/model/Workflow.class").getMethod())
                    .isEqualTo(ZipEntry.DEFLATED);
            assertThat(jar.getEntry("software/amazon/awssdk/services/glue/model/JobRun.class").getMethod())
                    .isEqualTo(ZipEntry.STORED);
        }
        assertThat(stored).as("classes stored").isBetween(1000, 4000);
        assertThat(deflated).as("classes deflated").isGreaterThan(3 * stored);
        assertThat(Files.size(Cli.JAR)).as("the jar's size").isLessThan(50_000_000L);
    }

    private List<String> classesLoadedBy(StepEnv env, String... args) throws Exception {
        Path log = home.resolve("class-load.log");
        Map<String, String> variables = new HashMap<>(env.map());
        variables.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log);
        Cli.Run run = Cli.run(workspace, variables, args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains("verdict: PASSED");
        List<String> loaded = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = FROM_THE_JAR.matcher(line);
            if (m.find()) {
                loaded.add(m.group(1).replace('.', '/'));
            }
        }
        return loaded;
    }

    /** Which of these classes have an entry in the jar (plain or versioned) that is not stored. */
    private static TreeSet<String> deflated(List<String> classes) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        try (ZipFile jar = new ZipFile(Cli.JAR.toFile())) {
            for (ZipEntry e : Collections.list(jar.entries())) {
                String name = e.getName();
                if (!name.endsWith(".class") || e.getMethod() == ZipEntry.STORED) {
                    continue;
                }
                String plain = name.replaceFirst("^META-INF/versions/\\d+/", "");
                String cls = plain.substring(0, plain.length() - ".class".length());
                if (classes.contains(cls)) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
