package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Item;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.security.Permission;
import hudson.util.ListBoxModel;
import io.github.gluehealthcheck.standins.NeedsJenkins;
import java.util.List;
import org.jenkins.ui.icon.IconSpec;
import org.springframework.security.core.Authentication;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.CredentialsProvider}, credentials plugin 1502.v5c95e620ddfe (bom-2.555.x pins 1506.v948b_b_b_7dec44): finding a
 * credential by id in a build's context (with the permissions of whoever runs the build), recording its use on the
 * build, and listing the credentials of an item's context for a form. Every body throws, since both need a running Jenkins. Never packaged.
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

    @NonNull
    public static <C extends IdCredentials> ListBoxModel listCredentialsInItem(@NonNull Class<C> type,
            @Nullable Item item, @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements, @Nullable CredentialsMatcher matcher) {
        return NeedsJenkins.unavailable();
    }

    @CheckForNull
    @SuppressWarnings("rawtypes")
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        return NeedsJenkins.unavailable();
    }
}
