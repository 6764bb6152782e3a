package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.spec.Problem;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepSettingsTest {

    @Test
    void pluginVariablesBecomeSnakeCaseSettings() {
        StepSettings s = StepSettings.read(Map.of("PLUGIN_SCRIPTS_BUCKET", "s3://b/p", "PLUGIN_SCRIPT", "jobs/a.py",
                "DRONE_REPO", "data/etl", "PATH", "/bin"), Map.of(), true);
        assertThat(s.asMap()).containsOnly(Map.entry("scripts_bucket", "s3://b/p"), Map.entry("script", "jobs/a.py"));
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void unknownVariablesAreWarningsNamingTheClosestVariable() {
        StepSettings s = StepSettings.read(Map.of("PLUGIN_SCRIPTS_BUCKT", "s3://b", "PLUGIN_COLOUR", "red"), Map.of(), true);
        assertThat(s.warnings()).containsExactly(
                "PLUGIN_COLOUR is not a setting and is ignored",
                "PLUGIN_SCRIPTS_BUCKT is not a setting and is ignored (did you mean PLUGIN_SCRIPTS_BUCKET?)");
        assertThat(s.asMap()).isEmpty();
    }

    @Test
    void flagsWinOverVariables() {
        StepSettings s = StepSettings.read(Map.of("PLUGIN_TIMEOUT", "5"), Map.of(Setting.TIMEOUT, "7"), false);
        assertThat(s.asMap()).containsEntry("timeout", "7");
        assertThat(s.name(Setting.TIMEOUT)).isEqualTo("--timeout");
    }

    @Test
    void problemsNameTheSettingAsTheUserWroteIt() {
        StepSettings plugin = StepSettings.read(Map.of("PLUGIN_TIMEOUT", "x"), Map.of(), true);
        assertThat(plugin.describe(Problem.of("timeout", "'x' is not a whole number of minutes")))
                .isEqualTo("PLUGIN_TIMEOUT: 'x' is not a whole number of minutes");
        // Not given at all: named as the step's other settings are.
        assertThat(plugin.describe(Problem.of("script", "is required"))).isEqualTo("PLUGIN_SCRIPT: is required");

        StepSettings terminal = StepSettings.read(Map.of(), Map.of(Setting.TIMEOUT, "x"), false);
        assertThat(terminal.describe(Problem.of("timeout", "bad"))).isEqualTo("--timeout: bad");
        assertThat(terminal.describe(Problem.of("script", "is required"))).isEqualTo("--script: is required");
    }

    @Test
    void aProblemOfOneJobOfSeveralNamesTheJob() {
        StepSettings s = StepSettings.read(Map.of("PLUGIN_NUMBER_OF_WORKERS", "0"), Map.of(), true);
        assertThat(s.describe(Problem.of("number_of_workers", "must be at least 1").inScope("orders")))
                .isEqualTo("jobs[orders].PLUGIN_NUMBER_OF_WORKERS: must be at least 1");
        // From the config file: the file's spelling.
        assertThat(s.describe(Problem.of("timeout", "bad").inScope("orders"))).isEqualTo("jobs[orders].timeout: bad");
    }

    @Test
    void detectedValuesFillOnlyWhatNobodyGave() {
        StepSettings given = StepSettings.read(Map.of("PLUGIN_WORKSPACE", "/w"), Map.of(), true)
                .withDetected(Setting.WORKSPACE, "/drone/src", "DRONE_WORKSPACE");
        assertThat(given.asMap()).containsEntry("workspace", "/w");
        StepSettings detected = StepSettings.read(Map.of(), Map.of(), true)
                .withDetected(Setting.WORKSPACE, "/woodpecker/src", "CI_WORKSPACE");
        assertThat(detected.asMap()).containsEntry("workspace", "/woodpecker/src");
        assertThat(detected.describeValues()).containsEntry("workspace", "/woodpecker/src (detected from CI_WORKSPACE)")
                .doesNotContainKey("PLUGIN_WORKSPACE");
        assertThat(detected.describe(Problem.of("workspace", "is not a directory")))
                .isEqualTo("workspace (detected from CI_WORKSPACE): is not a directory");
    }

    @Test
    void debugDescriptionNeverShowsASecretValue() {
        StepSettings s = StepSettings.read(Map.of("PLUGIN_SECRET_KEY", "fake-secret/not-a-real-key/example-0001",
                "PLUGIN_REGION", "eu-west-1"), Map.of(), true);
        assertThat(s.describeValues()).containsEntry("PLUGIN_SECRET_KEY", "(secret, given)")
                .containsEntry("PLUGIN_REGION", "eu-west-1");
    }
}
