package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.security.Permission;
import io.github.gluehealthcheck.standins.NeedsJenkins;
import org.jenkins.ui.icon.IconSpec;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.CredentialsProvider}, credentials plugin 1502.v5c95e620ddfe (bom-2.555.x pins 1506.v948b_b_b_7dec44): finding a
 * credential by id in a build's context (with the permissions of whoever runs the build) and recording its use on the
 * build. Every body throws, since both need a running Jenkins. Never packaged.
 */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider>, IconSpec {

    public static final Permission USE_ITEM = NeedsJenkins.constant(Permission.class);

    public CredentialsProvider() {
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run) {
        return NeedsJenkins.unavailable();
    }

    @CheckForNull
    @SuppressWarnings("rawtypes")
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        return NeedsJenkins.unavailable();
    }
}
