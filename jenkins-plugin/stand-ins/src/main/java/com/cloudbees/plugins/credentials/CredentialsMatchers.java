package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.gluehealthcheck.standins.NeedsJenkins;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.CredentialsMatchers}, credentials plugin 1502.v5c95e620ddfe (bom-2.555.x pins 1506.v948b_b_b_7dec44): the matcher of a
 * credential id. Never packaged; it throws.
 */
public class CredentialsMatchers {
    private CredentialsMatchers() {
    }

    @NonNull
    public static CredentialsMatcher withId(@NonNull String id) {
        return NeedsJenkins.unavailable();
    }
}
