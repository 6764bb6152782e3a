package io.github.gluehealthcheck.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.github.gluehealthcheck.jenkins.binding.StepParameters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code glueHealthCheck} Pipeline step: proves that changed AWS Glue jobs still run on real Glue.
 *
 * <pre>
 * withAWS(credentials: 'glue-ci', region: 'eu-west-1') {
 *     def r = glueHealthCheck script: 'jobs/orders.py', role: 'glue-health-check', scriptsBucket: 's3://ci-glue-scripts/checks'
 *     echo "health: ${r.status}"
 * }
 * </pre>
 *
 * Its parameters are the settings contract's settings in camelCase ({@link StepParameters}; each is documented in its
 * {@code help-<name>.html}), except credentials, which come from the step's environment. Settings that may be given
 * as numbers, lists, maps or text are typed {@code Object}, so that Groovy values and Snippet Generator text both
 * bind; the engine's settings reader accepts either. The step only collects them; the durable
 * {@link GlueHealthCheckExecution} does the work.
 */
public final class GlueHealthCheckStep extends Step {

    private String mode;
    private String script;
    private String config;
    private Object jobs;
    private String jobName;
    private String jobType;
    private Object glueVersion;
    private String workerType;
    private Object numberOfWorkers;
    private Object maxCapacity;
    private String executionClass;
    private Object timeout;
    private Object maxWait;
    private Object arguments;
    private Object secretArguments;
    private String healthCheckArgument;
    private String role;
    private String scriptsBucket;
    private String tempDir;
    private Object extraPyFiles;
    private Object extraJars;
    private Object additionalPythonModules;
    private Object connections;
    private String securityConfiguration;
    private Object tags;
    private String keepJob;
    private String namePrefix;
    private String region;
    private String endpoint;
    private String assumeRole;
    private String roleSessionName;
    private String webIdentityTokenFile;
    private Object parallelism;
    private Boolean sweep;
    private String reportDir;
    private Boolean dryRun;
    private String logLevel;
    private String repo;
    private String branch;
    private Object pullRequest;
    private Object buildNumber;
    private String buildUrl;
    private String commit;
    private boolean unstableOnFailure;

