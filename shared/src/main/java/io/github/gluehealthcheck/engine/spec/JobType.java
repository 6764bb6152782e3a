package io.github.gluehealthcheck.engine.spec;

import java.util.Arrays;
import java.util.Optional;

/** The Glue job command ({@code Command.Name}) a health check creates. */
public enum JobType {
    GLUEETL("glueetl"),
    PYTHONSHELL("pythonshell"),
    GLUERAY("glueray");

    private final String value;

    JobType(String value) {
        this.value = value;
    }

    /** The settings and Glue API spelling. */
    public String value() {
        return value;
    }

    public static Optional<JobType> parse(String text) {
        return Arrays.stream(values()).filter(t -> t.value.equalsIgnoreCase(text.trim())).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
