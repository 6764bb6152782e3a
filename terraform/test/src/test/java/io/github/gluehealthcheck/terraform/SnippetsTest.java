package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Where CI's credentials come from: the variables that say so, the settings the Drone step then adds, and the
     * arguments of the withAWS block around the Jenkins step (null: no withAWS).
     */
    static Stream<Arguments> credentialSources() {
        return Stream.of(
                Arguments.of("keys of a user with the CI policy", Deployment.inEuWest1(), Map.of(),
                        Map.of("credentials", "glue-health-check-ci")),
                Arguments.of("keys, then the CI role by account trust", Deployment.inEuWest1().with("create_ci_role", true)
                                .with("iam_path", "/ci/")
                                .with("ci_role_trust", Map.of("type", "account", "external_id", "glue-health-check:ci")),
                        Map.of("assume_role", "${aws_iam_role.ci[0].arn}", "external_id", "glue-health-check:ci"),
                        Map.of("credentials", "glue-health-check-ci", "role", "ci/glue-health-check-ci",
                                "roleAccount", "123456789012", "externalId", "glue-health-check:ci")),
                Arguments.of("the CI role through the pod's service account", Deployment.inEuWest1().with("create_ci_role", true)
                                .with("ci_role_trust", Map.of("type", "oidc", "oidc_provider_arn", OIDC,
                                        "oidc_subjects", List.of("system:serviceaccount:drone:ghc"))),
                        Map.of(), null),
                Arguments.of("the CI role through the instance profile", Deployment.inEuWest1()
                                .with("create_ci_role", true).with("ci_role_trust", Map.of("type", "ec2")),
                        Map.of(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialSources")
    void theDroneStepIsValidYamlWithTheModulesSettings(String why, Deployment deployment, Map<String, String> extra,
            Map<String, String> withAws) throws Exception {
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
    void theJenkinsStepCarriesTheSameSettingsInCamelCase(String why, Deployment deployment, Map<String, String> extra,
            Map<String, String> withAws) {
        JenkinsSnippet snippet = JenkinsSnippet.parse((String) deployment.output("jenkins_snippet"));
        Map<String, String> expected = new LinkedHashMap<>();
        moduleSettings(deployment).forEach((k, v) -> expected.put(camelCase(k), v));

        assertThat(snippet.comment()).startsWith("// AWS credentials: ");
        assertThat(snippet.step()).containsAllEntriesOf(expected)
                .containsEntry("script", "path/to/job.py");
        assertThat(snippet.withAws()).isEqualTo(withAws);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialSources")
    void theJenkinsStepTakesOnlyItsOwnParametersAndNoCredentials(String why, Deployment deployment,
            Map<String, String> extra, Map<String, String> withAws) {
        Set<String> settings = Arrays.stream(Setting.values()).map(Setting::camelCase).collect(Collectors.toSet());

        assertThat(JenkinsSnippet.parse((String) deployment.output("jenkins_snippet")).step().keySet())
                .allSatisfy(name -> assertThat(settings).as("a setting of the contract").contains(name))
                .doesNotContainAnyElementsOf(NOT_STEP_PARAMETERS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialSources")
    void theJenkinsCommentSaysTheStepRunsOnTheController(String why, Deployment deployment, Map<String, String> extra,
            Map<String, String> withAws) {
        String comment = JenkinsSnippet.parse((String) deployment.output("jenkins_snippet")).comment();

        assertThat(comment).doesNotContainPattern("(?i)the agent|agent's|agent pod");
        if (withAws == null) {
            assertThat(comment).contains("runs on the Jenkins controller");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialSources")
    void theJenkinsCommentSaysTheControllersIdentityNeedsTheAdministratorsOptIn(String why, Deployment deployment,
            Map<String, String> extra, Map<String, String> withAws) {
        String comment = JenkinsSnippet.parse((String) deployment.output("jenkins_snippet")).comment();

        // Without withAWS, the identity is the controller's, which the plugin uses only once an administrator allows it.
        if (withAws == null) {
            assertThat(comment).contains("only if an administrator allows steps the controller's own AWS identity");
        }
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

    /**
     * Credentials the glueHealthCheck step does not take, whatever the settings contract says: Jenkins records a
     * step's arguments with the build (jenkins-plugin StepParameters.NOT_PARAMETERS), and a path on the controller
     * is no Pipeline author's to name.
     */
    private static final Set<String> NOT_STEP_PARAMETERS = Set.of("accessKey", "secretKey", "sessionToken",
            "externalId", "webIdentityTokenFile", "assumeRole");

    /** The comment line, the withAWS arguments (null without withAWS) and the glueHealthCheck arguments. */
    private record JenkinsSnippet(String comment, Map<String, String> withAws, Map<String, String> step) {

        static JenkinsSnippet parse(String snippet) {
            Matcher whole = Pattern.compile("(?s)^(//[^\n]*)\n(?:withAWS\\(([^\n]*)\\) \\{\n(.*)\n\\}|(.*))$")
                    .matcher(snippet);
            assertThat(whole.matches()).as("a comment line, then glueHealthCheck(...), maybe inside withAWS:\n%s", snippet)
                    .isTrue();
            String step = whole.group(3) != null ? whole.group(3).replaceAll("(?m)^  ", "") : whole.group(4);
            Matcher call = Pattern.compile("(?s)^glueHealthCheck\\(\n(.*)\n\\)$").matcher(step);
            assertThat(call.matches()).as("one glueHealthCheck(...) call:\n%s", step).isTrue();
            return new JenkinsSnippet(whole.group(1),
                    whole.group(2) == null ? null : arguments(whole.group(2).split(", ")),
                    arguments(call.group(1).split(",\n")));
        }

        /** Named arguments as Groovy reads single-quoted strings. */
        private static Map<String, String> arguments(String[] arguments) {
            Map<String, String> named = new LinkedHashMap<>();
            for (String argument : arguments) {
                Matcher m = Pattern.compile("^\\s*([a-z][A-Za-z]*): '([^'\\\\]*)'\\s*$").matcher(argument);
                assertThat(m.matches()).as("argument %s", argument).isTrue();
                assertThat(named).doesNotContainKey(m.group(1));
                named.put(m.group(1), m.group(2));
            }
            return named;
        }
    }

    private static String camelCase(String snake) {
        String[] parts = snake.split("_");
        return parts[0] + Stream.of(parts).skip(1)
                .map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1))
                .collect(Collectors.joining());
    }
}
