package hudson;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Compile-only stand-in for {@code hudson.Extension}, Jenkins core 2.555.3. Same retention and targets; of its
 * members only {@code ordinal()} is mirrored (the plugin sets none). Upstream is also {@code @Indexable}, which only
 * matters to Jenkins' extension index at run time. Never packaged.
 */
@Retention(RUNTIME)
@Target({TYPE, FIELD, METHOD})
@Documented
public @interface Extension {
    double ordinal() default 0;
}
