package com.cloudbees.plugins.credentials;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.CredentialsMatcher}, credentials plugin 1502.v5c95e620ddfe (bom-2.555.x pins 1506.v948b_b_b_7dec44): only the type
 * (upstream extends {@code Serializable} and declares {@code matches}). Never packaged.
 */
public interface CredentialsMatcher {
}
