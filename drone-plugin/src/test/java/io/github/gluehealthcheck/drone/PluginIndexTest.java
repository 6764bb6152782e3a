package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The plugin-index metadata kept in {@code drone-plugin/plugin-index/}, held against what each index reads.
 *
 * <p>Drone: drone/drone-plugin-index {@code plugin-validation/plugin-schema.json} validates each
 * {@code plugins/<name>/content.yaml}: an object with no properties but {@code title}, {@code author}, {@code tags}
 * (strings, at least one, unique), {@code logo}, {@code repo}, {@code image}, {@code license}, {@code readme} (the
 * three URLs match its URL pattern), {@code description}, {@code example} and {@code properties} (at least one,
 * names {@code ^[a-zA-Z0-9_-]+$}, each exactly {@code type} of string/number/array/boolean/object,
 * {@code defaultValue}, {@code description}, {@code secret}, {@code required}); required: {@code title},
 * {@code author}, {@code repo}, {@code description}.
 *
 * <p>Woodpecker: woodpecker-ci/woodpecker {@code docs/plugins/woodpecker-plugins/src/types.ts}
 * ({@code WoodpeckerPluginHeader}) and {@code src/index.ts} read a {@code docs.md}'s front matter: {@code name}
 * (a plugin without one is left out), {@code description}, {@code url}, {@code tags} (a list), {@code author},
 * {@code icon} (a URL it downloads), {@code containerImage}, {@code containerImageUrl}
 * ({@code docs/docs/20-usage/51-plugins/20-creating-plugins.md}, "Metadata").
 */
class PluginIndexTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DIR = Cli.REPO.resolve("drone-plugin/plugin-index");
    /** plugin-schema.json's pattern for repo, image and readme (a JSON-schema pattern matches anywhere). */
    private static final Pattern URL = Pattern.compile(
            "https?:\\/\\/(www\\.)?[-a-zA-Z0-9@:%._\\+~#=]{2,256}\\.[a-z]{2,4}\\b([-a-zA-Z0-9@:%_\\+.~#?&//=]*)");
    private static final Set<String> DRONE_FIELDS = Set.of("title", "author", "tags", "logo", "repo", "image",
            "license", "readme", "description", "example", "properties");
    private static final Set<String> PROPERTY_FIELDS = Set.of("type", "defaultValue", "description", "secret", "required");
    private static final Set<String> WOODPECKER_FIELDS = Set.of("name", "description", "url", "tags", "author", "icon",
            "containerImage", "containerImageUrl");
    private static final Pattern IMAGE = Pattern.compile("ghcr\\.io/glue-health-check/glue-health-check:[0-9.]+");

    @Test
    void theDroneEntryFitsThePluginIndexSchema() throws IOException {
        JsonNode entry = YAML.readTree(DIR.resolve("content.yaml").toFile());
        List<String> fields = new ArrayList<>();
        entry.fieldNames().forEachRemaining(fields::add);
        assertThat(DRONE_FIELDS).containsAll(fields);
        for (String required : List.of("title", "author", "repo", "description")) {
            assertThat(entry.path(required).isTextual()).as(required).isTrue();
            assertThat(entry.get(required).asText()).as(required).isNotBlank();
        }
        JsonNode tags = entry.get("tags");
        assertThat(tags.isArray() && tags.size() >= 1).isTrue();
        Set<String> unique = new HashSet<>();
        tags.forEach(t -> assertThat(t.isTextual() && unique.add(t.asText())).as("tag %s", t).isTrue());
        for (String url : List.of("repo", "image", "readme")) {
            if (entry.has(url)) {
                assertThat(URL.matcher(entry.get(url).asText()).find()).as(url).isTrue();
            }
        }
        assertThat(entry.has("license")).as("no license is chosen yet; the schema's enum has none to give").isFalse();

        JsonNode properties = entry.get("properties");
        assertThat(properties.size()).isPositive();
        properties.fields().forEachRemaining(p -> {
            assertThat(p.getKey()).matches("^[a-zA-Z0-9_-]+$");
            List<String> keys = new ArrayList<>();
            p.getValue().fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as(p.getKey()).containsExactlyInAnyOrderElementsOf(PROPERTY_FIELDS);
            JsonNode v = p.getValue();
            assertThat(v.get("type").asText()).as(p.getKey()).isIn("string", "number", "array", "boolean", "object");
            assertThat(v.get("defaultValue").isNull()).as(p.getKey()).isFalse();
            assertThat(v.get("description").isTextual()).as(p.getKey()).isTrue();
            assertThat(v.get("secret").isBoolean() && v.get("required").isBoolean()).as(p.getKey()).isTrue();
        });
    }

    @Test
    void theDroneEntryDescribesTheRealSettings() throws IOException {
        JsonNode entry = YAML.readTree(DIR.resolve("content.yaml").toFile());
        entry.get("properties").fields().forEachRemaining(p -> {
            if (p.getKey().equals("card_template")) {
                return; // the image's own setting (PLUGIN_CARD_TEMPLATE), not the engine's
            }
            Setting s = Setting.byName(p.getKey()).orElse(null);
            assertThat(s).as("property %s is a setting", p.getKey()).isNotNull();
            assertThat(p.getKey()).isEqualTo(s.key());
            assertThat(p.getValue().get("secret").asBoolean()).as(p.getKey()).isEqualTo(s.isSecret());
            assertThat(p.getValue().get("type").asText()).as(p.getKey()).isEqualTo(switch (s.kind()) {
                case INTEGER, DECIMAL, MINUTES -> "number";
                case BOOLEAN -> "boolean";
                case LIST, LIST_OF_MAPS -> "array";
                case MAP -> "object";
                default -> "string";
            });
        });
        for (String core : List.of("script", "config", "jobs", "role", "scripts_bucket", "region", "access_key",
                "secret_key", "assume_role", "glue_version", "job_type")) {
            assertThat(entry.get("properties").has(core)).as(core).isTrue();
        }
        JsonNode example = YAML.readTree(entry.get("example").asText());
        assertThat(example.get("kind").asText()).isEqualTo("pipeline");
        assertSettings(example.get("steps").get(0));
    }

    @Test
    void theWoodpeckerDocsHaveTheFrontMatterItsIndexReads() throws IOException {
        String docs = Files.readString(DIR.resolve("docs.md"));
        Matcher m = Pattern.compile("\\A---\n(.*?)\n---\n(.*)\\z", Pattern.DOTALL).matcher(docs);
        assertThat(m.matches()).as("front matter between --- lines at the top").isTrue();
        JsonNode header = YAML.readTree(m.group(1));
        List<String> fields = new ArrayList<>();
        header.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrderElementsOf(WOODPECKER_FIELDS);
        for (String text : List.of("name", "description", "author", "containerImage")) {
            assertThat(header.get(text).isTextual() && !header.get(text).asText().isBlank()).as(text).isTrue();
        }
        assertThat(header.get("tags").isArray() && header.get("tags").size() > 0).isTrue();
        header.get("tags").forEach(t -> assertThat(t.isTextual()).isTrue());
        for (String url : List.of("url", "icon", "containerImageUrl")) {
            assertThat(header.get(url).asText()).as(url).startsWith("https://");
        }
        String icon = header.get("icon").asText();
        assertThat(icon).contains("/main/");
        assertThat(Cli.REPO.resolve(icon.substring(icon.indexOf("/main/") + "/main/".length())))
                .as("the icon the index downloads is in the repository").isRegularFile();

        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(m.group(2));
        assertThat(yaml.find()).isTrue();
        JsonNode steps = YAML.readTree(yaml.group(1)).get("steps");
        JsonNode step = steps.elements().next();
        assertThat(step.get("image").asText()).startsWith(header.get("containerImage").asText() + ":");
        assertSettings(step);
    }

    /** A step of an example: the released image, known settings, credentials only from secrets. */
    private static void assertSettings(JsonNode step) {
        assertThat(step.get("image").asText()).matches(IMAGE);
        Map<String, Object> settings = YAML.convertValue(step.get("settings"), Map.class);
        assertThat(settings).isNotEmpty();
        settings.forEach((key, value) -> {
            Setting s = Setting.byName(key).orElse(null);
            assertThat(s).as("setting %s", key).isNotNull();
            if (s.isSecret()) {
                assertThat(value).as(key).isInstanceOfSatisfying(Map.class, v -> assertThat(v).containsKey("from_secret"));
            }
        });
    }
}
