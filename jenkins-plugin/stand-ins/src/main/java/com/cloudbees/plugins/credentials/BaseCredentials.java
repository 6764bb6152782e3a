package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.BaseCredentials}, credentials plugin 1502.v5c95e620ddfe (bom-2.555.x pins 1506.v948b_b_b_7dec44): the constructor its
 * subclasses call. Never packaged.
 */
public class BaseCredentials implements Credentials {
    private static final long serialVersionUID = 1L;

    public BaseCredentials(@CheckForNull CredentialsScope scope) {
    }
}
