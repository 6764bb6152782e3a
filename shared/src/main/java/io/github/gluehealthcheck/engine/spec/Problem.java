package io.github.gluehealthcheck.engine.spec;

import java.util.Objects;

/**
 * One thing wrong with the settings: which setting, what is wrong and what is allowed. Settings are named in the
 * settings contract's snake_case; each adapter renders the name its own way (PLUGIN_X, --x, camelCase).
 *
 * @param scope   the job the problem belongs to when several jobs are checked, or null for the whole step
 * @param setting the snake_case setting name
 * @param message what is wrong and what is allowed, without the setting's name
 */
public record Problem(String scope, String setting, String message) {

    public Problem {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(message, "message");
    }

    public static Problem of(String setting, String message) {
        return new Problem(null, setting, message);
    }

    /** The same problem, attributed to one job of several. */
    public Problem inScope(String jobScope) {
        return new Problem(jobScope, setting, message);
    }

    /** {@code setting: message}, or {@code jobs[scope].setting: message}. */
    @Override
    public String toString() {
        return (scope == null ? setting : "jobs[" + scope + "]." + setting) + ": " + message;
    }
}
