package io.github.gluehealthcheck.drone;

import io.github.gluehealthcheck.engine.spec.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code --help}: usage, and every setting of the settings contract with its flag, variable, default and values. */
final class HelpText {
    private static final int WIDTH = 100;
    private static final Map<Setting.Scope, String> HEADINGS = Map.of(
            Setting.Scope.JOB, "Job settings (per job; shared defaults and per-job values go in a .glue-health.yml)",
            Setting.Scope.RUN, "Step settings",
            Setting.Scope.CREDENTIAL, "AWS credentials (default: the AWS chain; never in a file, never printed)",
            Setting.Scope.CONTEXT, "Build context (detected from DRONE_*, CI_* or git; set to override)");

    private HelpText() {
    }

    static String render(BuildInfo build) {
        List<String> lines = new ArrayList<>();
        lines.add("glue-health-check " + build.version() + ": prove that a changed AWS Glue job still runs on Glue.");
        lines.add("");
        lines.add("Usage:");
        lines.add("  java -jar glue-health-check.jar --script jobs/orders.py [--setting value ...]");
        lines.add("  java -jar glue-health-check.jar --config .glue-health.yml [--setting value ...]");
        lines.add("  java -jar glue-health-check.jar --script jobs/report.py --job-type pythonshell --endpoint local");
        lines.add("  java -jar glue-health-check.jar local-endpoint --port 4566   (serve the local AWS endpoint;"
                + " local-endpoint --help)");
        lines.add("  java -jar glue-health-check.jar --version");
        lines.add("  java -XX:ArchiveClassesAtExit=app.jsa -jar glue-health-check.jar train   (for a class archive:");
        lines.add("      a check of a one-line job on the embedded local endpoint; docs/cli.md)");
        lines.add("");
        wrap(lines, "", "Each setting is a flag here (--kebab-case, as --name value or --name=value) and a PLUGIN_* "
                + "variable in Drone, Woodpecker and Harness CI (the step's settings:). Lists are comma lists or JSON "
                + "arrays; maps are JSON objects (compact or pretty-printed) or k=v lists.");
        for (Setting.Scope scope : Setting.Scope.values()) {
            lines.add("");
            lines.add(HEADINGS.get(scope) + ":");
            for (Setting s : Setting.values()) {
                if (s.scope() == scope) {
                    describe(s, lines);
                }
            }
        }
        lines.add("");
        lines.add("Exit codes: 0 all checks passed; 1 a check failed; 2 bad settings (nothing was called);");
        lines.add("            3 the check could not be carried out (credentials, permissions, AWS unreachable).");
        lines.add("SIGTERM or SIGINT stops the run, deletes the job and its staged script, and writes the report.");
        lines.add("Documentation: " + build.source() + " (docs/cli.md, docs/drone.md)");
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    private static void describe(Setting s, List<String> lines) {
        String head = "  " + s.flag() + " " + placeholder(s);
        lines.add(String.format("%-42s %s", head, s.envName()));
        StringBuilder text = new StringBuilder(s.description());
        if (!s.allowed().isEmpty()) {
            text.append(" One of: ").append(String.join(", ", s.allowed())).append('.');
        }
        if (s.defaultValue() != null) {
            text.append(" Default: ").append(s.defaultValue()).append('.');
        }
        wrap(lines, "      ", text.toString());
    }

    /** How a value of the setting is written, e.g. {@code N}, {@code true|false}, {@code check|sweep}. */
    static String placeholder(Setting s) {
        return switch (s.kind()) {
            case STRING -> "TEXT";
            case INTEGER -> "N";
            case DECIMAL -> "NUMBER";
            case BOOLEAN -> "[true|false]";
            case ENUM -> String.join("|", s.allowed());
            case MINUTES -> "MINUTES";
            case DURATION -> "DURATION";
            case LIST -> "LIST";
            case MAP -> "MAP";
            case LIST_OF_MAPS -> "JSON";
            case SECRET -> "SECRET";
        };
    }

    private static void wrap(List<String> lines, String indent, String text) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
    }
}
