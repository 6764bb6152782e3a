package io.github.gluehealthcheck.jenkins.binding;

import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import io.github.gluehealthcheck.engine.spec.Problem;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders settings problems the way a Pipeline author wrote the settings: one line per problem, the setting named by
 * its step parameter ({@code scriptsBucket: is required ...}, {@code jobs[orders].numberOfWorkers: ...}). Problems in
 * a {@code .glue-health.yml} keep the file's snake_case names, since that is what the file says.
 */
public final class ProblemLines {
    private static final Pattern SNAKE_NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (Setting s : Setting.values()) {
            if (s.key().contains("_")) {
                names.add(Pattern.quote(s.key()));
            }
        }
        // Longest first, so that e.g. number_of_workers is not read as a shorter name.
        names.sort((a, b) -> b.length() - a.length());
        SNAKE_NAMES = Pattern.compile("(?<![\\w.-])(" + String.join("|", names) + ")(?![\\w-])");
    }

    private ProblemLines() {
    }

    /**
     * The problems, one line each.
     *
     * @param fromDefaults camelCase names of settings whose value came from the global defaults; their problems say so
     */
    public static List<String> of(InvalidSettingsException e, Set<String> fromDefaults) {
        List<String> lines = new ArrayList<>();
        for (Problem p : e.problems()) {
            lines.add(line(p, fromDefaults));
        }
        return lines;
    }

    static String line(Problem p, Set<String> fromDefaults) {
        boolean inFile = Setting.CONFIG.key().equals(p.setting());
        String name = camel(p.setting());
        String message = inFile ? p.message() : camelize(p.message());
        String where = p.scope() == null ? name : "jobs[" + p.scope() + "]." + name;
        String origin = fromDefaults.contains(name) ? " (the value comes from the global default in Manage Jenkins > System)" : "";
        return where + ": " + message + origin;
    }

    private static String camel(String settingName) {
        return Setting.byName(settingName).map(Setting::camelCase).orElse(settingName);
    }

    /**
     * Names a message mentions ({@code needs assume_role}) in their parameter form ({@code needs assumeRole}). Text in
     * single quotes is a value the user gave and stays as it is.
     */
    static String camelize(String message) {
        String[] parts = message.split("'", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('\'');
            }
            out.append(i % 2 == 0 ? camelizeNames(parts[i]) : parts[i]);
        }
        return out.toString();
    }

    private static String camelizeNames(String text) {
        Matcher m = SNAKE_NAMES.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(camel(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
