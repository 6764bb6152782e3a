package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.CredentialsScope}, credentials plugin 1502.v5c95e620ddfe (bom-2.555.x pins 1506.v948b_b_b_7dec44): the constants, which
 * upstream give bodies that the plugin does not use. Never packaged.
 */
public enum CredentialsScope implements Serializable {
    SYSTEM, GLOBAL, USER
}
