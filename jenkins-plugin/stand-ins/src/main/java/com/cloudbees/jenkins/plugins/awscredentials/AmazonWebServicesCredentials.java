package com.cloudbees.jenkins.plugins.awscredentials;

import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.auth.AWSCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Compile-only stand-in for {@code com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials},
 * aws-credentials plugin 262.v0efb_28f71f94 (bom-2.555.x pins 265.v8422a_f384cd9): a credentials provider of both AWS
 * SDKs. The plugin uses the SDK 1.x side ({@code getCredentials()}, and the same with an MFA code), which assumes the
 * credential's IAM role, if any, as the SDK 2.x side does. Never packaged.
 */
public interface AmazonWebServicesCredentials extends StandardCredentials, AwsCredentialsProvider, AWSCredentialsProvider {
    long serialVersionUID = -8931505925778535681L;

    @Deprecated
    AWSCredentials getCredentials(String mfaToken);
}
