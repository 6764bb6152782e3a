package io.github.gluehealthcheck.engine.logs;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lines of a run already shown, by the group they came from, so that a line Glue writes to two groups (Glue 4.0
 * continuous logging repeats the driver's lines in {@code output} and {@code error}) is shown once. Remembers the
 * most recent lines only, to stay small inside a persisted handle.
 */
public final class SeenLines implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final int REMEMBERED = 2000;

    private final LinkedHashMap<Integer, String> groupOfLine;

    public SeenLines() {
        this(new LinkedHashMap<>());
    }

    private SeenLines(LinkedHashMap<Integer, String> groupOfLine) {
        this.groupOfLine = groupOfLine;
    }

    /** A copy to record further lines in. */
    public SeenLines copy() {
        return new SeenLines(new LinkedHashMap<>(groupOfLine));
    }

    /** True when the line is new; false when the same text was already shown from another group. */
    boolean show(String group, String message) {
        int key = message.strip().hashCode();
        String first = groupOfLine.get(key);
        if (first != null && !first.equals(group)) {
            return false;
        }
        groupOfLine.remove(key);
        groupOfLine.put(key, group);
        if (groupOfLine.size() > REMEMBERED) {
            Map.Entry<Integer, String> oldest = groupOfLine.entrySet().iterator().next();
            groupOfLine.remove(oldest.getKey());
        }
        return true;
    }
}
