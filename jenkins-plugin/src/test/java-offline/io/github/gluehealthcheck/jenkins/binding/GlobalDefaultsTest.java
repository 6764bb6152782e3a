package io.github.gluehealthcheck.jenkins.binding;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.settings.ConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalDefaultsTest {
    static final GlobalDefaults DEFAULTS = new GlobalDefaults("eu-west-1", "global-role", "s3://global/scripts",
            "team=data", "ci-check", false);

    @TempDir
    Path dir;

    @Test
    void defaultsFillWhatTheStepLeavesOpen() {
        GlobalDefaults.Applied a = DEFAULTS.applyTo(Map.of("script", "a.py"), Map.of(), null);

        assertThat(a.settings()).containsEntry("role", "global-role").containsEntry("scriptsBucket", "s3://global/scripts")
                .containsEntry("tags", "team=data").containsEntry("namePrefix", "ci-check");
        assertThat(a.environment()).containsEntry("AWS_REGION", "eu-west-1");
        assertThat(a.fromDefaults()).containsExactlyInAnyOrder("role", "scriptsBucket", "tags", "namePrefix", "region");
    }

    @Test
    void aStepParameterWins() {
        GlobalDefaults.Applied a = DEFAULTS.applyTo(Map.of("role", "step-role", "region", "us-east-1"), Map.of(), null);

        assertThat(a.settings()).containsEntry("role", "step-role").containsEntry("region", "us-east-1");
        assertThat(a.environment()).doesNotContainKey("AWS_REGION");
        assertThat(a.fromDefaults()).doesNotContain("role", "region");
    }

    @Test
    void theRegionOfTheStepsEnvironmentWinsOverTheDefaultRegion() {
        assertThat(DEFAULTS.applyTo(Map.of(), Map.of("AWS_DEFAULT_REGION", "ap-south-1"), null).environment())
                .doesNotContainKey("AWS_REGION").containsEntry("AWS_DEFAULT_REGION", "ap-south-1");
        assertThat(DEFAULTS.applyTo(Map.of(), Map.of("AWS_REGION", "ap-south-1"), null).environment())
                .containsEntry("AWS_REGION", "ap-south-1");
    }

    @Test
    void theConfigFilesDefaultsAndTopLevelWinOverTheGlobalDefaults() throws Exception {
        Path file = dir.resolve(".glue-health.yml");
        Files.writeString(file, """
                region: us-west-2
                name_prefix: team-check
                defaults:
                  role: file-role
                jobs:
                  - script: a.py
                """);
        ConfigFile config = ConfigFile.read(file, ".glue-health.yml", new ArrayList<>());

        GlobalDefaults.Applied a = DEFAULTS.applyTo(Map.of("config", ".glue-health.yml"), Map.of(), config);

        assertThat(a.settings()).doesNotContainKeys("role", "namePrefix").containsEntry("scriptsBucket", "s3://global/scripts");
        assertThat(a.environment()).doesNotContainKey("AWS_REGION");
    }

    @Test
    void theStatusReadBudgetIsTheAdministratorsUnlessTheStepSetsOne() {
        GlobalDefaults budget = new GlobalDefaults(null, null, null, null, null, false, null, false, null, 3, null);

        GlobalDefaults.Applied open = budget.applyTo(Map.of("script", "a.py"), Map.of(), null);
        GlobalDefaults.Applied own = budget.applyTo(Map.of("script", "a.py", "statusReadsPerSecond", 20), Map.of(), null);

        assertThat(open.settings()).containsEntry("statusReadsPerSecond", 3);
        assertThat(open.fromDefaults()).containsExactly("statusReadsPerSecond");
        assertThat(own.settings()).containsEntry("statusReadsPerSecond", 20);
        assertThat(own.fromDefaults()).isEmpty();
        assertThat(DEFAULTS.applyTo(Map.of("script", "a.py"), Map.of(), null).settings())
                .doesNotContainKey("statusReadsPerSecond");
    }

    @Test
    void noDefaultsChangeNothing() {
        GlobalDefaults.Applied a = GlobalDefaults.NONE.applyTo(Map.of("script", "a.py"), Map.of("X", "1"), null);

        assertThat(a.settings()).isEqualTo(Map.of("script", "a.py"));
        assertThat(a.environment()).isEqualTo(Map.of("X", "1"));
        assertThat(a.fromDefaults()).isEmpty();
    }
}
