package hudson.util;

import io.github.gluehealthcheck.standins.NeedsJenkins;
import java.io.IOException;

/**
 * Compile-only stand-in for {@code hudson.util.FormValidation}, Jenkins core 2.555.3: the three results a form's
 * {@code doCheck...} method gives (upstream also implements {@code HttpResponse}; {@code error} and {@code warning}
 * escape the message). Never packaged; they throw.
 */
public abstract class FormValidation extends IOException {
    private static final long serialVersionUID = 1L;

    private FormValidation() {
    }

    public static FormValidation error(String message) {
        return NeedsJenkins.unavailable();
    }

    public static FormValidation warning(String message) {
        return NeedsJenkins.unavailable();
    }

    public static FormValidation ok() {
        return NeedsJenkins.unavailable();
    }
}
