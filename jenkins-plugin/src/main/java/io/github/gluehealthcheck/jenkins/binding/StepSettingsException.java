package io.github.gluehealthcheck.jenkins.binding;

import java.util.List;

/**
 * The step's settings cannot be used: one line per problem, named as the Pipeline author wrote them. Found before any
 * AWS call; the message never contains a secret value.
 */
public final class StepSettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> lines;

    public StepSettingsException(List<String> lines) {
        super(String.join("\n", lines), null, false, false);
        this.lines = List.copyOf(lines);
    }

    public List<String> lines() {
        return lines;
    }
}
