package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The plugin POM's strict list of bundled jars matches what the engine brings: the offline build resolves the same
 * engine dependency (same exclusions) and lists its runtime jars, so a new SDK module is noticed here rather than only
 * where the Jenkins repository is reachable. The comparison is maven-hpi-plugin's (AbstractHpiMojo at
 * jenkinsci/maven-hpi-plugin, the version plugin-pom 6.2221 pins): the bundled artifact ids sorted with
 * {@code Collections.sort}, then {@code List.equals} with the declared list, so the declared order matters.
 */
class BundledArtifactsTest {

    @Test
    void thePluginBundlesExactlyTheEngineAndWhatItNeedsAtRunTime() throws Exception {
        String list = System.getProperty("gluehealthcheck.bundled.list");
        // Only the offline module lists the engine's jars; in the plugin build maven-hpi-plugin checks the list itself.
        Assumptions.assumeTrue(list != null, "the plugin build checks hpi.bundledArtifacts itself");
        List<String> resolved = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(list))) {
            String[] parts = line.trim().split(" ")[0].split(":");
            if (parts.length >= 4) {
                resolved.add(parts[1]);
            }
        }
        assertThat(resolved).contains("glue-health-check-engine", "glue", "s3", "sts", "cloudwatchlogs");
        String pom = Files.readString(PluginFiles.pluginDir().resolve("pom.xml"));
        Matcher m = Pattern.compile("<hpi.bundledArtifacts>([^<]+)</hpi.bundledArtifacts>").matcher(pom);
        assertThat(m.find()).isTrue();
        List<String> declared = Arrays.stream(m.group(1).split(",")).map(String::trim).toList();

        List<String> bundled = new ArrayList<>(resolved);
        Collections.sort(bundled);
        assertThat(declared).as("<hpi.bundledArtifacts>, in maven-hpi-plugin's order").isEqualTo(bundled);
        // Provided by Jenkins core (slf4j), unused (Apache client), or by the jackson2-api and snakeyaml-api plugins.
        assertThat(resolved).doesNotContain("slf4j-api", "apache5-client", "httpclient5", "jackson-databind",
                "jackson-core", "jackson-annotations", "jackson-dataformat-yaml", "snakeyaml");
    }

    @Test
    void thePluginAndTheOfflineBuildExcludeTheSameFromTheEngine() throws Exception {
        Path plugin = PluginFiles.pluginDir();
        List<String> offline = exclusions(plugin.resolve("offline/pom.xml"), 0);
        assertThat(offline).isNotEmpty().contains("com.fasterxml.jackson.core:jackson-databind", "org.yaml:snakeyaml");
        assertThat(exclusions(plugin.resolve("pom.xml"), 0)).as("the engine").isEqualTo(offline);
        assertThat(exclusions(plugin.resolve("pom.xml"), 1)).as("the engine's tests").isEqualTo(offline);
        // What is excluded must come from somewhere: the plugin that provides Jackson and SnakeYAML.
        assertThat(Files.readString(plugin.resolve("pom.xml"))).contains("<artifactId>jackson2-api</artifactId>");
    }

    /** The exclusions of the n-th dependency on the engine in a POM. */
    static List<String> exclusions(Path pom, int n) throws Exception {
        String text = Files.readString(pom);
        String marker = "<artifactId>glue-health-check-engine</artifactId>";
        int engine = text.indexOf(marker);
        for (int i = 0; i < n; i++) {
            engine = text.indexOf(marker, engine + 1);
        }
        assertThat(engine).as("dependency %d on the engine in %s", n, pom).isNotNegative();
        String block = text.substring(engine, text.indexOf("</dependency>", engine));
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<exclusion><groupId>([^<]+)</groupId><artifactId>([^<]+)</artifactId></exclusion>")
                .matcher(block);
        while (m.find()) {
            out.add(m.group(1) + ":" + m.group(2));
        }
        return out;
    }
}