    @DataBoundConstructor
    public GlueHealthCheckStep() {
        // Every parameter is optional: a step names its jobs with script, jobs or config.
    }

    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String value) {
        this.mode = trimmed(value);
    }

    public String getScript() {
        return script;
    }

    @DataBoundSetter
    public void setScript(String value) {
        this.script = trimmed(value);
    }

    public String getConfig() {
        return config;
    }

    @DataBoundSetter
    public void setConfig(String value) {
        this.config = trimmed(value);
    }

    public Object getJobs() {
        return jobs;
    }

    @DataBoundSetter
    public void setJobs(Object value) {
        this.jobs = unsetIfBlank(value);
    }

    public String getJobName() {
        return jobName;
    }

    @DataBoundSetter
    public void setJobName(String value) {
        this.jobName = trimmed(value);
    }

    public String getJobType() {
        return jobType;
    }

    @DataBoundSetter
    public void setJobType(String value) {
        this.jobType = trimmed(value);
    }

    public Object getGlueVersion() {
        return glueVersion;
    }

    @DataBoundSetter
    public void setGlueVersion(Object value) {
        this.glueVersion = unsetIfBlank(value);
    }

    public String getWorkerType() {
        return workerType;
    }

    @DataBoundSetter
    public void setWorkerType(String value) {
        this.workerType = trimmed(value);
    }

    public Object getNumberOfWorkers() {
        return numberOfWorkers;
    }

    @DataBoundSetter
    public void setNumberOfWorkers(Object value) {
        this.numberOfWorkers = unsetIfBlank(value);
    }

    public Object getMaxCapacity() {
        return maxCapacity;
    }

    @DataBoundSetter
    public void setMaxCapacity(Object value) {
        this.maxCapacity = unsetIfBlank(value);
    }

    public String getExecutionClass() {
        return executionClass;
    }

    @DataBoundSetter
    public void setExecutionClass(String value) {
        this.executionClass = trimmed(value);
    }

    public Object getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(Object value) {
        this.timeout = unsetIfBlank(value);
    }

    public Object getMaxWait() {
        return maxWait;
    }

    @DataBoundSetter
    public void setMaxWait(Object value) {
        this.maxWait = unsetIfBlank(value);
    }

    public Object getArguments() {
        return arguments;
    }

    @DataBoundSetter
    public void setArguments(Object value) {
        this.arguments = unsetIfBlank(value);
    }

    public Object getSecretArguments() {
        return secretArguments;
    }

    @DataBoundSetter
    public void setSecretArguments(Object value) {
        this.secretArguments = unsetIfBlank(value);
    }

    public String getHealthCheckArgument() {
        return healthCheckArgument;
    }

    @DataBoundSetter
    public void setHealthCheckArgument(String value) {
        this.healthCheckArgument = trimmed(value);
    }

    public String getRole() {
        return role;
    }

    @DataBoundSetter
    public void setRole(String value) {
        this.role = trimmed(value);
    }

    public String getScriptsBucket() {
        return scriptsBucket;
    }

    @DataBoundSetter
    public void setScriptsBucket(String value) {
        this.scriptsBucket = trimmed(value);
    }

    public String getTempDir() {
        return tempDir;
    }

    @DataBoundSetter
    public void setTempDir(String value) {
        this.tempDir = trimmed(value);
    }

    public Object getExtraPyFiles() {
        return extraPyFiles;
    }

    @DataBoundSetter
    public void setExtraPyFiles(Object value) {
        this.extraPyFiles = unsetIfBlank(value);
    }

    public Object getExtraJars() {
        return extraJars;
    }

    @DataBoundSetter
    public void setExtraJars(Object value) {
        this.extraJars = unsetIfBlank(value);
    }

    public Object getAdditionalPythonModules() {
        return additionalPythonModules;
    }

    @DataBoundSetter
    public void setAdditionalPythonModules(Object value) {
        this.additionalPythonModules = unsetIfBlank(value);
    }

    public Object getConnections() {
        return connections;
    }

    @DataBoundSetter
    public void setConnections(Object value) {
        this.connections = unsetIfBlank(value);
    }

    public String getSecurityConfiguration() {
        return securityConfiguration;
    }

    @DataBoundSetter
    public void setSecurityConfiguration(String value) {
        this.securityConfiguration = trimmed(value);
    }

    public Object getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(Object value) {
        this.tags = unsetIfBlank(value);
    }

    public String getKeepJob() {
        return keepJob;
    }

    @DataBoundSetter
    public void setKeepJob(String value) {
        this.keepJob = trimmed(value);
    }

    public String getNamePrefix() {
        return namePrefix;
    }

    @DataBoundSetter
    public void setNamePrefix(String value) {
        this.namePrefix = trimmed(value);
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String value) {
        this.region = trimmed(value);
    }

    public String getEndpoint() {
        return endpoint;
    }

    @DataBoundSetter
    public void setEndpoint(String value) {
        this.endpoint = trimmed(value);
    }

    public String getAssumeRole() {
        return assumeRole;
    }

    @DataBoundSetter
    public void setAssumeRole(String value) {
        this.assumeRole = trimmed(value);
    }

    public String getRoleSessionName() {
        return roleSessionName;
    }

    @DataBoundSetter
    public void setRoleSessionName(String value) {
        this.roleSessionName = trimmed(value);
    }

    public String getWebIdentityTokenFile() {
        return webIdentityTokenFile;
    }

    @DataBoundSetter
    public void setWebIdentityTokenFile(String value) {
        this.webIdentityTokenFile = trimmed(value);
    }

    public Object getParallelism() {
        return parallelism;
    }

    @DataBoundSetter
    public void setParallelism(Object value) {
        this.parallelism = unsetIfBlank(value);
    }

    public Boolean getSweep() {
        return sweep;
    }

    @DataBoundSetter
    public void setSweep(Boolean value) {
        this.sweep = value;
    }

    public String getReportDir() {
        return reportDir;
    }

    @DataBoundSetter
    public void setReportDir(String value) {
        this.reportDir = trimmed(value);
    }

    public Boolean getDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(Boolean value) {
        this.dryRun = value;
    }

    public String getLogLevel() {
        return logLevel;
    }

    @DataBoundSetter
    public void setLogLevel(String value) {
        this.logLevel = trimmed(value);
    }

    public String getRepo() {
        return repo;
    }

    @DataBoundSetter
    public void setRepo(String value) {
        this.repo = trimmed(value);
    }

    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(String value) {
        this.branch = trimmed(value);
    }

    public Object getPullRequest() {
        return pullRequest;
    }

    @DataBoundSetter
    public void setPullRequest(Object value) {
        this.pullRequest = unsetIfBlank(value);
    }

    public Object getBuildNumber() {
        return buildNumber;
    }

    @DataBoundSetter
    public void setBuildNumber(Object value) {
        this.buildNumber = unsetIfBlank(value);
    }

    public String getBuildUrl() {
        return buildUrl;
    }

    @DataBoundSetter
    public void setBuildUrl(String value) {
        this.buildUrl = trimmed(value);
    }

    public String getCommit() {
        return commit;
    }

    @DataBoundSetter
    public void setCommit(String value) {
        this.commit = trimmed(value);
    }

    public boolean isUnstableOnFailure() {
        return unstableOnFailure;
    }

    @DataBoundSetter
    public void setUnstableOnFailure(boolean value) {
        this.unstableOnFailure = value;
    }

    /** The parameters that are set, by name: the settings the engine reads, then {@code unstableOnFailure}. */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("mode", mode);
        p.put("script", script);
        p.put("config", config);
        p.put("jobs", jobs);
        p.put("jobName", jobName);
        p.put("jobType", jobType);
        p.put("glueVersion", glueVersion);
        p.put("workerType", workerType);
        p.put("numberOfWorkers", numberOfWorkers);
        p.put("maxCapacity", maxCapacity);
        p.put("executionClass", executionClass);
        p.put("timeout", timeout);
        p.put("maxWait", maxWait);
        p.put("arguments", arguments);
        p.put("secretArguments", secretArguments);
        p.put("healthCheckArgument", healthCheckArgument);
        p.put("role", role);
        p.put("scriptsBucket", scriptsBucket);
        p.put("tempDir", tempDir);
        p.put("extraPyFiles", extraPyFiles);
        p.put("extraJars", extraJars);
        p.put("additionalPythonModules", additionalPythonModules);
        p.put("connections", connections);
        p.put("securityConfiguration", securityConfiguration);
        p.put("tags", tags);
        p.put("keepJob", keepJob);
        p.put("namePrefix", namePrefix);
        p.put("region", region);
        p.put("endpoint", endpoint);
        p.put("assumeRole", assumeRole);
        p.put("roleSessionName", roleSessionName);
        p.put("webIdentityTokenFile", webIdentityTokenFile);
        p.put("parallelism", parallelism);
        p.put("sweep", sweep);
        p.put("reportDir", reportDir);
        p.put("dryRun", dryRun);
        p.put("logLevel", logLevel);
        p.put("repo", repo);
        p.put("branch", branch);
        p.put("pullRequest", pullRequest);
        p.put("buildNumber", buildNumber);
        p.put("buildUrl", buildUrl);
        p.put("commit", commit);
        p.values().removeIf(v -> v == null);
        p.put(StepParameters.UNSTABLE_ON_FAILURE, unstableOnFailure);
        return p;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new GlueHealthCheckExecution(context, parameters());
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Blank text means unset (an empty Snippet Generator field); anything else is kept as given. */
    private static Object unsetIfBlank(Object value) {
        return value instanceof CharSequence text && text.toString().isBlank() ? null : value;
    }

    /** Declares the step to Pipeline. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "glueHealthCheck";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Prove that AWS Glue jobs still run (Glue health check)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // EnvVars carries what withAWS, withCredentials and withEnv set; FlowNode takes an UNSTABLE mark.
            return Set.of(Run.class, TaskListener.class, EnvVars.class, FlowNode.class);
        }
    }
}
