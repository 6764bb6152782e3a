package com.cloudbees.jenkins.plugins.awscredentials;

import com.amazonaws.auth.AWSCredentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.github.gluehealthcheck.standins.NeedsJenkins;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * Compile-only stand-in for {@code com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl}, aws-credentials plugin 262.v0efb_28f71f94 (bom-2.555.x pins 265.v8422a_f384cd9): the
 * Jenkins "AWS Credentials" kind. The plugin reads whether it has an access key (without one, upstream assumes the
 * IAM role with the controller's own identity) and whether its role needs an MFA code. Never packaged.
 */
public class AWSCredentialsImpl extends BaseAmazonWebServicesCredentials {
    private static final long serialVersionUID = 1L;

    public AWSCredentialsImpl(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String accessKey, @CheckForNull String secretKey, @CheckForNull String description) {
        super(scope, id, description);
    }

    public String getAccessKey() {
        return NeedsJenkins.unavailable();
    }

    public boolean requiresToken() {
        return NeedsJenkins.unavailable();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return NeedsJenkins.unavailable();
    }

    @Deprecated
    @Override
    public AWSCredentials getCredentials() {
        return NeedsJenkins.unavailable();
    }

    @Deprecated
    @Override
    public AWSCredentials getCredentials(String mfaToken) {
        return NeedsJenkins.unavailable();
    }
}
