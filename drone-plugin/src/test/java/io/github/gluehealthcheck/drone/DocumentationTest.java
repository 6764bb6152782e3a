package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.settings.SettingsReader;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documentation says what the code does: its settings tables are generated from the settings contract, and
 * every setting named in a table, an example pipeline or a YAML snippet is one the code knows. Run with
 * {@code -Ddocs.update=true} to rewrite the generated tables after changing the Setting enum.
 */
class DocumentationTest {
    private static final Path REPO = Path.of(System.getProperty("repo.root")).toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theDroneSettingsReferenceIsTheGeneratedTable() throws IOException {
        assertGenerated(REPO.resolve("docs/drone.md"), SettingsReference.drone());
    }

    @Test
    void theCliFlagReferenceIsTheGeneratedTable() throws IOException {
        assertGenerated(REPO.resolve("docs/cli.md"), SettingsReference.cli());
    }

    @Test
    void theReadmeTableNamesRealSettingsWithTheirFlagVariableAndDefault() throws IOException {
        List<String[]> rows = tableRows(readmeSection("## Drone, Woodpecker and Harness CI"));
        assertThat(rows).hasSizeGreaterThan(5);
        for (String[] row : rows) {
            Setting s = Setting.byName(unquote(row[0])).orElseThrow(() -> new AssertionError("not a setting: " + row[0]));
            assertThat(unquote(row[0])).isEqualTo(s.key());
            assertThat(unquote(row[1])).isEqualTo(s.flag());
            assertThat(unquote(row[2])).isEqualTo(s.envName());
            assertThat(row[3]).as(s.key()).isEqualTo(s.defaultValue() == null ? "" : s.defaultValue());
        }
    }

    @Test
    void everyPipelineSnippetUsesKnownSettingsAndSecretsOnlyFromSecret() throws IOException {
        List<String> documents = new ArrayList<>();
        for (String file : List.of("docs/drone.md", "README.md")) {
            Matcher m = YAML_BLOCK.matcher(Files.readString(REPO.resolve(file)));
            while (m.find()) {
                documents.add(m.group(1));
            }
        }
        documents.add(Files.readString(REPO.resolve("examples/.drone.yml")));
        int settingsBlocks = 0;
        for (String doc : documents) {
            for (Object tree : readAll(doc)) {
                for (Map<?, ?> settings : settingsMaps(tree)) {
                    settingsBlocks++;
                    settings.forEach((key, value) -> {
                        Setting s = Setting.byName(key.toString()).orElse(null);
                        assertThat(s).as("setting '%s' in %s", key, doc).isNotNull();
                        assertThat(key.toString()).as("Drone settings are snake_case").isEqualTo(s.key());
                        boolean fromSecret = value instanceof Map<?, ?> m && m.containsKey("from_secret");
                        if (s.isSecret()) {
                            assertThat(fromSecret).as("%s must come from a secret", key).isTrue();
                        }
                    });
                }
            }
        }
        assertThat(settingsBlocks).isGreaterThanOrEqualTo(6);
    }

    @Test
    void theExamplePipelineChecksPullRequestsAndPushesAndReadsAConfigFile() throws IOException {
        List<Object> pipelines = readAll(Files.readString(REPO.resolve("examples/.drone.yml")));
        List<Object> events = new ArrayList<>();
        for (Object p : pipelines) {
            Object trigger = ((Map<?, ?>) p).get("trigger");
            events.addAll((List<?>) ((Map<?, ?>) trigger).get("event"));
        }
        assertThat(events).contains("pull_request", "push");
        assertThat(Files.readString(REPO.resolve("examples/.drone.yml"))).contains("config: examples/.glue-health.yml");
    }

    @Test
    void theExampleConfigFileListsExistingJobsTheEngineAccepts() {
        HealthCheckRequest request = SettingsReader.read(Map.of("config", "examples/.glue-health.yml",
                "workspace", REPO.toString(), "endpoint", "local"), Map.of(),
                CiContext.builder().provider("drone").repo("data/etl"));
        assertThat(request.checks()).extracting(c -> c.jobName()).containsExactly("orders_summary", "data_processing");
        assertThat(request.parallelism()).isEqualTo(2);
        assertThat(REPO.resolve("examples/jobs/broken_report.py")).isRegularFile();
    }

    /**
     * The two Dockerfiles' defaults follow the project's version: the label of the Dockerfile's image, and the
     * plugin image that Dockerfile.archive builds on, by the name {@code jib:dockerBuild} gives it.
     */
    @Test
    void theDockerfilesDefaultToThisVersion() throws IOException {
        String version = BuildInfo.load().version();
        assertThat(version).isNotEqualTo("dev");
        assertThat(Files.readAllLines(REPO.resolve("Dockerfile"))).contains("ARG VERSION=" + version);
        assertThat(Files.readAllLines(REPO.resolve("Dockerfile.archive")))
                .contains("ARG PLUGIN_IMAGE=glue-health-check:" + version);
    }

    private static void assertGenerated(Path doc, String expected) throws IOException {
        String text = Files.readString(doc);
        int begin = text.indexOf(SettingsReference.BEGIN);
        int end = text.indexOf(SettingsReference.END);
        assertThat(begin).as("%s has the generated-table markers", doc).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String actual = text.substring(begin, end + SettingsReference.END.length());
        if (!actual.equals(expected) && Boolean.getBoolean("docs.update")) {
            Files.writeString(doc, text.substring(0, begin) + expected + text.substring(end + SettingsReference.END.length()));
            return;
        }
        assertThat(actual).as("%s is out of date: run this test with -Ddocs.update=true", doc).isEqualTo(expected);
    }

    /** Rows of markdown tables whose first cell is a backticked name. */
    /** One section of the README, from its heading to the next one: other sections have tables of their own. */
    private static String readmeSection(String heading) throws IOException {
        String readme = Files.readString(REPO.resolve("README.md"));
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as("README has a section " + heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return end < 0 ? readme.substring(start) : readme.substring(start, end);
    }

    private static List<String[]> tableRows(String markdown) {
        List<String[]> rows = new ArrayList<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("| `")) {
                String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    private static String unquote(String cell) {
        return cell.replace("`", "");
    }

    private static List<Object> readAll(String yaml) throws IOException {
        List<Object> out = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
            YAML.readValues(parser, Object.class).forEachRemaining(out::add);
        }
        return out;
    }

    private static List<Map<?, ?>> settingsMaps(Object tree) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (tree instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("settings".equals(k) && v instanceof Map<?, ?> settings) {
                    out.add(settings);
                } else {
                    out.addAll(settingsMaps(v));
                }
            });
        } else if (tree instanceof List<?> list) {
            list.forEach(item -> out.addAll(settingsMaps(item)));
        }
        return out;
    }
}
