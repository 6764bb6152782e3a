package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.spec.Setting;
import org.junit.jupiter.api.Test;

class HelpTextTest {
    private final String help = HelpText.render(new BuildInfo("1.2.3", "https://example.com/project", "https://example.com/card.json"));
    /** The help with its line wrapping undone, so a description reads as one text. */
    private final String unwrapped = help.replaceAll("\\R\\s+", " ");

    @Test
    void listsEverySettingWithFlagVariableDescriptionDefaultAndValues() {
        for (Setting s : Setting.values()) {
            assertThat(help).as(s.key()).containsPattern("(?m)^  " + s.flag() + " \\S+\\s+" + s.envName() + "$");
            assertThat(unwrapped).as(s.key()).contains(s.description());
            if (s.defaultValue() != null) {
                assertThat(unwrapped).as(s.key()).contains(s.description() + (s.allowed().isEmpty() ? ""
                        : " One of: " + String.join(", ", s.allowed()) + ".") + " Default: " + s.defaultValue() + ".");
            }
        }
    }

    @Test
    void saysHowToRunAndWhatTheExitCodesMean() {
        assertThat(help).startsWith("glue-health-check 1.2.3: ")
                .contains("local-endpoint --port 4566", "--endpoint local", "Exit codes: 0 all checks passed; 1 a check failed; 2 bad settings");
    }
}
