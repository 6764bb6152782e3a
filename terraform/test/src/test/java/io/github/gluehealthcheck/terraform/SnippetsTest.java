package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The jenkins_snippet and drone_snippet outputs paste into a Jenkinsfile and a .drone.yml as they are: the
 * Drone one is valid YAML, both carry the same settings under the names the adapters read (camelCase for the
 * Jenkins step, snake_case for Drone), and credentials come from secrets or the CI role, never from the output.
 */
class SnippetsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String OIDC = CiRoleTest.OIDC_PROVIDER;

    /** Where CI's credentials come from: the variables that say so, and the settings the snippets then add. */
    static Stream<Arguments> credentialSources() {
        return Stream.of(
                Arguments.of("keys of a user with the CI policy", Deployment.inEuWest1(), Map.of()),
                Arguments.of("keys, then the CI role by account trust", Deployment.inEuWest1().with("create_ci_role", true)
                                .with("ci_role_trust", Map.of("type", "account", "external_id", "glue-ci")),
                        Map.of("assume_role", "${aws_iam_role.ci[0].arn}", "external_id", "glue-ci")),
                Arguments.of("the CI role through the pod's service account", Deployment.inEuWest1().with("create_ci_role", true)
                                .with("ci_role_trust", Map.of("type", "oidc", "oidc_provider_arn", OIDC,
                                        "oidc_subjects", List.of("system:serviceaccount:drone:ghc"))),
                        Map.of()),
                Arguments.of("the CI role through the agent's instance profile", Deployment.inEuWest1()
                                .with("create_ci_role", true).with("ci_role_trust", Map.of("type", "ec2")),
                        Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialSources")
    void theDroneStepIsValidYamlWithTheModulesSettings(String why, Deployment deployment, Map<String, String> extra)
            throws Exception {
        List<?> steps = YAML.readValue((String) deployment.output("drone_snippet"), List.class);

        assertThat(steps).hasSize(1);
        Map<?, ?> step = (Map<?, ?>) steps.get(0);
        assertThat(step.get("name")).isEqualTo("glue-health-check");
        assertThat(step.get("image")).isEqualTo("ghcr.io/glue-health-check/glue-health-check:0.1.0");
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) step.get("settings");
        Map<String, String> expected = new LinkedHashMap<>(moduleSettings(deployment));
        expected.putAll(extra);
        assertThat(settings).containsAllEntriesOf(expected);

        boolean keys = !deployment.variable("create_ci_role").equals(true)
                || HclEvaluator.map(deployment.variable("ci_role_trust")).get("type").equals("account");
        if (keys) {
            assertThat(settings.get("access_key")).isEqualTo(Map.of("from_secret", "aws_access_key_id"));
            assertThat(settings.get("secret_key")).isEqualTo(Map.of("from_secret", "aws_secret_access_key"));
        } else {
            assertThat(settings).doesNotContainKeys("access_key", "secret_key");
            assertThat((String) deployment.output("drone_snippet")).contains("# AWS credentials:");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialSources")
    void theJenkinsStepCarriesTheSameSettingsInCamelCase(String why, Deployment deployment, Map<String, String> extra) {
        String snippet = (String) deployment.output("jenkins_snippet");
        Map<String, String> expected = new LinkedHashMap<>();
        moduleSettings(deployment).forEach((k, v) -> expected.put(camelCase(k), v));
        extra.forEach((k, v) -> expected.put(camelCase(k), v));

        assertThat(snippet).containsPattern("(?m)^// AWS credentials: ");
        assertThat(jenkinsArguments(snippet)).containsAllEntriesOf(expected)
                .containsEntry("script", "path/to/job.py")
                .doesNotContainKeys("accessKey", "secretKey");
    }

    @Test
    void theDroneImageIsAVariable() throws Exception {
        Deployment deployment = Deployment.inEuWest1().with("drone_image", "registry.example.com/ci/glue-health-check:1.0.0");

        Map<?, ?> step = (Map<?, ?>) YAML.readValue((String) deployment.output("drone_snippet"), List.class).get(0);

        assertThat(step.get("image")).isEqualTo("registry.example.com/ci/glue-health-check:1.0.0");
    }

    @Test
    void aPrefixThatYamlWouldReadAsABooleanStaysAString() throws Exception {
        Deployment deployment = Deployment.inEuWest1().with("name_prefix", "on");

        Map<?, ?> step = (Map<?, ?>) YAML.readValue((String) deployment.output("drone_snippet"), List.class).get(0);

        assertThat(((Map<?, ?>) step.get("settings")).get("name_prefix")).isEqualTo("on");
    }

    @Test
    void theOutputsTheSnippetsQuoteAreOutputsToo() {
        Deployment deployment = Deployment.inGovCloud();

        assertThat(moduleSettings(deployment)).containsEntry("scripts_bucket", (String) deployment.output("scripts_location"))
                .containsEntry("temp_dir", (String) deployment.output("temp_dir"))
                .containsEntry("role", deployment.output("glue_role_arn").toString())
                .containsEntry("name_prefix", (String) deployment.output("name_prefix"));
    }

    // -----------------------------------------------------------------------------------------------------------

    /** The settings contract (DESIGN.md): what every snippet passes, whatever the credentials. */
    private static Map<String, String> moduleSettings(Deployment deployment) {
        String bucket = (String) deployment.local("scripts_bucket_name");
        return Map.of(
                "role", "${aws_iam_role.glue.arn}",
                "scripts_bucket", "s3://" + bucket + "/" + deployment.variable("scripts_prefix"),
                "temp_dir", "s3://" + bucket + "/" + deployment.variable("temp_prefix") + "/",
                "region", deployment.region(),
                "name_prefix", (String) deployment.variable("name_prefix"));
    }

    /** The named arguments of the one glueHealthCheck(...) call, as Groovy would read its single-quoted strings. */
    private static Map<String, String> jenkinsArguments(String snippet) {
        Matcher call = Pattern.compile("(?s)^(?://[^\n]*\n)*glueHealthCheck\\((.*)\\)$").matcher(snippet);
        assertThat(call.matches()).as("one glueHealthCheck(...) call after comment lines:\n%s", snippet).isTrue();
        Map<String, String> arguments = new LinkedHashMap<>();
        for (String argument : call.group(1).split(",\n")) {
            Matcher named = Pattern.compile("^\\s*([a-z][A-Za-z]*): '([^'\\\\]*)'\\s*$").matcher(argument);
            assertThat(named.matches()).as("argument %s", argument).isTrue();
            assertThat(arguments).doesNotContainKey(named.group(1));
            arguments.put(named.group(1), named.group(2));
        }
        return arguments;
    }

    private static String camelCase(String snake) {
        String[] parts = snake.split("_");
        return parts[0] + Stream.of(parts).skip(1)
                .map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1))
                .collect(Collectors.joining());
    }
}
