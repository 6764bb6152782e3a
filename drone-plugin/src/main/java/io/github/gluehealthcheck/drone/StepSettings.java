package io.github.gluehealthcheck.drone;

import io.github.gluehealthcheck.engine.settings.Suggestions;
import io.github.gluehealthcheck.engine.spec.Problem;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The settings of one step as the engine's {@code SettingsReader} takes them (by snake_case name, as text): from
 * {@code PLUGIN_*} variables, which Drone, Woodpecker and Harness derive from a step's {@code settings:}, and from
 * command-line flags, which win. It remembers where each setting came from, so that a problem names the setting
 * the way the user wrote it: {@code PLUGIN_TIMEOUT} in a CI step, {@code --timeout} in a terminal.
 */
final class StepSettings {
    static final String PREFIX = "PLUGIN_";
    /**
     * Where the Drone UI fetches the card template from: a setting of this adapter only (the engine knows no
     * cards), for installs that cannot reach the released template.
     */
    static final String CARD_TEMPLATE = PREFIX + "CARD_TEMPLATE";
    /**
     * {@code PLUGIN_*} variables a runner sets on its own, not from the step's settings: Harness's lite-engine sets
     * {@code PLUGIN_ARTIFACT_FILE} on every step (harness/lite-engine pipeline/runtime/run.go).
     */
    static final Set<String> RUNNER_VARIABLES = Set.of(PREFIX + "ARTIFACT_FILE");
    /**
     * Drone encodes a YAML float with {@code strconv.FormatFloat(v, 'g', -1, 64)}
     * (drone-runners/drone-runner-docker internal/encoder/encoder.go) and Woodpecker with {@code %v}
     * (woodpecker-ci/woodpecker pipeline/frontend/yaml/compiler/settings/params.go), so {@code glue_version: 5.0}
     * arrives as {@code 5}. No Glue version is a whole number, so a whole number here can only be that encoding.
     */
    private static final Pattern WHOLE_VERSION = Pattern.compile("\\d{1,2}");

    /** Where a setting was given. */
    enum Origin {
        FLAG, VARIABLE, DETECTED
    }

    private final Map<Setting, String> values;
    private final Map<Setting, Origin> origins;
    private final Map<Setting, String> detectedFrom;
    private final List<String> warnings;
    private final List<String> problems;
    private final String cardTemplate;
    private final boolean pluginStyle;

    private StepSettings(Map<Setting, String> values, Map<Setting, Origin> origins, Map<Setting, String> detectedFrom,
            List<String> warnings, List<String> problems, String cardTemplate, boolean pluginStyle) {
        this.values = values;
        this.origins = origins;
        this.detectedFrom = detectedFrom;
        this.warnings = warnings;
        this.problems = problems;
        this.cardTemplate = cardTemplate;
        this.pluginStyle = pluginStyle;
    }

