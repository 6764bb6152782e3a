package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.common.IdCredentials}, credentials plugin 1502.v5c95e620ddfe (bom-2.555.x pins 1506.v948b_b_b_7dec44): the type only.
 * Never packaged.
 */
public interface IdCredentials extends Credentials {
}
