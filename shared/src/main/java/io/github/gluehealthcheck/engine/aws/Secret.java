package io.github.gluehealthcheck.engine.aws;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * A secret value (key, token, external id). It prints as {@code ****} wherever it ends up by accident: logs,
 * exception messages, reports. Only {@link #reveal()} gives the value, at the one place that hands it to the SDK.
 */
public final class Secret implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret, or null for a null or blank value (an unset setting). */
    public static Secret of(String value) {
        return value == null || value.isBlank() ? null : new Secret(value.trim());
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }
}
