package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Compile-only stand-in for {@code org.jenkinsci.Symbol}, org.jenkins-ci:symbol-annotation 1.26 (the version Jenkins
 * core 2.555.3 manages): same retention, target and {@code String[] value()}. Upstream is also {@code @Indexed}.
 * Never packaged.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
