package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DroneCardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATE = Path.of(System.getProperty("repo.root"), "drone-plugin", "card.json");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.'])([A-Za-z_$][\\w]*)");
    private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "$root", "$data", "$index");

    @TempDir
    Path dir;

    private final PlanResult failed = Plans.of(CheckStatus.FAILED, Plans.passed("orders"),
            Plans.failed("report", "KeyError: 'total'"));

    @Test
    void everyBindingOfTheShippedTemplateIsInTheData() throws IOException {
        JsonNode template = JSON.readTree(TEMPLATE.toFile());
        ObjectNode data = DroneCard.data(failed, Redactor.NONE);
        List<String> unbound = new ArrayList<>();
        checkBindings(template, data, "$", unbound);
        assertThat(unbound).isEmpty();
        assertThat(template.get("type").asText()).isEqualTo("AdaptiveCard");
    }

    @Test
    void longFailureReasonsAreShortenedSoTheCardStaysUnderDronesLimit() throws IOException {
        String reason = "Traceback line that goes on and on; ".repeat(3000);
        List<io.github.gluehealthcheck.engine.CheckResult> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobs.add(Plans.failed("job" + i, reason));
        }
        PlanResult big = Plans.of(CheckStatus.FAILED, jobs.toArray(io.github.gluehealthcheck.engine.CheckResult[]::new));
        String payload = DroneCard.payload(big, "https://example.com/card.json", Redactor.NONE);
        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(DroneCard.MAX_BYTES);
        JsonNode card = JSON.readTree(payload);
        assertThat(card.get("data").get("jobs")).hasSize(40);
        assertThat(card.get("data").get("jobs").get(0).get("reason").asText()).endsWith("(shortened; full text in report.json)");

        for (int i = 40; i < 2000; i++) {
            jobs.add(Plans.failed("job" + i, "KeyError"));
        }
        PlanResult huge = Plans.of(CheckStatus.FAILED, jobs.toArray(io.github.gluehealthcheck.engine.CheckResult[]::new));
        JsonNode many = JSON.readTree(DroneCard.payload(huge, "https://example.com/card.json", Redactor.NONE));
        assertThat(many.get("data").get("jobs").size()).isLessThan(2000);
        assertThat(many.get("data").get("summary").asText())
                .endsWith("(" + (2000 - many.get("data").get("jobs").size()) + " more jobs in report.json)");
    }

    @Test
    void theCardSaysTheVerdictPerJobStateDurationCostAndLinks() {
        ObjectNode data = DroneCard.data(failed, Redactor.NONE);
        assertThat(data.get("status").asText()).isEqualTo("FAILED");
        assertThat(data.get("title").asText()).isEqualTo("Glue health check failed");
        assertThat(data.get("color").asText()).isEqualTo("attention");
        assertThat(data.get("summary").asText()).isEqualTo("1 passed, 1 failed, 0 error(s), 0 cancelled");
        assertThat(data.get("pullRequest").asText()).isEqualTo("#12");
        assertThat(data.get("buildUrl").asText()).isEqualTo("https://drone.example.com/data/etl/7");
        assertThat(data.get("duration").asText()).isEqualTo("60.0 s");
        assertThat(data.get("cost").asText()).isEqualTo("$0.0152 at us-east-1 prices");
        JsonNode report = data.get("jobs").get(1);
        assertThat(report.get("name").asText()).isEqualTo("report");
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("state").asText()).isEqualTo("FAILED");
        assertThat(report.get("duration").asText()).isEqualTo("30.0 s");
        assertThat(report.get("cost").asText()).isEqualTo("$0.0005");
        assertThat(report.get("reason").asText()).isEqualTo("the job failed: KeyError: 'total'");
        assertThat(report.get("logsUrl").asText()).startsWith("https://console.aws.amazon.com/cloudwatch/");
        assertThat(report.get("consoleUrl").asText()).startsWith("https://console.aws.amazon.com/gluestudio/");
    }

    @Test
    void thePayloadNamesTheTemplateThatShipsInTheRepository() throws IOException {
        BuildInfo build = BuildInfo.load();
        JsonNode payload = JSON.readTree(DroneCard.payload(failed, build.cardTemplate(), Redactor.NONE));
        // This build is a development one (-SNAPSHOT): no tag of it exists, so its cards name main's template.
        assertThat(build.version()).endsWith("-SNAPSHOT");
        assertThat(payload.get("schema").asText()).startsWith("https://")
                .endsWith("/glue-health-check/main/drone-plugin/card.json");
        assertThat(payload.get("data").get("status").asText()).isEqualTo("FAILED");
        assertThat(TEMPLATE).isRegularFile();
    }

    @Test
    void aReleaseNamesTheTemplateOfItsOwnTag() {
        String base = "https://raw.githubusercontent.com/glue-health-check/glue-health-check/";
        assertThat(BuildInfo.cardTemplate(base + "v0.2.0/drone-plugin/card.json", "0.2.0"))
                .isEqualTo(base + "v0.2.0/drone-plugin/card.json");
        assertThat(BuildInfo.cardTemplate(base + "v0.2.1-SNAPSHOT/drone-plugin/card.json", "0.2.1-SNAPSHOT"))
                .isEqualTo(base + "main/drone-plugin/card.json");
    }

    @Test
    void onStdoutTheCardIsOneEscapeSequenceAfterEverythingBefore() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        out.print("summary line\n");
        String payload = DroneCard.payload(failed, "https://example.com/card.json", Redactor.NONE);
        DroneCard.write("/dev/stdout", payload, out);
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertThat(written).startsWith("summary line\n\u001B]1338;").endsWith("\u001B]0m\n");
        String encoded = written.substring("summary line\n\u001B]1338;".length(), written.length() - "\u001B]0m\n".length());
        assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)).isEqualTo(payload);
    }

    @Test
    void toAFileTheCardIsRawJson() throws IOException {
        Path file = dir.resolve("cards/step.json");
        String payload = DroneCard.payload(failed, "https://example.com/card.json", Redactor.NONE);
        DroneCard.write(file.toString(), payload, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(Files.readString(file)).isEqualTo(payload);
    }

    @Test
    void secretsAreMaskedBeforeTheyReachTheCard() {
        String secret = "hunter2-database-password";
        PlanResult leaky = Plans.of(CheckStatus.FAILED, Plans.failed("report", "login failed for " + secret));
        String payload = DroneCard.payload(leaky, "https://example.com/card.json", Redactor.of(List.of(secret)));
        assertThat(payload).doesNotContain(secret).contains("login failed for ****");
    }

    /** Walks the template: `${x}` must name a field of the data in scope ($data switches the scope to each item). */
    private static void checkBindings(JsonNode node, JsonNode scope, String path, List<String> unbound) {
        if (node.isObject()) {
            JsonNode inner = scope;
            JsonNode data = node.get("$data");
            if (data != null) {
                String field = expressions(data.asText()).get(0).trim();
                JsonNode items = scope.get(field);
                if (items == null || !items.isArray() || items.isEmpty()) {
                    unbound.add(path + ".$data: " + field + " is not a non-empty list in the data");
                    return;
                }
                inner = items.get(0);
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!e.getKey().equals("$data")) {
                    checkBindings(e.getValue(), inner, path + "." + e.getKey(), unbound);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkBindings(node.get(i), scope, path + "[" + i + "]", unbound);
            }
        } else if (node.isTextual()) {
            for (String expression : expressions(node.asText())) {
                Matcher m = IDENTIFIER.matcher(expression.replaceAll("'[^']*'", "''"));
                while (m.find()) {
                    if (!KEYWORDS.contains(m.group(1)) && !scope.has(m.group(1))) {
                        unbound.add(path + ": ${" + expression + "} uses " + m.group(1));
                    }
                }
            }
        }
    }

    private static List<String> expressions(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = EXPRESSION.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void textFromTheJobIsOneLineWithNoLinkOrImage() {
        String data = DroneCard.data(Plans.of(CheckStatus.FAILED,
                Plans.failed("orders", "![i](https://evil.example/i.png) [click](https://evil.example/)\n\u001B]1338;x")),
                Redactor.NONE).toString();
        assertThat(data).doesNotContain("](https://evil").doesNotContain("\\u001B")
                .contains("![i] (https://evil.example/i.png) [click] (https://evil.example/)\\\\n\\\\x1b]1338;x");
    }
}
