package io.github.gluehealthcheck.jenkins;

import io.github.gluehealthcheck.engine.spec.Setting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How the step's and a {@code glueJob}'s values are read: blank text and empty lists are unset (what an untouched
 * Snippet Generator field sends), and the Groovy map syntax a Pipeline script may use for {@code arguments},
 * {@code tags} and {@code jobs} entries becomes the typed lists the step declares.
 *
 * <p>Pipeline binds a step's named arguments with structs' {@code DescribableModel}, which first hands them to the
 * step's descriptor when it implements {@code CustomDescribableModel} ({@link #acceptMaps}); a list of maps then binds
 * to a list of {@link GlueJobArgument}, {@link GlueJobTag} or {@link GlueJob} like any nested Describable.
 */
final class StepValues {

    static final String ARGUMENTS = "arguments";
    static final String TAGS = "tags";
    static final String JOBS = "jobs";

    private StepValues() {
    }

    static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * A list's entries, trimmed, without blank ones; null when none is left. The Snippet Generator's text box arrives
     * as one entry, so a single entry is split at commas and line breaks.
     */
    static List<String> entries(List<String> value) {
        if (value == null) {
            return null;
        }
        List<String> given = value.size() == 1 && value.get(0) != null
                ? Arrays.asList(value.get(0).split("[,\\n]")) : value;
        List<String> out = given.stream().filter(e -> e != null && !e.isBlank()).map(String::trim).toList();
        return out.isEmpty() ? null : out;
    }

    /** The rows that name something (an empty row of the form is left out); null when none is left. */
    static <T> List<T> rows(List<T> value, Function<T, String> name) {
        if (value == null) {
            return null;
        }
        List<T> out = value.stream().filter(r -> r != null && name.apply(r) != null).toList();
        return out.isEmpty() ? null : out;
    }

    /** The arguments as the engine reads them, in order; a name given twice keeps its last value. */
    static Map<String, String> argumentMap(List<GlueJobArgument> arguments) {
        return pairs(arguments, GlueJobArgument::getName, GlueJobArgument::getValue);
    }

    /** The tags as the engine reads them, in order; a key given twice keeps its last value. */
    static Map<String, String> tagMap(List<GlueJobTag> tags) {
        return pairs(tags, GlueJobTag::getKey, GlueJobTag::getValue);
    }

    private static <T> Map<String, String> pairs(List<T> rows, Function<T, String> key, Function<T, String> value) {
        if (rows == null) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        rows.forEach(r -> m.put(key.apply(r), value.apply(r)));
        return m;
    }

    /**
     * The step's (or a {@code glueJob}'s) named arguments with the map syntax turned into lists of the nested types:
     * {@code arguments: [source_table: 'x']} becomes {@code [[name: 'source_table', value: 'x']]}, {@code tags:
     * [team: 'data']} becomes {@code [[key: 'team', value: 'data']]}, and each map of a {@code jobs} list has its keys
     * read as job settings (any spelling the settings contract takes, e.g. {@code job_type}) and its own arguments and
     * tags turned the same way. Everything else is left as given.
     *
     * @throws IllegalArgumentException one line naming the parameter, for text where a map or list is needed (the
     *     old Snippet Generator's JSON), or a jobs entry key that is not a job setting
     */
    static Map<String, Object> acceptMaps(Map<String, Object> arguments) {
        Map<String, Object> out = new LinkedHashMap<>(arguments);
        out.computeIfPresent(ARGUMENTS, (k, v) -> pairs(k, v, "name"));
        out.computeIfPresent(TAGS, (k, v) -> pairs(k, v, "key"));
        out.computeIfPresent(JOBS, (k, v) -> jobs(v));
        return out;
    }

    private static Object pairs(String parameter, Object value, String keyName) {
        if (value instanceof CharSequence) {
            throw new IllegalArgumentException(parameter + ": write a map (" + parameter + ": [" + example(parameter)
                    + "]) or a list of " + (parameter.equals(TAGS) ? "glueTag(key: ..., value: ...)"
                            : "glueArgument(name: ..., value: ...)") + ", not text");
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        map.forEach((k, v) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(keyName, String.valueOf(k));
            row.put("value", v == null ? "" : String.valueOf(v));
            rows.add(row);
        });
        return rows;
    }

    private static String example(String parameter) {
        return parameter.equals(TAGS) ? "team: 'data'" : "source_table: 'orders_sample'";
    }

    private static Object jobs(Object value) {
        if (value instanceof CharSequence) {
            throw new IllegalArgumentException("jobs: write a list ([[script: 'jobs/a.py'], ...] or "
                    + "[glueJob(script: 'jobs/a.py'), ...]), not text");
        }
        if (!(value instanceof List<?> list)) {
            return value;
        }
        List<Object> out = new ArrayList<>();
        int i = 0;
        for (Object entry : list) {
            int n = ++i;
            if (entry instanceof Map<?, ?> map) {
                Map<String, Object> job = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    Setting s = Setting.byName(key).filter(x -> x.scope() == Setting.Scope.JOB).orElseThrow(
                            () -> new IllegalArgumentException("jobs entry " + n + ": '" + key
                                    + "' is not a job setting (job settings: " + String.join(", ", jobSettingNames()) + ")"));
                    job.put(s.camelCase(), e.getValue());
                }
                out.add(acceptMaps(job));
            } else {
                out.add(entry);
            }
        }
        return out;
    }

    /** The camelCase names of the settings a job of a {@code jobs} list takes. */
    static List<String> jobSettingNames() {
        return Arrays.stream(Setting.values()).filter(s -> s.scope() == Setting.Scope.JOB).map(Setting::camelCase)
                .toList();
    }
}
