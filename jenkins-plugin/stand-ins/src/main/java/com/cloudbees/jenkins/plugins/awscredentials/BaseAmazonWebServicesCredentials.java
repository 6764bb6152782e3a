package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Compile-only stand-in for {@code com.cloudbees.jenkins.plugins.awscredentials.BaseAmazonWebServicesCredentials},
 * aws-credentials plugin 262.v0efb_28f71f94 (bom-2.555.x pins 265.v8422a_f384cd9): the constructor its subclass calls. Never packaged.
 */
public abstract class BaseAmazonWebServicesCredentials extends BaseStandardCredentials
        implements AmazonWebServicesCredentials {

    public BaseAmazonWebServicesCredentials(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description) {
        super(scope, id, description);
    }
}
