package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.plaincredentials.StringCredentials}, plain-credentials
 * 199.v9f8e1f741799 (the version bom-2.555.x 6783 pins): the "Secret text" kind. Never packaged.
 */
public interface StringCredentials extends StandardCredentials {
    @NonNull Secret getSecret();
}
