package io.github.gluehealthcheck.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The administrator's defaults for every {@code glueHealthCheck} step (Manage Jenkins > System > Glue health check),
 * configurable as code:
 *
 * <pre>
 * unclassified:
 *   glueHealthCheck:
 *     region: eu-west-1
 *     role: glue-health-check
 *     scriptsBucket: s3://ci-glue-scripts/checks
 *     tags: "team=data\ncost-center=ci"
 * </pre>
 *
 * A step's own parameters and its {@code .glue-health.yml} win over these ({@link GlobalDefaults}).
 */
@Extension
@Symbol("glueHealthCheck")
public class GlueHealthCheckConfiguration extends GlobalConfiguration {
    private String region;
    private String role;
    private String scriptsBucket;
    private String tags;
    private String namePrefix;
    private boolean allowLocalEndpoint;

    public GlueHealthCheckConfiguration() {
        load();
    }

    /** The defaults as the steps apply them. */
    public GlobalDefaults defaults() {
        return new GlobalDefaults(region, role, scriptsBucket, tags, namePrefix, allowLocalEndpoint);
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = trimmed(region);
        save();
    }

    public String getRole() {
        return role;
    }

    @DataBoundSetter
    public void setRole(String role) {
        this.role = trimmed(role);
        save();
    }

    public String getScriptsBucket() {
        return scriptsBucket;
    }

    @DataBoundSetter
    public void setScriptsBucket(String scriptsBucket) {
        this.scriptsBucket = trimmed(scriptsBucket);
        save();
    }

    public String getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(String tags) {
        this.tags = trimmed(tags);
        save();
    }

    public String getNamePrefix() {
        return namePrefix;
    }

    @DataBoundSetter
    public void setNamePrefix(String namePrefix) {
        this.namePrefix = trimmed(namePrefix);
        save();
    }

    public boolean isAllowLocalEndpoint() {
        return allowLocalEndpoint;
    }

    @DataBoundSetter
    public void setAllowLocalEndpoint(boolean allowLocalEndpoint) {
        this.allowLocalEndpoint = allowLocalEndpoint;
        save();
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return "Glue health check";
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
