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
import java.util.TreeMap;

/**
 * The settings of one step as the engine's {@code SettingsReader} takes them (by snake_case name, as text): from
 * {@code PLUGIN_*} variables, which Drone, Woodpecker and Harness derive from a step's {@code settings:}, and from
 * command-line flags, which win. It remembers where each setting came from, so that a problem names the setting
 * the way the user wrote it: {@code PLUGIN_TIMEOUT} in a CI step, {@code --timeout} in a terminal.
 */
final class StepSettings {
    static final String PREFIX = "PLUGIN_";

    /** Where a setting was given. */
    enum Origin {
        FLAG, VARIABLE, DETECTED
    }

    private final Map<Setting, String> values;
    private final Map<Setting, Origin> origins;
    private final List<String> warnings;
    private final boolean pluginStyle;

    private StepSettings(Map<Setting, String> values, Map<Setting, Origin> origins, List<String> warnings,
            boolean pluginStyle) {
        this.values = values;
        this.origins = origins;
        this.warnings = warnings;
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
        boolean anyVariable = false;
        // Sorted, so warnings come out in a stable order.
        for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
            if (!e.getKey().startsWith(PREFIX) || e.getKey().length() == PREFIX.length()) {
                continue;
            }
            anyVariable = true;
            String name = e.getKey().substring(PREFIX.length()).toLowerCase(Locale.ROOT);
            Setting s = Setting.byName(name).orElse(null);
            if (s == null) {
                warnings.add(e.getKey() + " is not a setting and is ignored"
                        + Suggestions.closestSetting(name).map(c -> " (did you mean " + c.envName() + "?)").orElse(""));
                continue;
            }
            values.put(s, e.getValue());
            origins.put(s, Origin.VARIABLE);
        }
        flags.forEach((s, v) -> {
            values.put(s, v);
            origins.put(s, Origin.FLAG);
        });
        return new StepSettings(values, origins, warnings, flags.isEmpty() && (anyVariable || inCi));
    }

    /** The same settings with {@code setting} added where nobody gave it (e.g. the workspace a CI names). */
    StepSettings withDetected(Setting setting, String value) {
        if (value == null || value.isBlank() || given(setting)) {
            return this;
        }
        Map<Setting, String> v = new EnumMap<>(values);
        Map<Setting, Origin> o = new EnumMap<>(origins);
        v.put(setting, value);
        o.put(setting, Origin.DETECTED);
        return new StepSettings(v, o, warnings, pluginStyle);
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

    /** Settings as the user gave them, for debug output: secret values never, only that they were given. */
    Map<String, String> describeValues() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((s, v) -> out.put(name(s), s.isSecret() ? (v.isBlank() ? "(empty)" : "(secret, given)")
                : v.replace("\n", " ")));
        return out;
    }

    /** Warnings about the variables themselves (unknown names). */
    List<String> warnings() {
        return List.copyOf(warnings);
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
        } else if (problem.scope() == null || values.containsKey(s)) {
            name = name(s);
        } else {
            name = s.key();
        }
        return (problem.scope() == null ? name : "jobs[" + problem.scope() + "]." + name) + ": " + problem.message();
    }
}
