package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.BaseCredentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.impl.BaseStandardCredentials}, credentials plugin 1502.v5c95e620ddfe (bom-2.555.x pins 1506.v948b_b_b_7dec44): the
 * constructor its subclasses call. Never packaged.
 */
public abstract class BaseStandardCredentials extends BaseCredentials implements StandardCredentials {
    private static final long serialVersionUID = 1L;

    public BaseStandardCredentials(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description) {
        super(scope);
    }
}
