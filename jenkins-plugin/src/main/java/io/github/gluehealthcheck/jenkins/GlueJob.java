package io.github.gluehealthcheck.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.github.gluehealthcheck.jenkins.binding.StepParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * One job of the step's {@code jobs} list: {@code glueJob(script: 'jobs/customers.py', jobType: 'pythonshell')}. It
 * takes every job setting of the settings contract (the settings whose scope is a job), typed like the step's
 * parameters of the same names; what it leaves unset comes from the step. A Pipeline script may also write a job as a
 * map ({@code jobs: [[script: 'jobs/orders.py']]}, keys in any spelling the contract takes): {@link StepValues}.
 */
public final class GlueJob implements Describable<GlueJob> {
    private String script;
    private String baseJob;
    private String reusePassed;
    private String jobName;
    private String jobType;
    private String glueVersion;
    private String workerType;
    private Integer numberOfWorkers;
    private Double maxCapacity;
    private String executionClass;
    private Integer timeout;
    private String maxWait;
    private List<GlueJobArgument> arguments;
    private List<String> secretArguments;
    private String healthCheckArgument;
    private String role;
    private String scriptsBucket;
    private String tempDir;
    private List<String> extraPyFiles;
    private List<String> extraJars;
    private List<String> additionalPythonModules;
    private List<String> connections;
    private List<String> paths;
    private String securityConfiguration;
    private List<GlueJobTag> tags;
    private String keepJob;

    @DataBoundConstructor
    public GlueJob() {
        // Every setting is optional here: the step's own settings fill what a job leaves out.
    }

    public String getScript() {
        return script;
    }

    @DataBoundSetter
    public void setScript(String value) {
        this.script = StepValues.trimmed(value);
    }

    public String getBaseJob() {
        return baseJob;
    }

    @DataBoundSetter
    public void setBaseJob(String value) {
        this.baseJob = StepValues.trimmed(value);
    }

    public String getReusePassed() {
        return reusePassed;
    }

    /** {@code reuse_passed} for this job of the step's list: the pipeline's, so it may lengthen the step's value. */
    @DataBoundSetter
    public void setReusePassed(String value) {
        this.reusePassed = StepValues.trimmed(value);
    }

    public String getJobName() {
        return jobName;
    }

    @DataBoundSetter
    public void setJobName(String value) {
        this.jobName = StepValues.trimmed(value);
    }

    public String getJobType() {
        return jobType;
    }

    @DataBoundSetter
    public void setJobType(String value) {
        this.jobType = StepValues.trimmed(value);
    }

    public String getGlueVersion() {
        return glueVersion;
    }

    @DataBoundSetter
    public void setGlueVersion(String value) {
        this.glueVersion = StepValues.trimmed(value);
    }

    public String getWorkerType() {
        return workerType;
    }

    @DataBoundSetter
    public void setWorkerType(String value) {
        this.workerType = StepValues.trimmed(value);
    }

    public Integer getNumberOfWorkers() {
        return numberOfWorkers;
    }

    @DataBoundSetter
    public void setNumberOfWorkers(Integer value) {
        this.numberOfWorkers = value;
    }

    public Double getMaxCapacity() {
        return maxCapacity;
    }

    @DataBoundSetter
    public void setMaxCapacity(Double value) {
        this.maxCapacity = value;
    }

    public String getExecutionClass() {
        return executionClass;
    }

    @DataBoundSetter
    public void setExecutionClass(String value) {
        this.executionClass = StepValues.trimmed(value);
    }

    public Integer getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(Integer value) {
        this.timeout = value;
    }

    public String getMaxWait() {
        return maxWait;
    }

    @DataBoundSetter
    public void setMaxWait(String value) {
        this.maxWait = StepValues.trimmed(value);
    }

    public List<GlueJobArgument> getArguments() {
        return arguments;
    }

    @DataBoundSetter
    public void setArguments(List<GlueJobArgument> value) {
        this.arguments = StepValues.rows(value, GlueJobArgument::getName);
    }

    public List<String> getSecretArguments() {
        return secretArguments;
    }

    @DataBoundSetter
    public void setSecretArguments(List<String> value) {
        this.secretArguments = StepValues.entries(value);
    }

