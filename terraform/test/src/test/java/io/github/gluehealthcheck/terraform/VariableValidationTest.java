package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openrewrite.hcl.tree.Hcl;

/**
 * The module's validation conditions, run: each validated variable has values it must accept and values it
 * must refuse, and every one of its validation blocks refuses at least one of them. A wrong regex, a
 * null-unsafe condition or a validation nobody exercises fails here.
 */
class VariableValidationTest {

    private static final String ACCOUNT = "123456789012";
    private static final String OIDC = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123";
    private static final String KMS = "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String SHA = "0123456789abcdef".repeat(4);

    private record Cases(List<Object> good, List<Object> bad) {
    }

    private static final Map<String, Cases> CASES = new LinkedHashMap<>();

    static {
        cases("name_prefix",
                good("glue-health-check", "a", "Team_Checks-2", "x".repeat(64)),
                bad("", "1abc", "-abc", "_abc", "a".repeat(65), "has space", "dots.no", "ümlaut", "glue-health-check\n"));
        cases("tags",
                good(Map.of(), Map.of("team", "data", "glue-health-check:owner", "ci")),
                bad(Map.of("aws:cloudformation", "x"), Map.of("AWS:Foo", "x")));
        cases("iam_path",
                good("/", "/ci/", "/a/b/"),
                bad("ci", "/ci", "ci/", "//", "/a b/"));
        cases("permissions_boundary_arn",
                good(null, "arn:aws:iam::" + ACCOUNT + ":policy/boundary", "arn:aws-us-gov:iam::" + ACCOUNT + ":policy/org/boundary"),
                bad("boundary", "arn:aws:iam::" + ACCOUNT + ":role/x", "arn:aws:iam::12345:policy/x"));
        cases("scripts_bucket_name",
                good(null, "abc", "my.bucket-1", "a".repeat(63)),
                bad("ab", "Upper", "a_b", "-abc", "abc-", "a..b", "192.168.1.1", "xn--abc", "abc-s3alias", "a".repeat(64)));
        for (String prefix : List.of("scripts_prefix", "temp_prefix")) {
            cases(prefix,
                    good("glue-health-check/scripts", "s", "a/b/c", "v1.2/x_y"),
                    bad("", "/lead", "trail/", "a//b", "a/*", "a b", "a/../b", "./a", "it's", "a/" + "b".repeat(511)));
        }
        for (String key : List.of("kms_key_arn", "sns_kms_key_arn")) {
            cases(key,
                    good(null, KMS, "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/mrk-1234abcd"),
                    bad("alias/scripts", "arn:aws:kms:eu-west-1:" + ACCOUNT + ":alias/scripts", "1234abcd"));
        }
        for (String days : List.of("scripts_expiration_days", "temp_expiration_days")) {
            cases(days, good(1, 7, 365), bad(0, -1, 1.5));
        }
        cases("existing_script_locations",
                good(List.of(), List.of("s3://bucket"), List.of("s3://bucket/", "s3://my.bucket/jobs/etl")),
                bad(List.of("bucket/jobs"), List.of("s3://bucket/jobs/*"), List.of("s3://Bad_Bucket/x"), List.of("s3://")));
        cases("glue_role_policy_arns",
                good(Map.of(), Map.of("data", "arn:aws:iam::" + ACCOUNT + ":policy/read-test-data",
                        "glue", "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole")),
                bad(Map.of("data", "read-test-data"), Map.of("data", "arn:aws:iam::" + ACCOUNT + ":role/r")));
        for (String names : List.of("ci_policy_role_names", "ci_policy_user_names")) {
            cases(names,
                    good(List.of(), List.of("jenkins-agent"), List.of("a+=,.@_-")),
                    bad(List.of("arn:aws:iam::" + ACCOUNT + ":role/x"), List.of(""), List.of("a".repeat(65)), List.of("has space")));
        }
        cases("ci_role_trust",
                good(Map.of("type", "account"),
                        Map.of("type", "account", "principal_arns",
                                List.of("arn:aws:iam::" + ACCOUNT + ":root", "arn:aws:iam::" + ACCOUNT + ":role/ci/agent"),
                                "external_id", "glue-health-check:ci"),
                        Map.of("type", "oidc", "oidc_provider_arn", OIDC, "oidc_subjects", List.of("system:serviceaccount:ci:drone")),
                        Map.of("type", "ec2")),
                bad(Map.of("type", "github"),
                        Map.of("type", "account", "principal_arns", List.of(ACCOUNT)),
                        Map.of("type", "account", "external_id", "a"),
                        Map.of("type", "oidc"),
                        Map.of("type", "oidc", "oidc_provider_arn", OIDC),
                        Map.of("type", "oidc", "oidc_provider_arn", OIDC, "oidc_subjects", List.of("a"), "oidc_audiences", List.of()),
                        Map.of("type", "oidc", "oidc_provider_arn", "arn:aws:iam::" + ACCOUNT + ":role/x", "oidc_subjects", List.of("a")),
                        Map.of("type", "oidc", "oidc_provider_arn", OIDC, "oidc_subjects", List.of("*")),
                        Map.of("type", "oidc", "oidc_provider_arn", OIDC, "oidc_subjects", List.of(" "))));
        cases("ci_role_max_session_duration", good(3600, 7200, 43200), bad(3599, 43201, 3600.5));
        cases("notification_states",
                good(List.of("FAILED"), List.of("SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED")),
                bad(List.of(), List.of("ERROR"), List.of("failed")));
        cases("notification_email_addresses",
                good(List.of(), List.of("a@example.com", "first.last+ci@sub.example.co")),
                bad(List.of("not-an-email"), List.of("a@b"), List.of("a b@example.com")));
        cases("notification_https_endpoints",
                good(List.of(), List.of("https://hooks.example.com/x?token=1")),
                bad(List.of("http://hooks.example.com"), List.of("https://"), List.of("https://a b")));
        cases("janitor_package_path",
                good(null, "terraform/janitor-lambda/target/glue-health-check-janitor.jar", "janitor.zip"),
                bad("janitor.tar.gz", "janitor.jar.bak", ""));
        cases("janitor_runtime", good("java17", "java21", "java25"), bad("java11", "java8.al2", "python3.12", "java", "Java17"));
        cases("janitor_architecture", good("x86_64", "arm64"), bad("arm", "amd64"));
        cases("janitor_memory_size", good(128, 512, 10240), bad(127, 10241, 256.5));
        cases("janitor_timeout", good(1, 300, 900), bad(0, 901, 1.5));
        cases("janitor_schedule_expression",
                good("rate(1 hour)", "rate(30 minutes)", "rate(2 days)", "rate(1 minute)", "cron(0 * * * ? *)",
                        "cron(0/15 8-18 ? * MON-FRI *)"),
                bad("rate(1 hours)", "rate(2 hour)", "rate(0 minutes)", "rate(01 hours)", "rate(1 week)",
                        "cron(0 * * * *)", "every hour", "rate(1 hour) "));
        cases("janitor_log_retention_days", good(1, 30, 3653), bad(0, 2, 31));
        cases("drone_image",
                good("ghcr.io/glue-health-check/glue-health-check:0.1.0", "drone-glue-health-check",
                        "registry.example.com:5000/team/image:1.2.3", "ghcr.io/x/y@sha256:" + SHA),
                bad("", "Upper/Case", "image:tag with space", "image:", "-image", "ghcr.io/x/y@sha256:abc"));
    }

