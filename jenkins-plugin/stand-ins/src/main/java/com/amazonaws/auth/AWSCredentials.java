package com.amazonaws.auth;

/**
 * Compile-only stand-in for {@code com.amazonaws.auth.AWSCredentials} (AWS SDK for Java 1.x, from Jenkins'
 * aws-java-sdk plugin as bom-2.555.x pins it): an access key id and its secret. Never packaged.
 */
public interface AWSCredentials {

    String getAWSAccessKeyId();

    String getAWSSecretKey();
}
