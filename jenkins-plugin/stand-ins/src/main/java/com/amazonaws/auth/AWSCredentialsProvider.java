package com.amazonaws.auth;

/**
 * Compile-only stand-in for {@code com.amazonaws.auth.AWSCredentialsProvider} (AWS SDK for Java 1.x, from Jenkins'
 * aws-java-sdk plugin as bom-2.555.x pins it): a supertype of {@code AmazonWebServicesCredentials}, kept upstream for
 * compatibility. The plugin calls its {@code getCredentials()}: no SDK 2.x type then passes between the AWS
 * credential's plugin and this one, which bundles its own SDK 2.x. Never packaged.
 */
public interface AWSCredentialsProvider {

    AWSCredentials getCredentials();
}
