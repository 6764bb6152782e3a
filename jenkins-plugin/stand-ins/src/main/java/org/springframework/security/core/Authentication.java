package org.springframework.security.core;

/**
 * Compile-only stand-in for {@code org.springframework.security.core.Authentication}, Spring Security 6.5.9 (the
 * version Jenkins core 2.555.3 manages): only the type, which credentials listing takes. Upstream extends
 * {@code Principal} and {@code Serializable}. Never packaged.
 */
public interface Authentication {
}
