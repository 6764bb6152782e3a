package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.github.gluehealthcheck.standins.NeedsJenkins;
import org.springframework.security.core.Authentication;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel},
 * credentials plugin 1502.v5c95e620ddfe (bom-2.555.x pins 1506.v948b_b_b_7dec44): the three calls of the credentials drop-down the plugin makes (empty choice, the credentials of a type in
 * a context as an authentication, the current value). Never packaged; the bodies throw.
 *
 * @param <T> the concrete model
 * @param <C> the credentials listed
 */
public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>,
        C extends IdCredentials> extends ListBoxModel {

    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        return NeedsJenkins.unavailable();
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeAs(@NonNull Authentication authentication,
            @Nullable Item context, @NonNull Class<? extends C> type) {
        return NeedsJenkins.unavailable();
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(@NonNull String value) {
        return NeedsJenkins.unavailable();
    }
}
