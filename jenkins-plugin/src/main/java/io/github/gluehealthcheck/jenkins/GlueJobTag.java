package io.github.gluehealthcheck.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * One tag of {@code tags}: {@code glueTag(key: 'team', value: 'data')}. A Pipeline script may also write the tags as a
 * map ({@code tags: [team: 'data']}): {@link StepValues} turns it into these.
 */
public final class GlueJobTag implements Describable<GlueJobTag> {

    private final String key;
    private final String value;

    @DataBoundConstructor
    public GlueJobTag(String key, String value) {
        this.key = StepValues.trimmed(key);
        this.value = value == null ? "" : value;
    }

    public String getKey() {
        return key;
    }

    public String getValue() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlueJobTag t && java.util.Objects.equals(key, t.key) && value.equals(t.value);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(key, value);
    }

    @Override
    public String toString() {
        return "glueTag(" + key + ": " + value + ")";
    }

    /** The {@code glueTag} symbol, and the row of the Snippet Generator's tag list. */
    @Extension
    @Symbol("glueTag")
    public static final class DescriptorImpl extends Descriptor<GlueJobTag> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Tag";
        }
    }
}
