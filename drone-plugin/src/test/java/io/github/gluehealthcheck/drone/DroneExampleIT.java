package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every plugin step of {@code examples/.drone.yml}, turned into PLUGIN_* variables the way Drone's runner does it
 * (strings as they are, lists of scalars comma-joined, maps as compact JSON, secrets filled in), runs as a dry
 * run in a checkout of the examples: the example is a working pipeline, not just valid YAML.
 */
class DroneExampleIT {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void everyPluginStepOfTheExamplePipelineIsAValidStep() throws Exception {
        Path checkout = dir.resolve("checkout");
        StepEnv.workspace(Files.createDirectories(checkout.resolve("examples")));
        Files.copy(Cli.REPO.resolve("examples/.glue-health.yml"), checkout.resolve("examples/.glue-health.yml"));

        int steps = 0;
        for (Map<?, ?> pipeline : pipelines()) {
            List<?> events = (List<?>) ((Map<?, ?>) pipeline.get("trigger")).get("event");
            for (Object s : (List<?>) pipeline.get("steps")) {
                Map<?, ?> step = (Map<?, ?>) s;
                if (!step.get("image").toString().contains("glue-health-check")) {
                    continue;
                }
                steps++;
                StepEnv env = StepEnv.drone(home, checkout).set("PLUGIN_DRY_RUN", "true");
                if (events.contains("pull_request")) {
                    env.pullRequest("12");
                }
                ((Map<?, ?>) step.get("settings")).forEach((k, v) -> env.set("PLUGIN_" + k.toString().toUpperCase(Locale.ROOT),
                        asDroneGivesIt(v)));
                Cli.Run run = Cli.run(checkout, env.map());
                assertThat(run.exitCode()).as(step.get("name") + "\n" + run).isZero();
                assertThat(run.output()).as(step.get("name") + "\n" + run).contains("dry run: nothing is created")
                        .doesNotContain("warning:");
            }
        }
        assertThat(steps).isEqualTo(4);
    }

    /** Drone's conversion of one setting's YAML value to its PLUGIN_ variable. */
    private static String asDroneGivesIt(Object value) {
        try {
            if (value instanceof Map<?, ?> m && m.containsKey("from_secret")) {
                return "secret-value-of-" + m.get("from_secret");
            }
            if (value instanceof Map<?, ?>) {
                return JSON.writeValueAsString(value);
            }
            if (value instanceof List<?> list) {
                boolean scalars = list.stream().noneMatch(i -> i instanceof Map || i instanceof List);
                return scalars ? String.join(",", list.stream().map(String::valueOf).toList()) : JSON.writeValueAsString(list);
            }
            return String.valueOf(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<?, ?>> pipelines() throws IOException {
        List<Map<?, ?>> out = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(Cli.REPO.resolve("examples/.drone.yml").toFile())) {
            YAML.readValues(parser, Map.class).forEachRemaining(out::add);
        }
        return out;
    }
}