    /**
     * Reads the settings.
     *
     * @param environment the process environment ({@code PLUGIN_*} variables)
     * @param flags       settings given as flags
     * @param inCi        true when a CI runs us: settings nobody gave are then named {@code PLUGIN_X}
     */
    static StepSettings read(Map<String, String> environment, Map<Setting, String> flags, boolean inCi) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Map<Setting, Origin> origins = new EnumMap<>(Setting.class);
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String cardTemplate = null;
        boolean anyVariable = false;
        // Sorted, so warnings come out in a stable order.
        for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
            if (!e.getKey().startsWith(PREFIX) || e.getKey().length() == PREFIX.length()) {
                continue;
            }
            if (RUNNER_VARIABLES.contains(e.getKey())) {
                continue;
            }
            anyVariable = true;
            if (e.getKey().equals(CARD_TEMPLATE)) {
                cardTemplate = e.getValue().isBlank() ? null : e.getValue().trim();
                continue;
            }
            String name = e.getKey().substring(PREFIX.length()).toLowerCase(Locale.ROOT);
            Setting s = Setting.byName(name).orElse(null);
            if (s == null) {
                warnings.add(e.getKey() + " is not a setting and is ignored"
                        + Suggestions.closestSetting(name).map(c -> " (did you mean " + c.envName() + "?)").orElse(""));
                continue;
            }
            String value = e.getValue();
            if (s == Setting.GLUE_VERSION && WHOLE_VERSION.matcher(value.trim()).matches()) {
                value = value.trim() + ".0";
            }
            if (s.isSecret() && looksLikeJsonObject(value)) {
                // Harness passes a pasted {from_secret: x} as its JSON text; taking that for a key would fail late.
                problems.add(e.getKey() + ": holds a JSON object, not a secret value (from_secret is not resolved"
                        + " here); in Harness give the secret as <+secrets.getValue(\"name\")>");
            }
            values.put(s, value);
            origins.put(s, Origin.VARIABLE);
        }
        flags.forEach((s, v) -> {
            values.put(s, v);
            origins.put(s, Origin.FLAG);
        });
        return new StepSettings(values, origins, new EnumMap<>(Setting.class), warnings, problems, cardTemplate,
                flags.isEmpty() && (anyVariable || inCi));
    }

    private static boolean looksLikeJsonObject(String value) {
        String t = value.strip();
        return t.startsWith("{") && t.endsWith("}");
    }

    /**
     * The same settings with {@code setting} added where nobody gave it (e.g. the workspace a CI names).
     *
     * @param source where the value came from, in words (e.g. {@code CI_WORKSPACE}), for the debug output
     */
    StepSettings withDetected(Setting setting, String value, String source) {
        if (value == null || value.isBlank() || given(setting)) {
            return this;
        }
        Map<Setting, String> v = new EnumMap<>(values);
        Map<Setting, Origin> o = new EnumMap<>(origins);
        Map<Setting, String> d = new EnumMap<>(Setting.class);
        d.putAll(detectedFrom);
        v.put(setting, value);
        o.put(setting, Origin.DETECTED);
        d.put(setting, source);
        return new StepSettings(v, o, d, warnings, problems, cardTemplate, pluginStyle);
    }

    /** True when the user gave the setting a non-blank value. */
    boolean given(Setting setting) {
        String v = values.get(setting);
        return v != null && !v.isBlank();
    }

    String value(Setting setting) {
        return values.get(setting);
    }

    /** The settings by snake_case name, for {@code SettingsReader.read}. */
    Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((s, v) -> out.put(s.key(), v));
        return out;
    }

    /**
     * Settings as the user gave them, for debug output: secret values never, only that they were given; a value
     * detected from the CI is named by what it came from, not as a setting nobody gave.
     */
    Map<String, String> describeValues() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((s, v) -> {
            String shown = s.isSecret() ? (v.isBlank() ? "(empty)" : "(secret, given)") : v.replace("\n", " ");
            if (origins.get(s) == Origin.DETECTED) {
                out.put(s.key(), shown + " (detected from " + detectedFrom.getOrDefault(s, "the CI") + ")");
            } else {
                out.put(name(s), shown);
            }
        });
        return out;
    }

    /** Warnings about the variables themselves (unknown names). */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Problems with values no setting may hold (a credential that is a JSON object), one line each. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** The card template URL the step gives ({@code PLUGIN_CARD_TEMPLATE}), if any. */
    java.util.Optional<String> cardTemplate() {
        return java.util.Optional.ofNullable(cardTemplate);
    }

    /** True when settings are spoken of as {@code PLUGIN_X}; else as {@code --x}. */
    boolean pluginStyle() {
        return pluginStyle;
    }

    /** The setting's name as this user writes it. */
    String name(Setting setting) {
        Origin origin = origins.get(setting);
        if (origin == Origin.FLAG) {
            return setting.flag();
        }
        if (origin == Origin.VARIABLE) {
            return setting.envName();
        }
        return pluginStyle ? setting.envName() : setting.flag();
    }

    /**
     * One line for a problem, naming the setting as the user wrote it. A problem of one job of several names the
     * job; the setting keeps its file spelling when it came from the config file or the jobs list.
     */
    String describe(Problem problem) {
        Setting s = Setting.byName(problem.setting()).orElse(null);
        String name;
        if (s == null) {
            name = problem.setting();
        } else if (origins.get(s) == Origin.DETECTED) {
            name = s.key() + " (detected from " + detectedFrom.getOrDefault(s, "the CI") + ")";
        } else if (problem.scope() == null || values.containsKey(s)) {
            name = name(s);
        } else {
            name = s.key();
        }
        return (problem.scope() == null ? name : "jobs[" + problem.scope() + "]." + name) + ": " + problem.message();
    }
}
