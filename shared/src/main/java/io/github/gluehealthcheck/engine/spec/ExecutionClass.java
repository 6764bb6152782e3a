package io.github.gluehealthcheck.engine.spec;

import java.util.Arrays;
import java.util.Optional;

/** Glue's execution class: FLEX runs on spare capacity, cheaper but may queue for many minutes. */
public enum ExecutionClass {
    STANDARD,
    FLEX;

    public static Optional<ExecutionClass> parse(String text) {
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(text.trim())).findFirst();
    }
}
