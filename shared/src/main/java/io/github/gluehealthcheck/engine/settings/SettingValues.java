package io.github.gluehealthcheck.engine.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gluehealthcheck.engine.spec.Problem;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one setting's value, whatever form it came in: text from an environment variable or a flag (Drone gives
 * lists as comma lists or JSON arrays and maps as JSON, Harness pretty-prints JSON over several lines), or typed
 * values from YAML and Groovy. Problems name the setting and never repeat a secret value.
 */
final class SettingValues {
    /** Built on first use: most settings are plain text, and a new ObjectMapper costs a CLI ~0.2 s of start-up. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|sec|seconds?|m|min|minutes?|h|hours?)?",
            Pattern.CASE_INSENSITIVE);

    private final List<Problem> problems;
    private final String scope;

    SettingValues(List<Problem> problems, String scope) {
        this.problems = problems;
        this.scope = scope;
    }

    private void problem(Setting s, String message) {
        Problem p = Problem.of(s.key(), message);
        problems.add(scope == null ? p : p.inScope(scope));
    }

    /** Shows a value in a message, unless the setting is secret. */
    private static String shown(Setting s, Object value) {
        return s.isSecret() ? "the given value" : "'" + value + "'";
    }

    String text(Setting s, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            problem(s, "must be a single value, not a " + (value instanceof Map ? "map" : "list"));
            return null;
        }
        return value.toString().trim();
    }

    /**
     * A version such as {@code 5.0}. Given as a number (a YAML, JSON or Groovy number rather than text), a whole
     * one is read as {@code N.0}: YAML and JSON writers drop a trailing {@code .0}, and no version is a bare whole
     * number.
     */
    String version(Setting s, Object value) {
        if (value instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            return d.signum() >= 0 && d.stripTrailingZeros().scale() <= 0
                    ? d.toBigInteger() + ".0" : d.toPlainString();
        }
        return text(s, value);
    }

    Integer integer(Setting s, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).intValue();
        }
        String t = value.toString().trim();
        if (t.matches("[+-]?\\d{1,9}")) {
            return Integer.parseInt(t);
        }
        if (s.kind() == Setting.Kind.MINUTES && t.matches("\\d{1,6}\\s*(m|min|minutes?)")) {
            return Integer.parseInt(t.replaceAll("\\D", ""));
        }
        problem(s, shown(s, value) + " is not a whole number" + (s.kind() == Setting.Kind.MINUTES ? " of minutes" : ""));
        return null;
    }

    Double decimal(Setting s, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return new BigDecimal(value.toString().trim()).doubleValue();
        } catch (NumberFormatException e) {
            problem(s, shown(s, value) + " is not a number");
            return null;
        }
    }

    Boolean bool(Setting s, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> {
                return true;
            }
            case "false", "no", "off", "0" -> {
                return false;
            }
            default -> {
                problem(s, shown(s, value) + " is not a boolean; use true or false");
                return null;
            }
        }
    }

    /** One of the setting's allowed values, case-insensitively; the canonical spelling. */
    String choice(Setting s, Object value) {
        String t = text(s, value);
        if (t == null) {
            return null;
        }
        String norm = t.replace('-', '_');
        for (String allowed : s.allowed()) {
            if (allowed.equalsIgnoreCase(norm)) {
                return allowed;
            }
        }
        String hint = Suggestions.closest(t, s.allowed()).map(c -> " (did you mean " + c + "?)").orElse("");
        problem(s, shown(s, t) + " is not allowed; use one of " + String.join(", ", s.allowed()) + hint);
        return null;
    }

    /** Minutes as a number, or a number with a unit: {@code 20}, {@code 90s}, {@code 15m}, {@code 1h}. */
    Duration duration(Setting s, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return Duration.ofMillis(Math.round(n.doubleValue() * 60_000));
        }
        Matcher m = DURATION.matcher(value.toString().trim());
        if (!m.matches()) {
            problem(s, shown(s, value) + " is not a duration; give minutes (20) or a number with a unit (90s, 15m, 1h)");
            return null;
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "m" : m.group(2).toLowerCase(Locale.ROOT);
        double millis = unit.startsWith("s") ? n * 1000 : unit.startsWith("h") ? n * 3_600_000 : n * 60_000;
        return Duration.ofMillis(Math.round(millis));
    }

    /** The longest {@code reuse_passed}: beyond it, a pass says little about today's Glue, data and libraries. */
    static final Duration MAX_REUSE = Duration.ofDays(90);
    private static final Pattern AGE = Pattern.compile("(\\d{1,4})\\s*(s|m|h|d)");

    /**
     * An age with its unit, {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}; or {@code off} (also {@code false},
     * {@code 0}, {@code none}), which gives {@link Duration#ZERO}. A bare number is refused: minutes or days?
     */
    Duration age(Setting s, Object value) {
        if (value == null) {
            return null;
        }
        String t = value.toString().trim().toLowerCase(Locale.ROOT);
        if (List.of("off", "false", "0", "none", "no").contains(t)) {
            return Duration.ZERO;
        }
        Matcher m = AGE.matcher(t);
        if (!m.matches()) {
            problem(s, shown(s, value) + " is not an age; give a number with a unit (90s, 30m, 12h, 7d) or off");
            return null;
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero() || d.compareTo(MAX_REUSE) > 0) {
            problem(s, shown(s, value) + " is out of range; give more than 0 and at most 90d, or off");
            return null;
        }
        return d;
    }

    /** A list: a YAML/Groovy list, a JSON array, or a comma list (entries trimmed, empty ones dropped). */
    List<String> list(Setting s, Object value) {
        if (value == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map || o instanceof List) {
                    problem(s, "entries must be single values");
                    return null;
                }
                if (o != null && !o.toString().isBlank()) {
                    out.add(o.toString().trim());
                }
            }
            return out;
        }
        String t = value.toString().trim();
        if (t.startsWith("[")) {
            JsonNode node = parseJson(s, t);
            if (node == null) {
                return null;
            }
            if (!node.isArray()) {
                problem(s, "must be a JSON array of strings");
                return null;
            }
            for (JsonNode n : node) {
                if (!n.isValueNode()) {
                    problem(s, "entries must be single values");
                    return null;
                }
                if (!n.asText().isBlank()) {
                    out.add(n.asText().trim());
                }
            }
            return out;
        }
        for (String part : t.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** A map: a YAML/Groovy map, a JSON object (compact or pretty), or {@code k=v} pairs split by commas or lines. */
    Map<String, String> map(Setting s, Object value) {
        if (value == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() instanceof Map || e.getValue() instanceof List) {
                    problem(s, "value of '" + e.getKey() + "' must be a single value");
                    return null;
                }
                out.put(String.valueOf(e.getKey()), e.getValue() == null ? "" : e.getValue().toString());
            }
            return out;
        }
        String t = value.toString().trim();
        if (t.startsWith("{")) {
            JsonNode node = parseJson(s, t);
            if (node == null) {
                return null;
            }
            if (!node.isObject()) {
                problem(s, "must be a JSON object");
                return null;
            }
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode()) {
                    problem(s, "value of '" + e.getKey() + "' must be a single value");
                    return null;
                }
                out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
            }
            return out;
        }
        for (String part : t.split("[,\\n]")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                problem(s, "entry '" + part.trim() + "' is not key=value; give k=v pairs or a JSON object");
                return null;
            }
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }

    /** A list of objects: a YAML/Groovy list of maps, or a JSON array of objects. */
    List<Map<String, Object>> listOfMaps(Setting s, Object value) {
        if (value == null) {
            return null;
        }
        Object v = value;
        if (value instanceof String t) {
            JsonNode node = parseJson(s, t.trim());
            if (node == null) {
                return null;
            }
            v = Json.MAPPER.convertValue(node, Object.class);
        }
        if (!(v instanceof List<?> l)) {
            problem(s, "must be a list of objects, e.g. [{\"script\": \"jobs/a.py\"}]");
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof Map<?, ?> m)) {
                problem(s, "must be a list of objects, e.g. [{\"script\": \"jobs/a.py\"}]");
                return null;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            m.forEach((k, val) -> entry.put(String.valueOf(k), val));
            out.add(entry);
        }
        return out;
    }

    private JsonNode parseJson(Setting s, String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            problem(s, "is nested too deeply; JSON settings are flat objects and lists");
            return null;
        } catch (JsonProcessingException e) {
            problem(s, "is not valid JSON" + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
            return null;
        }
    }
}
