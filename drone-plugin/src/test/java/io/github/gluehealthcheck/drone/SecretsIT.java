package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never appear: not in the step log (debug included), not in reports or the card, not as base64. The job
 * itself even prints them, as careless jobs do.
 */
class SecretsIT {
    private static final String SESSION_TOKEN = "test-session-token-not-real-9876543210zyx";
    private static final String DB_PASSWORD = "Pa55w0rd-for-tests-only";
    private static final Pattern CARD = Pattern.compile("\u001B]1338;([A-Za-z0-9+/=]+)\u001B]0m");
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
        StepEnv.write(workspace.resolve("jobs/leaky.py"), """
                import base64, sys
                password = sys.argv[sys.argv.index("--db_password") + 1]
                print("connecting with", password)
                print("encoded", base64.b64encode(password.encode()).decode())
                print("oops:", password, file=sys.stderr)
                sys.exit(1)
                """);
    }

    private StepEnv step() {
        return StepEnv.drone(home, workspace).aws(endpoint).set("PLUGIN_SESSION_TOKEN", SESSION_TOKEN)
                .set("PLUGIN_SCRIPT", "jobs/leaky.py").set("PLUGIN_JOB_TYPE", "pythonshell")
                .set("PLUGIN_ARGUMENTS", "{\"--db_password\": \"" + DB_PASSWORD + "\", \"--input\": \"s3://in/x\"}")
                .set("PLUGIN_SECRET_ARGUMENTS", "--db_password").set("PLUGIN_LOG_LEVEL", "debug")
                .set("DRONE_CARD_PATH", "/dev/stdout");
    }

    @Test
    void debugOutputReportsAndTheCardNeverShowASecret() throws Exception {
        Cli.Run run = Cli.run(workspace, step().map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.output()).as("debug detail is there").contains(
                "debug: setting PLUGIN_SECRET_KEY = (secret, given)",
                "debug: setting PLUGIN_SESSION_TOKEN = (secret, given)",
                "debug: context from DRONE_*: provider drone, repo data/etl",
                "debug: [leaky] CreateJob",
                "  | connecting with ****", "  | encoded ****", "  ! oops: ****");
        List<String> places = new ArrayList<>(List.of(run.raw(), run.stderr()));
        Matcher card = CARD.matcher(run.raw());
        assertThat(card.find()).isTrue();
        places.add(new String(Base64.getDecoder().decode(card.group(1)), StandardCharsets.UTF_8));
        try (Stream<Path> reports = Files.list(workspace.resolve("glue-health-check"))) {
            for (Path report : reports.toList()) {
                places.add(Files.readString(report));
            }
        }
        assertNoSecretIn(places);
    }

    @Test
    void badSettingsNeverEchoASecret() throws Exception {
        Cli.Run run = Cli.run(workspace, step().remove("PLUGIN_ACCESS_KEY").set("PLUGIN_TIMEOUT", "abc").map());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.output()).contains("PLUGIN_ACCESS_KEY: is missing");
        assertNoSecretIn(List.of(run.raw(), run.stderr()));
    }

    private static void assertNoSecretIn(List<String> places) {
        for (String secret : List.of(StepEnv.ACCESS_KEY, StepEnv.SECRET_KEY, SESSION_TOKEN, DB_PASSWORD)) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            for (String form : List.of(secret, Base64.getEncoder().encodeToString(bytes),
                    Base64.getEncoder().withoutPadding().encodeToString(bytes))) {
                for (String place : places) {
                    assertThat(place).doesNotContain(form);
                }
            }
        }
    }
}
