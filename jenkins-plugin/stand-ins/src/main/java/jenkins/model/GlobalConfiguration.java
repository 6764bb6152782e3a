package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

/**
 * Compile-only stand-in for {@code jenkins.model.GlobalConfiguration}, Jenkins core 2.555.3: the protected
 * constructor and upstream's final {@code getDescriptor()}. Upstream's default {@code configure} binds the form to
 * the {@code @DataBoundSetter}s, which is why the plugin overrides nothing else. Never packaged.
 */
public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {

    protected GlobalConfiguration() {
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        return this;
    }
}
