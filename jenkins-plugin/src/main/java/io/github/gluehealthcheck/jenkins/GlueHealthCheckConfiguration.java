package io.github.gluehealthcheck.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.Extension;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

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
 *     credentialsId: glue-ci
 *     reusePassed: 7d
 *     allowedEndpoints: "https://glue.eu-west-1.amazonaws.com"
 *     statusReadsPerSecond: 3
 * </pre>
 *
 * <p>Also the controller's trust rules ({@link io.github.gluehealthcheck.jenkins.binding.ControllerTrust}): which
 * endpoint overrides steps may name, whether steps may use the embedded local endpoint, and whether steps without
 * credentials may act as the controller's own AWS identity. All refused until an administrator allows them.
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
    private String allowedEndpoints;
    private boolean allowControllerCredentials;
    private String credentialsId;
    private Integer statusReadsPerSecond;
    private String reusePassed;

    public GlueHealthCheckConfiguration() {
        load();
    }

    /** The defaults as the steps apply them. */
    public GlobalDefaults defaults() {
        List<String> endpoints = allowedEndpoints == null ? List.of()
                : allowedEndpoints.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        return new GlobalDefaults(region, role, scriptsBucket, tags, namePrefix, allowLocalEndpoint, endpoints,
                allowControllerCredentials, credentialsId, statusReadsPerSecond, reusePassed);
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

    public String getAllowedEndpoints() {
        return allowedEndpoints;
    }

    @DataBoundSetter
    public void setAllowedEndpoints(String allowedEndpoints) {
        this.allowedEndpoints = trimmed(allowedEndpoints);
        save();
    }

    public boolean isAllowControllerCredentials() {
        return allowControllerCredentials;
    }

    @DataBoundSetter
    public void setAllowControllerCredentials(boolean allowControllerCredentials) {
        this.allowControllerCredentials = allowControllerCredentials;
        save();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = trimmed(credentialsId);
        save();
    }

    public Integer getStatusReadsPerSecond() {
        return statusReadsPerSecond;
    }

    /** Checked where it is used, like every setting: a step given an out-of-range value says it came from here. */
    @DataBoundSetter
    public void setStatusReadsPerSecond(Integer statusReadsPerSecond) {
        this.statusReadsPerSecond = statusReadsPerSecond;
        save();
    }

    public String getReusePassed() {
        return reusePassed;
    }

    /**
     * The default {@code reuse_passed} of every step. There is no global {@code baseJob}: a base job is one deployed
     * job, the model of one check, so a default would make every other check copy the wrong job.
     */
    @DataBoundSetter
    public void setReusePassed(String reusePassed) {
        this.reusePassed = trimmed(reusePassed);
        save();
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return "Glue health check";
    }

    /**
     * Whether Jenkins' own context has a credential of a kind the step takes (AWS, Secret text, Secret file) with
     * that id.
     */
    public FormValidation doCheckCredentialsId(@QueryParameter("value") @CheckForNull String value) {
        return CredentialsDropdown.check(null, value);
    }

    /** The AWS credentials the default {@code credentialsId} drop-down offers: administrators only. */
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter("credentialsId") @CheckForNull String credentialsId) {
        return CredentialsDropdown.items(null, credentialsId);
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