    static Stream<Arguments> goodValues() {
        return CASES.entrySet().stream()
                .flatMap(e -> e.getValue().good().stream().map(v -> Arguments.of(e.getKey(), v)));
    }

    static Stream<Arguments> badValues() {
        return CASES.entrySet().stream()
                .flatMap(e -> e.getValue().bad().stream().map(v -> Arguments.of(e.getKey(), v)));
    }

    @Test
    void everyVariableWithAValidationHasCasesHere() {
        Set<String> validated = Deployment.MODULE.variables().entrySet().stream()
                .filter(e -> !e.getValue().blocks("validation").isEmpty())
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));

        assertThat(CASES.keySet()).containsExactlyInAnyOrderElementsOf(validated);
    }

    @ParameterizedTest(name = "{0} accepts \"{1}\"")
    @MethodSource("goodValues")
    void acceptsGoodValues(String variable, Object value) {
        assertThat(Variables.failedValidations(Deployment.MODULE, variable, value)).isEmpty();
    }

    @ParameterizedTest(name = "{0} refuses \"{1}\"")
    @MethodSource("badValues")
    void refusesBadValuesWithItsOwnMessage(String variable, Object value) {
        // Refused by a condition that is false, not by an error while evaluating it (which hides the message).
        assertThat(Variables.failedValidations(Deployment.MODULE, variable, value)).isNotEmpty();
    }

    @Test
    void everyValidationBlockRefusesAtLeastOneBadValue() {
        List<String> unexercised = new ArrayList<>();
        CASES.forEach((variable, cases) -> {
            Set<String> refusedWith = new LinkedHashSet<>();
            for (Object bad : cases.bad()) {
                refusedWith.addAll(Variables.failedValidations(Deployment.MODULE, variable, bad));
            }
            for (Hcl.Block validation : Deployment.MODULE.variables().get(variable).blocks("validation")) {
                String message = (String) new HclEvaluator(Deployment.MODULE, Map.of(), Map.of())
                        .eval(TerraformConfig.attribute(validation, "error_message").orElseThrow());
                if (!refusedWith.contains(message)) {
                    unexercised.add(variable + ": " + message);
                }
            }
        });

        assertThat(unexercised).as("validations no bad value here triggers").isEmpty();
    }

    @Test
    void everyDefaultPassesItsOwnValidation() {
        Deployment.MODULE.variables().forEach((name, block) -> {
            if (block.attribute("default").isPresent()) {
                Object defaultValue = Variables.values(Deployment.MODULE, Map.of()).get(name);
                assertThat(Variables.failedValidations(Deployment.MODULE, name, defaultValue)).as(name).isEmpty();
            }
        });
    }

    @Test
    void validationsReferOnlyToTheirOwnVariableAsTerraformBefore19Requires() {
        Deployment.MODULE.variables().forEach((name, block) -> {
            for (Hcl.Block validation : block.blocks("validation")) {
                Set<String> referenced = References.of(TerraformConfig.attribute(validation, "condition").orElseThrow())
                        .stream()
                        .filter(r -> !r.bound())
                        .map(r -> r.root() + (r.path().isEmpty() ? "" : "." + r.path().get(0)))
                        .collect(Collectors.toSet());
                assertThat(referenced).as(name).containsExactly("var." + name);
            }
        });
    }

    // -----------------------------------------------------------------------------------------------------------

    private static void cases(String variable, List<Object> good, List<Object> bad) {
        CASES.put(variable, new Cases(good, bad));
    }

    private static List<Object> good(Object... values) {
        return Arrays.asList(values);
    }

    private static List<Object> bad(Object... values) {
        return Arrays.asList(values);
    }
}
