package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.io.Serializable;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.Credentials}, credentials plugin 1502.v5c95e620ddfe (bom-2.555.x pins 1506.v948b_b_b_7dec44): the type only; the plugin
 * calls none of its members. Never packaged.
 */
public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
}
