package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.InputStream;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.plaincredentials.FileCredentials}, plain-credentials
 * 199.v9f8e1f741799 (the version bom-2.555.x 6783 pins): the "Secret file" kind. Never packaged.
 */
public interface FileCredentials extends StandardCredentials {
    @NonNull InputStream getContent() throws IOException;
}
