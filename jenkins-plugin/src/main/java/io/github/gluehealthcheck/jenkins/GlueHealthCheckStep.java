package io.github.gluehealthcheck.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.gluehealthcheck.jenkins.binding.StepParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

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
 * {@code help-<name>.html}), except credentials, which come from the step's environment. Each has the type of its
 * setting (text, whole number, decimal, yes/no, list of text), so Pipeline's syntax reference describes it and a
 * wrong type fails at binding. {@code jobs}, {@code arguments} and {@code tags} are lists of small Describables
 * ({@link GlueJob}, {@link GlueJobArgument}, {@link GlueJobTag}, with the symbols {@code glueJob}, {@code glueArgument},
 * {@code glueTag}), which the Snippet Generator builds from repeatable rows and writes back with those symbols; a script
 * may still write them as Groovy maps ({@code arguments: [source_table: 'x']}), which the descriptor turns into the
 * lists ({@link StepValues#acceptMaps}). The step only collects them; the durable {@link GlueHealthCheckExecution}
 * does the work.
 */
public final class GlueHealthCheckStep extends Step {

    private String mode;
    private String script;
    private String config;
    private List<GlueJob> jobs;
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
    private String securityConfiguration;
    private String baseJob;
    private String reusePassed;
    private List<GlueJobTag> tags;
    private List<String> paths;
    private String keepJob;
    private String namePrefix;
    private String region;
    private String endpoint;
    private String assumeRole;
    private String roleSessionName;
    private String credentialsId;
    private String mfaToken;
    private Integer parallelism;
    private Integer statusReadsPerSecond;
    private Boolean sweep;
    private String reportDir;
    private Boolean dryRun;
    private Boolean changedOnly;
    private String targetBranch;
    private String logLevel;
    private String repo;
    private String branch;
    private String pullRequest;
    private String buildNumber;
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

    public List<GlueJob> getJobs() {
        return jobs;
    }

    @DataBoundSetter
    public void setJobs(List<GlueJob> value) {
        this.jobs = StepValues.rows(value, j -> j.settings().isEmpty() ? null : "set");
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

    public String getGlueVersion() {
        return glueVersion;
    }

    @DataBoundSetter
    public void setGlueVersion(String value) {
        this.glueVersion = trimmed(value);
    }

    public String getWorkerType() {
        return workerType;
    }

    @DataBoundSetter
    public void setWorkerType(String value) {
        this.workerType = trimmed(value);
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
        this.executionClass = trimmed(value);
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
        this.maxWait = trimmed(value);
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
        this.secretArguments = entries(value);
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

    public List<String> getExtraPyFiles() {
        return extraPyFiles;
    }

    @DataBoundSetter
    public void setExtraPyFiles(List<String> value) {
        this.extraPyFiles = entries(value);
    }

    public List<String> getExtraJars() {
        return extraJars;
    }

    @DataBoundSetter
    public void setExtraJars(List<String> value) {
        this.extraJars = entries(value);
    }

    public List<String> getAdditionalPythonModules() {
        return additionalPythonModules;
    }

    @DataBoundSetter
    public void setAdditionalPythonModules(List<String> value) {
        this.additionalPythonModules = entries(value);
    }

    public List<String> getConnections() {
        return connections;
    }

    @DataBoundSetter
    public void setConnections(List<String> value) {
        this.connections = entries(value);
    }

    public String getBaseJob() {
        return baseJob;
    }

    @DataBoundSetter
    public void setBaseJob(String value) {
        this.baseJob = trimmed(value);
    }

    public List<String> getPaths() {
        return paths;
    }

    @DataBoundSetter
    public void setPaths(List<String> value) {
        this.paths = entries(value);
    }

    public String getReusePassed() {
        return reusePassed;
    }

    /** {@code reuse_passed}: an age with its unit ({@code '7d'}, {@code '12h'}) or {@code 'off'}. */
    @DataBoundSetter
    public void setReusePassed(String value) {
        this.reusePassed = trimmed(value);
    }

    public String getSecurityConfiguration() {
        return securityConfiguration;
    }

    @DataBoundSetter
    public void setSecurityConfiguration(String value) {
        this.securityConfiguration = trimmed(value);
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

    public Integer getParallelism() {
        return parallelism;
    }

    @DataBoundSetter
    public void setParallelism(Integer value) {
        this.parallelism = value;
    }

    public Integer getStatusReadsPerSecond() {
        return statusReadsPerSecond;
    }

    @DataBoundSetter
    public void setStatusReadsPerSecond(Integer value) {
        this.statusReadsPerSecond = value;
    }

    /** Unset reads as the default, true: the Snippet Generator then leaves an untouched box out of the snippet. */
    public boolean isSweep() {
        return sweep == null || sweep;
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

    /** Unset reads as the default, false: the Snippet Generator then leaves an untouched box out of the snippet. */
    public boolean isDryRun() {
        return dryRun != null && dryRun;
    }

    @DataBoundSetter
    public void setDryRun(Boolean value) {
        this.dryRun = value;
    }

    /** Unset reads as the default, false. */
    public boolean isChangedOnly() {
        return changedOnly != null && changedOnly;
    }

    @DataBoundSetter
    public void setChangedOnly(Boolean value) {
        this.changedOnly = value;
    }

    public String getTargetBranch() {
        return targetBranch;
    }

    @DataBoundSetter
    public void setTargetBranch(String value) {
        this.targetBranch = trimmed(value);
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

    public String getPullRequest() {
        return pullRequest;
    }

    @DataBoundSetter
    public void setPullRequest(String value) {
        this.pullRequest = trimmed(value);
    }

    public String getBuildNumber() {
        return buildNumber;
    }

    @DataBoundSetter
    public void setBuildNumber(String value) {
        this.buildNumber = trimmed(value);
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

    public String getCredentialsId() {
        return credentialsId;
    }

    /** The id of an AWS credential (CloudBees AWS Credentials) the check uses, looked up for this build. */
    @DataBoundSetter
    public void setCredentialsId(String value) {
        this.credentialsId = trimmed(value);
    }

    public String getMfaToken() {
        return mfaToken;
    }

    /** The current code of the MFA device the credential's IAM role requires; valid for seconds only. */
    @DataBoundSetter
    public void setMfaToken(String value) {
        this.mfaToken = trimmed(value);
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
        p.put("jobs", jobs == null ? null : jobs.stream().map(GlueJob::settings).toList());
        p.put("jobName", jobName);
        p.put("jobType", jobType);
        p.put("glueVersion", glueVersion);
        p.put("workerType", workerType);
        p.put("numberOfWorkers", numberOfWorkers);
        p.put("maxCapacity", maxCapacity);
        p.put("executionClass", executionClass);
        p.put("timeout", timeout);
        p.put("maxWait", maxWait);
        p.put("arguments", StepValues.argumentMap(arguments));
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
        p.put("baseJob", baseJob);
        p.put("reusePassed", reusePassed);
        p.put("tags", StepValues.tagMap(tags));
        p.put("paths", paths);
        p.put("keepJob", keepJob);
        p.put("namePrefix", namePrefix);
        p.put("region", region);
        p.put("endpoint", endpoint);
        p.put("assumeRole", assumeRole);
        p.put("roleSessionName", roleSessionName);
        p.put("parallelism", parallelism);
        p.put("statusReadsPerSecond", statusReadsPerSecond);
        p.put("sweep", sweep);
        p.put("reportDir", reportDir);
        p.put("dryRun", dryRun);
        p.put("changedOnly", changedOnly);
        p.put("logLevel", logLevel);
        p.put("repo", repo);
        p.put("branch", branch);
        p.put("pullRequest", pullRequest);
        p.put("targetBranch", targetBranch);
        p.put("buildNumber", buildNumber);
        p.put("buildUrl", buildUrl);
        p.put("commit", commit);
        p.put(StepParameters.CREDENTIALS_ID, credentialsId);
        p.put(StepParameters.MFA_TOKEN, mfaToken);
        p.values().removeIf(v -> v == null);
        p.put(StepParameters.UNSTABLE_ON_FAILURE, unstableOnFailure);
        return p;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new GlueHealthCheckExecution(context, parameters());
    }

    private static String trimmed(String value) {
        return StepValues.trimmed(value);
    }

    private static List<String> entries(List<String> value) {
        return StepValues.entries(value);
    }

    /** Declares the step to Pipeline. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements CustomDescribableModel {

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

        /** The AWS credentials the Snippet Generator's {@code credentialsId} drop-down offers for this job. */
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath @CheckForNull Item item,
                @QueryParameter("credentialsId") @CheckForNull String credentialsId) {
            return CredentialsDropdown.items(item, credentialsId);
        }

        /**
         * Whether this job can see a credential of a kind the step takes (AWS, Secret text, Secret file) with
         * that id.
         */
        public FormValidation doCheckCredentialsId(@AncestorInPath @CheckForNull Item item,
                @QueryParameter("value") @CheckForNull String value) {
            return CredentialsDropdown.check(item, value);
        }

        /** Groovy maps for arguments, tags and jobs entries, as scripts wrote them before these were typed. */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            return StepValues.acceptMaps(arguments);
        }
    }
}
