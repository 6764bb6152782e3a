package io.github.gluehealthcheck.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * One job argument of {@code arguments}: {@code glueArgument(name: 'source_table', value: 'orders_sample')}. The name
 * gets a leading {@code --} if it has none. A Pipeline script may also write the arguments as a map
 * ({@code arguments: [source_table: 'orders_sample']}): {@link StepValues} turns it into these.
 */
public final class GlueJobArgument implements Describable<GlueJobArgument> {

    private final String name;
    private final String value;

    @DataBoundConstructor
    public GlueJobArgument(String name, String value) {
        this.name = StepValues.trimmed(name);
        this.value = value == null ? "" : value;
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlueJobArgument a && java.util.Objects.equals(name, a.name) && value.equals(a.value);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, value);
    }

    /** Its name only: the value may be a secret argument's. */
    @Override
    public String toString() {
        return "glueArgument(" + name + ")";
    }

    /** The {@code glueArgument} symbol, and the row of the Snippet Generator's argument list. */
    @Extension
    @Symbol("glueArgument")
    public static final class DescriptorImpl extends Descriptor<GlueJobArgument> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Job argument";
        }
    }
}