    public String getHealthCheckArgument() {
        return healthCheckArgument;
    }

    @DataBoundSetter
    public void setHealthCheckArgument(String value) {
        this.healthCheckArgument = StepValues.trimmed(value);
    }

    public String getRole() {
        return role;
    }

    @DataBoundSetter
    public void setRole(String value) {
        this.role = StepValues.trimmed(value);
    }

    public String getScriptsBucket() {
        return scriptsBucket;
    }

    @DataBoundSetter
    public void setScriptsBucket(String value) {
        this.scriptsBucket = StepValues.trimmed(value);
    }

    public String getTempDir() {
        return tempDir;
    }

    @DataBoundSetter
    public void setTempDir(String value) {
        this.tempDir = StepValues.trimmed(value);
    }

    public List<String> getExtraPyFiles() {
        return extraPyFiles;
    }

    @DataBoundSetter
    public void setExtraPyFiles(List<String> value) {
        this.extraPyFiles = StepValues.entries(value);
    }

    public List<String> getExtraJars() {
        return extraJars;
    }

    @DataBoundSetter
    public void setExtraJars(List<String> value) {
        this.extraJars = StepValues.entries(value);
    }

    public List<String> getAdditionalPythonModules() {
        return additionalPythonModules;
    }

    @DataBoundSetter
    public void setAdditionalPythonModules(List<String> value) {
        this.additionalPythonModules = StepValues.entries(value);
    }

    public List<String> getConnections() {
        return connections;
    }

    @DataBoundSetter
    public void setConnections(List<String> value) {
        this.connections = StepValues.entries(value);
    }

    public List<String> getPaths() {
        return paths;
    }

    @DataBoundSetter
    public void setPaths(List<String> value) {
        this.paths = StepValues.entries(value);
    }

    public String getSecurityConfiguration() {
        return securityConfiguration;
    }

    @DataBoundSetter
    public void setSecurityConfiguration(String value) {
        this.securityConfiguration = StepValues.trimmed(value);
    }

    public List<GlueJobTag> getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(List<GlueJobTag> value) {
        this.tags = StepValues.rows(value, GlueJobTag::getKey);
    }

    public String getKeepJob() {
        return keepJob;
    }

    @DataBoundSetter
    public void setKeepJob(String value) {
        this.keepJob = StepValues.trimmed(value);
    }

    /** The job's settings the engine reads, by camelCase name, without unset ones. */
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("script", script);
        s.put("baseJob", baseJob);
        s.put("reusePassed", reusePassed);
        s.put("jobName", jobName);
        s.put("jobType", jobType);
        s.put("glueVersion", glueVersion);
        s.put("workerType", workerType);
        s.put("numberOfWorkers", numberOfWorkers);
        s.put("maxCapacity", maxCapacity);
        s.put("executionClass", executionClass);
        s.put("timeout", timeout);
        s.put("maxWait", maxWait);
        s.put("arguments", StepValues.argumentMap(arguments));
        s.put("secretArguments", secretArguments);
        s.put("healthCheckArgument", StepParameters.NO_HEALTH_CHECK_ARGUMENT.equalsIgnoreCase(healthCheckArgument) ? "" : healthCheckArgument);
        s.put("role", role);
        s.put("scriptsBucket", scriptsBucket);
        s.put("tempDir", tempDir);
        s.put("extraPyFiles", extraPyFiles);
        s.put("extraJars", extraJars);
        s.put("additionalPythonModules", additionalPythonModules);
        s.put("connections", connections);
        s.put("paths", paths);
        s.put("securityConfiguration", securityConfiguration);
        s.put("tags", StepValues.tagMap(tags));
        s.put("keepJob", keepJob);
        s.values().removeIf(v -> v == null);
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlueJob j && settings().equals(j.settings());
    }

    @Override
    public int hashCode() {
        return settings().hashCode();
    }

    /** The {@code glueJob} symbol, the row of the Snippet Generator's job list, and the map syntax of its values. */
    @Extension
    @Symbol("glueJob")
    public static final class DescriptorImpl extends Descriptor<GlueJob> implements CustomDescribableModel {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Glue job";
        }

        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            return StepValues.acceptMaps(arguments);
        }
    }
}
