package com.amazonaws.auth;

/**
 * Compile-only stand-in for {@code com.amazonaws.auth.AWSSessionCredentials} (AWS SDK for Java 1.x, from Jenkins'
 * aws-java-sdk plugin as bom-2.555.x pins it): keys with a session token, as an assumed IAM role gives. Never
 * packaged.
 */
public interface AWSSessionCredentials extends AWSCredentials {

    String getSessionToken();
}
