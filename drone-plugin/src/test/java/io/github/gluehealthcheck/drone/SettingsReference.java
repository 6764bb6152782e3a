package io.github.gluehealthcheck.drone;

import io.github.gluehealthcheck.engine.spec.Setting;
import java.util.Map;
import java.util.function.Function;

/**
 * The settings tables of docs/drone.md and docs/cli.md, generated from the settings contract (the Setting enum):
 * the documents hold exactly these between their {@code <!-- settings:begin -->} and {@code <!-- settings:end -->}
 * markers, which {@link DocumentationTest} checks.
 */
final class SettingsReference {
    static final String BEGIN = "<!-- settings:begin (generated from Setting; DocumentationTest checks it) -->";
    static final String END = "<!-- settings:end -->";
    private static final Map<Setting.Scope, String> HEADINGS = Map.of(
            Setting.Scope.JOB, "Job settings (also per job in a `.glue-health.yml`)",
            Setting.Scope.RUN, "Step settings",
            Setting.Scope.CREDENTIAL, "AWS credentials (use `from_secret`; never in a file)",
            Setting.Scope.CONTEXT, "Build context (detected; set only to override)");

    private SettingsReference() {
    }

    /** The Drone table: setting names as written under {@code settings:}. */
    static String drone() {
        return tables("| Setting | Description | Default |", s -> "`" + s.key() + "`");
    }

    /** The CLI table: flags, with the variable each also is. */
    static String cli() {
        return tables("| Flag | Description | Default |", s -> "`" + s.flag() + "`");
    }

    private static String tables(String header, Function<Setting, String> name) {
        StringBuilder b = new StringBuilder(BEGIN).append("\n");
        for (Setting.Scope scope : Setting.Scope.values()) {
            b.append("\n#### ").append(HEADINGS.get(scope)).append("\n\n");
            b.append(header).append("\n|---|---|---|\n");
            for (Setting s : Setting.values()) {
                if (s.scope() != scope) {
                    continue;
                }
                String description = s.description() + (s.allowed().isEmpty() ? ""
                        : " One of " + String.join(", ", s.allowed().stream().map(a -> "`" + a + "`").toList()) + ".");
                b.append("| ").append(name.apply(s)).append(" | ").append(description.replace("|", "\\|"))
                        .append(" | ").append(s.defaultValue() == null ? "" : s.defaultValue().replace("|", "\\|"))
                        .append(" |\n");
            }
        }
        return b.append("\n").append(END).toString();
    }
}
