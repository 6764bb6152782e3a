package com.cloudbees.plugins.credentials.common;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.common.StandardListBoxModel}, credentials plugin 1502.v5c95e620ddfe (bom-2.555.x pins 1506.v948b_b_b_7dec44): the
 * drop-down model of {@code StandardCredentials}. Never packaged.
 */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
}
