package io.github.gluehealthcheck.engine.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Settings that cannot be used, found before any AWS call. Carries every problem, not only the first, so a user
 * fixes them all in one round. Its message is one line per problem and never contains a setting's value when the
 * setting is secret.
 */
public final class InvalidSettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidSettingsException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidSettingsException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
