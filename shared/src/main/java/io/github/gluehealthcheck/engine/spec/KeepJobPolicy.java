package io.github.gluehealthcheck.engine.spec;

import java.util.Arrays;
import java.util.Optional;

/** Whether the temporary Glue job (and its staged script) survives the check, for debugging. */
public enum KeepJobPolicy {
    NEVER("never"),
    ON_FAILURE("on_failure"),
    ALWAYS("always");

    private final String value;

    KeepJobPolicy(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public boolean keeps(boolean passed) {
        return this == ALWAYS || (this == ON_FAILURE && !passed);
    }

    public static Optional<KeepJobPolicy> parse(String text) {
        String t = text.trim().replace('-', '_');
        return Arrays.stream(values()).filter(p -> p.value.equalsIgnoreCase(t)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
