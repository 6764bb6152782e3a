package io.github.gluehealthcheck.engine.spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one health check runs: the job's script, its Glue shape, its limits, and what happens to it afterwards.
 * Immutable and validated once, in {@link Builder#build()}, against Glue's own rules, so bad input is refused
 * before any AWS call with every problem named.
 */
public final class CheckSpec {

    private static final GlueRules RULES = GlueRules.current();
    /** Argument keys internal to Glue, which a job must not set ({@code --conf} is a user parameter). */
    public static final Set<String> RESERVED_ARGUMENTS = RULES.reservedArguments();
    /** Glue's limit on all arguments of a job together. */
    public static final int MAX_ARGUMENTS_BYTES = RULES.maxArgumentsBytes();
    /**
     * The most tags the engine adds itself (marker, repo, pull request, build, created, expires, check id, provider,
     * staged script); Glue's limit of 50 counts them with the user's.
     */
    public static final int RESERVED_TAG_COUNT = 9;
    public static final int MAX_USER_TAGS = RULES.maxTags() - RESERVED_TAG_COUNT;
    public static final String DEFAULT_NAME_PREFIX = "glue-health-check";
    public static final String DEFAULT_HEALTH_CHECK_ARGUMENT = "--health_check=true";
    public static final int DEFAULT_TIMEOUT_MINUTES = 10;
    public static final int MAX_TIMEOUT_MINUTES = RULES.maxTimeoutMinutes();
    /** Time past the run's timeout the engine waits by default: starting up, stopping, reading the last logs. */
    public static final int DEFAULT_MAX_WAIT_MARGIN_MINUTES = 10;
    /** The longest Glue timeout, FLEX's documented wait and an hour to spare. */
    public static final Duration MAX_MAX_WAIT = Duration.ofMinutes(MAX_TIMEOUT_MINUTES + RULES.flexMaxWaitingMinutes() + 60L);
    public static final int MAX_WORKERS = 1000;
    /** Glue's end-of-life dates start at midnight Pacific time (glue-version-support-policy page). */
    static final java.time.ZoneId GLUE_DATES = java.time.ZoneId.of("America/Los_Angeles");

    private static final Pattern GLUE_VERSION = Pattern.compile("\\d{1,2}\\.\\d{1,2}");
    private static final Pattern WORKER_TYPE = Pattern.compile("[A-Z][A-Za-z0-9]{0,15}(\\.[0-9]{1,4}X)?");
    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern NAME_PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final Pattern ARGUMENT_KEY = Pattern.compile("--[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,127}");
    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Pattern GLUE_NAME = Pattern.compile("[^\\r\\n]{1,255}");

    private final ScriptSource script;
    private final String jobName;
    private final JobType jobType;
    private final String glueVersion;
    private final String workerType;
    private final Integer numberOfWorkers;
    private final Double maxCapacity;
    private final ExecutionClass executionClass;
    private final int timeoutMinutes;
    private final Duration maxWait;
    private final Map<String, String> arguments;
    private final Set<String> secretArguments;
    private final String healthCheckArgument;
    private final String role;
    private final S3Uri scriptsBucket;
    private final S3Uri tempDir;
    private final List<S3Uri> extraPyFiles;
    private final List<S3Uri> extraJars;
    private final List<String> additionalPythonModules;
    private final List<String> connections;
    private final String securityConfiguration;
    private final Map<String, String> tags;
    private final KeepJobPolicy keepJob;
    private final String namePrefix;
    private final List<String> warnings;
    private final String baseJob;
    private final BaseJobCopy baseJobCopy;
    private final List<String> paths;
    private final Duration reusePassed;
    private final Builder source;

    private CheckSpec(Builder b, ScriptSource script, S3Uri scriptsBucket, S3Uri tempDir, List<S3Uri> extraPyFiles,
            List<S3Uri> extraJars, Map<String, String> arguments, List<String> warnings) {
        this.source = b.copy();
        this.warnings = List.copyOf(warnings);
        this.script = script;
        this.jobType = b.jobType == null ? JobType.GLUEETL : b.jobType;
        this.jobName = b.jobName != null ? b.jobName : baseNameOf(script.fileName());
        this.glueVersion = b.glueVersion != null ? b.glueVersion : defaultGlueVersion(jobType);
        this.workerType = jobType == JobType.PYTHONSHELL ? null
                : b.workerType != null ? b.workerType : RULES.jobType(jobType).defaultWorkerType();
        this.numberOfWorkers = jobType == JobType.PYTHONSHELL ? null
                : b.numberOfWorkers != null ? b.numberOfWorkers : 2;
        this.maxCapacity = jobType == JobType.PYTHONSHELL
                ? (b.maxCapacity != null ? b.maxCapacity : RULES.jobType(jobType).defaultMaxCapacity()) : null;
        this.executionClass = b.executionClass == null ? ExecutionClass.STANDARD : b.executionClass;
        this.timeoutMinutes = b.timeoutMinutes == null ? DEFAULT_TIMEOUT_MINUTES : b.timeoutMinutes;
        this.maxWait = b.maxWait != null ? b.maxWait : defaultMaxWait(timeoutMinutes, executionClass);
        this.arguments = Collections.unmodifiableMap(arguments);
        this.secretArguments = Set.copyOf(normalizeKeys(b.secretArguments));
        this.healthCheckArgument = b.healthCheckArgument == null ? DEFAULT_HEALTH_CHECK_ARGUMENT : b.healthCheckArgument.trim();
        this.role = b.role == null ? null : b.role.trim();
        this.scriptsBucket = scriptsBucket;
        this.tempDir = tempDir;
        this.extraPyFiles = List.copyOf(extraPyFiles);
        this.extraJars = List.copyOf(extraJars);
        this.additionalPythonModules = List.copyOf(b.additionalPythonModules);
        this.connections = List.copyOf(b.connections);
        this.securityConfiguration = b.securityConfiguration;
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
        this.keepJob = b.keepJob == null ? KeepJobPolicy.NEVER : b.keepJob;
        this.namePrefix = b.namePrefix == null ? DEFAULT_NAME_PREFIX : b.namePrefix;
        this.baseJob = b.baseJob;
        this.baseJobCopy = b.baseJobCopy;
        this.paths = b.paths.stream().map(String::trim).toList();
        this.reusePassed = b.reusePassedOrZero();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding what this spec was built from, to derive a variant. */
    public Builder toBuilder() {
        return source.copy();
    }

    public ScriptSource script() {
        return script;
    }

    /** The base name of the temporary job, e.g. {@code orders} for {@code jobs/orders.py}. */
    public String jobName() {
        return jobName;
    }

    public JobType jobType() {
        return jobType;
    }

    public String glueVersion() {
        return glueVersion;
    }

    /** Null for Python shell jobs, which are sized by {@link #maxCapacity()}. */
    public String workerType() {
        return workerType;
    }

    public Integer numberOfWorkers() {
        return numberOfWorkers;
    }

    /** Only for Python shell jobs; never together with a worker type. */
    public Double maxCapacity() {
        return maxCapacity;
    }

    public ExecutionClass executionClass() {
        return executionClass;
    }

    public int timeoutMinutes() {
        return timeoutMinutes;
    }

    public Duration maxWait() {
        return maxWait;
    }

    /**
     * The run's timeout and a margin; for FLEX also the time Glue documents a FLEX run may stay WAITING before it
     * starts (job-run-statuses page), so a healthy queued run is not failed.
     */
    public static Duration defaultMaxWait(int timeoutMinutes, ExecutionClass executionClass) {
        long flexWait = executionClass == ExecutionClass.FLEX ? RULES.flexMaxWaitingMinutes() : 0;
        return Duration.ofMinutes(timeoutMinutes + flexWait + DEFAULT_MAX_WAIT_MARGIN_MINUTES);
    }

    /** Things worth saying about these settings that Glue may still accept, e.g. a worker type newer than our table. */
    public List<String> warnings() {
        return warnings;
    }

    /** The user's job arguments, keys with their leading {@code --}; secret values included. */
    public Map<String, String> arguments() {
        return arguments;
    }

    public Set<String> secretArguments() {
        return secretArguments;
    }

    /** The user's arguments with secret values replaced by {@code ****}: safe to print. */
    public Map<String, String> displayArguments() {
        Map<String, String> shown = new LinkedHashMap<>();
        arguments.forEach((k, v) -> shown.put(k, secretArguments.contains(k) ? "****" : v));
        return shown;
    }

    /** The values of secret arguments, for masking output lines. */
    public List<String> secretValues() {
        List<String> values = new ArrayList<>();
        secretArguments.forEach(k -> {
            String v = arguments.get(k);
            if (v != null && !v.isEmpty()) {
                values.add(v);
            }
        });
        return values;
    }

    /** {@code --health_check=true}, or empty when the run gets no marker argument. */
    public String healthCheckArgument() {
        return healthCheckArgument;
    }

    /** The deployed Glue job this check's job copies, or null. */
    public String baseJob() {
        return baseJob;
    }

    /** What was copied from {@link #baseJob()}; null until the engine has read that job (or without one). */
    public BaseJobCopy baseJobCopy() {
        return baseJobCopy;
    }

    /**
     * How old a pass of the very same check may be and still stand for this one ({@code reuse_passed}); zero when
     * every check runs.
     */
    public Duration reusePassed() {
        return reusePassed;
    }

    /** Whether a pass recorded earlier may stand for this check ({@code reuse_passed} is on). */
    public boolean reusesPasses() {
        return !reusePassed.isZero();
    }

    /** Whether a {@link #baseJob()} is named but not read yet, so the job's shape is not final. */
    public boolean needsBaseJob() {
        return baseJob != null && baseJobCopy == null;
    }

    /**
     * Globs of the workspace files the job depends on besides its script ({@code paths}): with {@code changed_only},
     * a change to one of them checks the job.
     */
    public List<String> paths() {
        return paths;
    }

    /** Null only while {@link #needsBaseJob()}: the role then comes from the deployed job. */
    public String role() {
        return role;
    }

    /** Where workspace scripts are staged; null when the script is already in S3 and no bucket was given. */
    public S3Uri scriptsBucket() {
        return scriptsBucket;
    }

    public S3Uri tempDir() {
        return tempDir;
    }

    public List<S3Uri> extraPyFiles() {
        return extraPyFiles;
    }

    public List<S3Uri> extraJars() {
        return extraJars;
    }

    public List<String> additionalPythonModules() {
        return additionalPythonModules;
    }

    public List<String> connections() {
        return connections;
    }

    public String securityConfiguration() {
        return securityConfiguration;
    }

    /** The user's extra tags; the engine adds its own ownership and expiry tags. */
    public Map<String, String> tags() {
        return tags;
    }

    public KeepJobPolicy keepJob() {
        return keepJob;
    }

    public String namePrefix() {
        return namePrefix;
    }

    /** The DPUs a run of this job uses, for cost estimates. */
    public double dpus() {
        if (jobType == JobType.PYTHONSHELL) {
            return maxCapacity;
        }
        return dpusPerWorker(workerType) * numberOfWorkers;
    }

    /** From the rules table; for a type it does not know yet, the number before the X (G.1X = 1, G.025X = 0.25). */
    public static double dpusPerWorker(String workerType) {
        java.util.Optional<GlueRules.WorkerType> known = RULES.workerType(workerType);
        if (known.isPresent()) {
            return known.get().dpus();
        }
        if (workerType.indexOf('.') < 0 || !workerType.endsWith("X")) {
            return 1;
        }
        String n = workerType.substring(workerType.indexOf('.') + 1, workerType.length() - 1);
        return n.startsWith("0") ? Double.parseDouble("0." + n.substring(1)) : Double.parseDouble(n);
    }

    static String defaultGlueVersion(JobType type) {
        return RULES.jobType(type).defaultVersion();
    }

    /** {@code jobs/Orders Daily.py} becomes {@code Orders-Daily}. */
    static String baseNameOf(String fileName) {
        String base = fileName.endsWith(".py") ? fileName.substring(0, fileName.length() - 3) : fileName;
        String clean = base.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        return clean.isEmpty() ? "job" : clean.length() > 100 ? clean.substring(0, 100) : clean;
    }

    private static List<String> normalizeKeys(List<String> keys) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            out.add(normalizeArgumentKey(k));
        }
        return out;
    }

    /** {@code health_check} becomes {@code --health_check}, as Glue's getResolvedOptions expects. */
    public static String normalizeArgumentKey(String key) {
        String k = key.trim();
        return k.startsWith("--") ? k : "--" + k;
    }

    @Override
    public String toString() {
        return "CheckSpec[" + jobName + ", " + jobType + " " + glueVersion + ", script " + script + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckSpec other && source.equals(other.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    /** Collects settings; {@link #build()} validates them all and reports every problem at once. */
    public static final class Builder {
        private String script;
        private Path workspace;
        private String jobName;
        private JobType jobType;
        private String glueVersion;
        private String workerType;
        private Integer numberOfWorkers;
        private Double maxCapacity;
        private ExecutionClass executionClass;
        private Integer timeoutMinutes;
        private Duration maxWait;
        private Map<String, String> arguments = new LinkedHashMap<>();
        private List<String> secretArguments = new ArrayList<>();
        private String healthCheckArgument;
        private String role;
        private String scriptsBucket;
        private String tempDir;
        private List<String> extraPyFiles = new ArrayList<>();
        private List<String> extraJars = new ArrayList<>();
        private List<String> additionalPythonModules = new ArrayList<>();
        private List<String> connections = new ArrayList<>();
        private String securityConfiguration;
        private Map<String, String> tags = new LinkedHashMap<>();
        private KeepJobPolicy keepJob;
        private String namePrefix;
        private String baseJob;
        private BaseJobCopy baseJobCopy;
        private List<String> paths = new ArrayList<>();
        private Duration reusePassed;

        private Builder() {
        }

        /** A workspace path (relative to {@link #workspace(Path)}) or an {@code s3://} URI. */
        public Builder script(String script) {
            this.script = script;
            return this;
        }

        /** The root that a workspace script path is relative to; the current directory if not set. */
        public Builder workspace(Path workspace) {
            this.workspace = workspace;
            return this;
        }

        public Builder jobName(String jobName) {
            this.jobName = blankToNull(jobName);
            return this;
        }

        public Builder jobType(JobType jobType) {
            this.jobType = jobType;
            return this;
        }

        public Builder glueVersion(String glueVersion) {
            this.glueVersion = blankToNull(glueVersion);
            return this;
        }

        public Builder workerType(String workerType) {
            this.workerType = blankToNull(workerType);
            return this;
        }

        public Builder numberOfWorkers(Integer numberOfWorkers) {
            this.numberOfWorkers = numberOfWorkers;
            return this;
        }

        public Builder maxCapacity(Double maxCapacity) {
            this.maxCapacity = maxCapacity;
            return this;
        }

        public Builder executionClass(ExecutionClass executionClass) {
            this.executionClass = executionClass;
            return this;
        }

        public Builder timeoutMinutes(Integer timeoutMinutes) {
            this.timeoutMinutes = timeoutMinutes;
            return this;
        }

        public Builder maxWait(Duration maxWait) {
            this.maxWait = maxWait;
            return this;
        }

        public Builder arguments(Map<String, String> arguments) {
            this.arguments = new LinkedHashMap<>(arguments);
            return this;
        }

        public Builder argument(String key, String value) {
            this.arguments.put(key, value);
            return this;
        }

        public Builder secretArguments(List<String> keys) {
            this.secretArguments = new ArrayList<>(keys);
            return this;
        }

        public Builder healthCheckArgument(String healthCheckArgument) {
            this.healthCheckArgument = healthCheckArgument;
            return this;
        }

        public Builder role(String role) {
            this.role = blankToNull(role);
            return this;
        }

        public Builder scriptsBucket(String scriptsBucket) {
            this.scriptsBucket = blankToNull(scriptsBucket);
            return this;
        }

        public Builder tempDir(String tempDir) {
            this.tempDir = blankToNull(tempDir);
            return this;
        }

        public Builder extraPyFiles(List<String> uris) {
            this.extraPyFiles = new ArrayList<>(uris);
            return this;
        }

        public Builder extraJars(List<String> uris) {
            this.extraJars = new ArrayList<>(uris);
            return this;
        }

        public Builder additionalPythonModules(List<String> modules) {
            this.additionalPythonModules = new ArrayList<>(modules);
            return this;
        }

        public Builder connections(List<String> connections) {
            this.connections = new ArrayList<>(connections);
            return this;
        }

        public Builder securityConfiguration(String securityConfiguration) {
            this.securityConfiguration = blankToNull(securityConfiguration);
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = new LinkedHashMap<>(tags);
            return this;
        }

        public Builder keepJob(KeepJobPolicy keepJob) {
            this.keepJob = keepJob;
            return this;
        }

        /** Globs of workspace files the job depends on (see {@link CheckSpec#paths()}). */
        public Builder paths(List<String> paths) {
            this.paths = new ArrayList<>(paths);
            return this;
        }

        /** {@code reuse_passed}: null or zero for off. */
        /** The reuse_passed age as the spec keeps it: none, or a negative one, is off (zero). */
        private Duration reusePassedOrZero() {
            return reusePassed == null || reusePassed.isNegative() ? Duration.ZERO : reusePassed;
        }

        public Builder reusePassed(Duration reusePassed) {
            this.reusePassed = reusePassed;
            return this;
        }

        public Builder baseJob(String baseJob) {
            this.baseJob = blankToNull(baseJob);
            return this;
        }

        /**
         * Fills every setting not given with the deployed job's value, as {@code base_job} does; settings given stay
         * (they override). Job bookmarks are disabled unless the arguments given say otherwise: a check must not
         * depend on, nor advance, the deployed job's bookmark. The timeout, retries, name and tags stay the
         * check's own. {@link #build()} then applies the usual rules to the result.
         *
         * @throws InvalidSettingsException when the deployed job runs a command glue-health-check does not
         */
        public Builder basedOn(DeployedJob d) {
            List<String> copied = new ArrayList<>();
            List<String> overridden = new ArrayList<>();
            Map<String, String> given = new LinkedHashMap<>();
            arguments.forEach((k, v) -> given.put(normalizeArgumentKey(k == null ? "" : k), v));
            if (jobType == null) {
                jobType = JobType.parse(d.commandName() == null ? "" : d.commandName()).orElseThrow(() ->
                        new InvalidSettingsException(List.of(problem(Setting.BASE_JOB, "'" + d.name() + "' runs "
                                + d.commandName() + " jobs; glue-health-check checks glueetl, pythonshell and glueray jobs"))));
                copied.add(Setting.JOB_TYPE.key());
            } else if (!jobType.value().equalsIgnoreCase(String.valueOf(d.commandName()))) {
                overridden.add(Setting.JOB_TYPE.key());
            }
            role = take(Setting.ROLE, role, d.role(), copied, overridden);
            glueVersion = take(Setting.GLUE_VERSION, glueVersion, d.glueVersion(), copied, overridden);
            if (jobType == JobType.PYTHONSHELL) {
                maxCapacity = take(Setting.MAX_CAPACITY, maxCapacity, d.maxCapacity(), copied, overridden);
            } else if (d.workerType() != null) {
                workerType = take(Setting.WORKER_TYPE, workerType, d.workerType(), copied, overridden);
                numberOfWorkers = take(Setting.NUMBER_OF_WORKERS, numberOfWorkers, d.numberOfWorkers(), copied, overridden);
            }
            if (d.executionClass() != null) {
                ExecutionClass copiedClass = ExecutionClass.parse(d.executionClass()).orElse(null);
                executionClass = take(Setting.EXECUTION_CLASS, executionClass, copiedClass, copied, overridden);
            }
            securityConfiguration = take(Setting.SECURITY_CONFIGURATION, securityConfiguration,
                    d.securityConfiguration(), copied, overridden);
            connections = takeList(Setting.CONNECTIONS, connections, d.connections(), copied, overridden);
            Map<String, String> defaults = new LinkedHashMap<>(d.defaultArguments());
            tempDir = take(Setting.TEMP_DIR, tempDir, given.containsKey("--TempDir") ? null : defaults.remove("--TempDir"),
                    copied, overridden);
            extraPyFiles = takeList(Setting.EXTRA_PY_FILES, extraPyFiles, split(given, defaults, "--extra-py-files"),
                    copied, overridden);
            extraJars = takeList(Setting.EXTRA_JARS, extraJars, split(given, defaults, "--extra-jars"), copied, overridden);
            additionalPythonModules = takeList(Setting.ADDITIONAL_PYTHON_MODULES, additionalPythonModules,
                    split(given, defaults, "--additional-python-modules"), copied, overridden);
            String marker = healthCheckArgument == null ? DEFAULT_HEALTH_CHECK_ARGUMENT : healthCheckArgument.trim();
            String markerKey = marker.contains("=") ? marker.substring(0, marker.indexOf('=')) : marker;
            Map<String, String> merged = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : defaults.entrySet()) {
                String key = e.getKey();
                if (key.equals(markerKey) || key.equals("--job-bookmark-option")) {
                    continue; // the check's own rules decide these
                }
                if (given.containsKey(key)) {
                    overridden.add(Setting.ARGUMENTS.key() + " " + key);
                } else {
                    merged.put(key, e.getValue());
                    copied.add(Setting.ARGUMENTS.key() + " " + key);
                }
            }
            merged.putAll(given);
            if (!given.containsKey("--job-bookmark-option")) {
                merged.put("--job-bookmark-option", "job-bookmark-disable");
                if (d.defaultArguments().containsKey("--job-bookmark-option")
                        && !"job-bookmark-disable".equals(d.defaultArguments().get("--job-bookmark-option"))) {
                    overridden.add(Setting.ARGUMENTS.key() + " --job-bookmark-option");
                }
            } else if (d.defaultArguments().containsKey("--job-bookmark-option")) {
                overridden.add(Setting.ARGUMENTS.key() + " --job-bookmark-option");
            }
            arguments = merged;
            baseJobCopy = new BaseJobCopy(d.name(), d.pythonVersion(), d.runtime(), d.nonOverridableArguments(),
                    d.notifyDelayAfterMinutes(), copied, overridden);
            return this;
        }

        private static <T> T take(Setting setting, T given, T deployed, List<String> copied, List<String> overridden) {
            if (deployed == null || (deployed instanceof String text && text.isBlank())) {
                return given;
            }
            if (given == null) {
                copied.add(setting.key());
                return deployed;
            }
            if (!given.equals(deployed)) {
                overridden.add(setting.key());
            }
            return given;
        }

        private static List<String> takeList(Setting setting, List<String> given, List<String> deployed,
                List<String> copied, List<String> overridden) {
            List<String> taken = take(setting, given.isEmpty() ? null : given, deployed.isEmpty() ? null : deployed,
                    copied, overridden);
            return taken == null ? new ArrayList<>() : new ArrayList<>(taken);
        }

        /** A comma-separated default argument taken out of {@code defaults}; empty when the arguments give it. */
        private static List<String> split(Map<String, String> given, Map<String, String> defaults, String key) {
            String value = defaults.remove(key);
            if (value == null || given.containsKey(key)) {
                return List.of();
            }
            return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
        }

        public Builder namePrefix(String namePrefix) {
            this.namePrefix = blankToNull(namePrefix);
            return this;
        }

        /** True when these settings describe a job of this type (glueetl when none is given). */
        public boolean isJobType(JobType type) {
            return (jobType == null ? JobType.GLUEETL : jobType) == type;
        }

        /** Validates everything and builds, or throws with every problem found. */
        public CheckSpec build() {
            List<Problem> problems = new ArrayList<>();
            CheckSpec spec = validate(problems, new ArrayList<>());
            if (!problems.isEmpty()) {
                throw new InvalidSettingsException(problems);
            }
            return spec;
        }

        /** Every problem with these settings; empty when {@link #build()} would succeed. */
        public List<Problem> problems() {
            List<Problem> problems = new ArrayList<>();
            validate(problems, new ArrayList<>());
            return problems;
        }

        /** What is worth a warning in these settings, whether or not they have problems. */
        public List<String> warnings() {
            List<String> warnings = new ArrayList<>();
            validate(new ArrayList<>(), warnings);
            return warnings;
        }

        private CheckSpec validate(List<Problem> problems, List<String> warnings) {
            JobType type = jobType == null ? JobType.GLUEETL : jobType;
            ScriptSource source = validateScript(problems);
            String version = glueVersion != null ? glueVersion : defaultGlueVersion(type);
            if (baseJob == null || baseJobCopy != null) {
                // With a base job not read yet, the shape is checked once it is copied.
                validateShape(problems, warnings, type, version);
            }
            validateLimits(problems);
            Map<String, String> args = validateArguments(problems);
            if (baseJob != null && !GLUE_NAME.matcher(baseJob).matches()) {
                problems.add(problem(Setting.BASE_JOB, "must be the name of a deployed Glue job: one line of 1-255 characters"));
            }
            for (String glob : paths) {
                io.github.gluehealthcheck.engine.changes.PathGlob.problem(glob)
                        .ifPresent(message -> problems.add(problem(Setting.PATHS, message)));
            }
            if (role == null && baseJob != null && baseJobCopy == null) {
                // The deployed job's role is used; checked once the engine has read it.
            } else if (role == null) {
                problems.add(problem(Setting.ROLE, "is required: the IAM role (ARN or name) the Glue job runs as"));
            } else if (role.startsWith("arn:") ? !ROLE_ARN.matcher(role).matches() : !ROLE_NAME.matcher(role).matches()) {
                problems.add(problem(Setting.ROLE, "'" + role + "' is neither an IAM role ARN "
                        + "(arn:aws:iam::123456789012:role/name) nor a role name (1-64 of letters, digits, +=,.@_-)"));
            }
            S3Uri bucket = s3(problems, Setting.SCRIPTS_BUCKET, scriptsBucket);
            if (bucket == null && scriptsBucket == null && source instanceof ScriptSource.InWorkspace) {
                problems.add(problem(Setting.SCRIPTS_BUCKET,
                        "is required for a workspace script: the s3://bucket/prefix it is staged under"));
            } else if (bucket == null && scriptsBucket == null && !reusePassedOrZero().isZero()) {
                problems.add(problem(Setting.REUSE_PASSED,
                        "needs scripts_bucket: passes are recorded under its s3://bucket/prefix"));
            }
            S3Uri temp = s3(problems, Setting.TEMP_DIR, tempDir);
            List<S3Uri> pyFiles = s3List(problems, Setting.EXTRA_PY_FILES, extraPyFiles);
            List<S3Uri> jars = s3List(problems, Setting.EXTRA_JARS, extraJars);
            validatePassThrough(problems, type);
            validateTags(problems);
            if (namePrefix != null && !NAME_PREFIX.matcher(namePrefix).matches()) {
                problems.add(problem(Setting.NAME_PREFIX, "'" + namePrefix
                        + "' must start with a letter and have 1-64 letters, digits, '-' or '_'"));
            }
            if (jobName != null && !JOB_NAME.matcher(jobName).matches()) {
                problems.add(problem(Setting.JOB_NAME, "'" + jobName
                        + "' must have 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit"));
            }
            if (!problems.isEmpty()) {
                return null;
            }
            return new CheckSpec(this, source, bucket, temp, pyFiles, jars, args, warnings);
        }

        private ScriptSource validateScript(List<Problem> problems) {
            if (script == null || script.isBlank()) {
                problems.add(problem(Setting.SCRIPT, "is required: a workspace path or s3:// URI of the job script"));
                return null;
            }
            String s = script.trim();
            if (!s.endsWith(".py")) {
                problems.add(problem(Setting.SCRIPT, "'" + s + "' is not a Python script (.py); "
                        + "glue-health-check runs Python jobs (glueetl, pythonshell, glueray)"));
                return null;
            }
            if (s.startsWith("s3://")) {
                S3Uri.Result r = S3Uri.parse(s);
                if (r.error() != null) {
                    problems.add(problem(Setting.SCRIPT, r.error()));
                    return null;
                }
                if (r.uri().key().isEmpty() || r.uri().key().endsWith("/")) {
                    problems.add(problem(Setting.SCRIPT, "'" + s + "' names no object; use s3://bucket/path/job.py"));
                    return null;
                }
                return new ScriptSource.InS3(r.uri());
            }
            if (s.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
                problems.add(problem(Setting.SCRIPT, "'" + s + "' is neither a workspace path nor an s3:// URI"));
                return null;
            }
            Path root = (workspace == null ? Path.of("") : workspace).toAbsolutePath().normalize();
            Path file;
            try {
                file = root.resolve(s).normalize();
            } catch (InvalidPathException e) {
                problems.add(problem(Setting.SCRIPT, "'" + s + "' is not a valid path"));
                return null;
            }
            if (!file.startsWith(root)) {
                problems.add(problem(Setting.SCRIPT, "'" + s + "' is outside the workspace " + root
                        + "; use a path inside it or an s3:// URI"));
                return null;
            }
            if (!Files.isRegularFile(file)) {
                problems.add(problem(Setting.SCRIPT, "'" + s + "' does not exist in the workspace " + root));
                return null;
            }
            try {
                if (!file.toRealPath().startsWith(root.toRealPath())) {
                    problems.add(problem(Setting.SCRIPT, "'" + s + "' links outside the workspace " + root));
                    return null;
                }
            } catch (java.io.IOException e) {
                problems.add(problem(Setting.SCRIPT, "'" + s + "' cannot be read: " + e.getClass().getSimpleName()));
                return null;
            }
            if (!Files.isReadable(file)) {
                problems.add(problem(Setting.SCRIPT, "'" + s + "' is not readable"));
                return null;
            }
            return new ScriptSource.InWorkspace(root, root.relativize(file).toString());
        }

        private void validateShape(List<Problem> problems, List<String> warnings, JobType type, String version) {
            GlueRules.JobTypeRules rules = RULES.jobType(type);
            java.time.LocalDate today = java.time.LocalDate.now(GLUE_DATES);
            boolean versionOk = GLUE_VERSION.matcher(version).matches();
            List<String> live = RULES.liveVersions(type.value(), today);
            if (!versionOk) {
                problems.add(problem(Setting.GLUE_VERSION, "'" + version + "' is not a Glue version; " + type
                        + " jobs take " + String.join(", ", live)));
            } else {
                java.util.Optional<GlueRules.Version> known = RULES.version(version);
                if (known.isPresent() && known.get().endedBy(today)) {
                    problems.add(problem(Setting.GLUE_VERSION, "Glue " + version + " reached end of life on "
                            + known.get().endOfLife() + " and takes no new jobs; " + type + " jobs take "
                            + String.join(", ", live)));
                } else if (known.isEmpty() && GlueRules.before(version, live.get(live.size() - 1))) {
                    problems.add(problem(Setting.GLUE_VERSION, "Glue " + version + " is not a Glue version for "
                            + type + " jobs; they take " + String.join(", ", live)));
                } else if (known.isEmpty()) {
                    warnings.add(Setting.GLUE_VERSION.key() + ": Glue " + version + " is newer than the versions "
                            + "glue-health-check knows (" + String.join(", ", live) + "); Glue will say if it exists");
                } else if (!known.get().jobTypes().contains(type.value())) {
                    problems.add(problem(Setting.GLUE_VERSION, type + " jobs run on Glue " + String.join(", ", live)
                            + ", not " + version));
                }
            }
            switch (type) {
                case PYTHONSHELL -> {
                    String sizing = "Python shell jobs are sized by max_capacity ("
                            + capacities(rules.maxCapacities()) + "), not by ";
                    if (workerType != null) {
                        problems.add(problem(Setting.WORKER_TYPE, sizing + "worker_type"));
                    }
                    if (numberOfWorkers != null) {
                        problems.add(problem(Setting.NUMBER_OF_WORKERS, sizing + "number_of_workers"));
                    }
                    if (maxCapacity != null && !rules.maxCapacities().contains(maxCapacity)) {
                        problems.add(problem(Setting.MAX_CAPACITY, maxCapacity + " is not allowed; Python shell jobs take "
                                + capacities(rules.maxCapacities())));
                    }
                }
                case GLUEETL, GLUERAY -> {
                    if (maxCapacity != null) {
                        problems.add(problem(Setting.MAX_CAPACITY, "cannot be combined with worker_type: "
                                + type + " jobs are sized by worker_type and number_of_workers"));
                    }
                    validateWorkerType(problems, warnings, type, version, versionOk);
                    if (numberOfWorkers != null && (numberOfWorkers < rules.minWorkers() || numberOfWorkers > rules.maxWorkers())) {
                        problems.add(problem(Setting.NUMBER_OF_WORKERS, numberOfWorkers + " is out of range; "
                                + type + " jobs take " + rules.minWorkers() + " to " + rules.maxWorkers() + " workers"));
                    }
                }
            }
            if (type == JobType.GLUERAY && rules.newCustomersUntil() != null && !today.isBefore(rules.newCustomersUntil())) {
                warnings.add(Setting.JOB_TYPE.key() + ": Glue for Ray takes no new customers since "
                        + rules.newCustomersUntil() + "; only accounts that used it before can create Ray jobs");
            }
            if (executionClass != null && !rules.executionClasses().contains(executionClass.name())
                    && executionClass != ExecutionClass.STANDARD) {
                problems.add(problem(Setting.EXECUTION_CLASS, executionClass + " is only for "
                        + jobTypesWith(executionClass) + " jobs, not " + type));
            } else if (executionClass == ExecutionClass.FLEX) {
                String worker = workerType == null ? rules.defaultWorkerType() : workerType;
                if (versionOk && rules.flexMinVersion() != null && GlueRules.before(version, rules.flexMinVersion())) {
                    problems.add(problem(Setting.EXECUTION_CLASS, "FLEX needs Glue " + rules.flexMinVersion()
                            + " or later, not " + version));
                } else if (RULES.workerType(worker).isPresent() && !RULES.workerType(worker).get().flex()) {
                    problems.add(problem(Setting.EXECUTION_CLASS, "FLEX runs only on "
                            + String.join(" or ", RULES.flexWorkerTypes()) + " workers, not " + worker));
                }
            }
        }

        private void validateWorkerType(List<Problem> problems, List<String> warnings, JobType type, String version,
                boolean versionOk) {
            if (workerType == null) {
                return;
            }
            List<String> takes = RULES.workerTypesFor(type.value());
            java.util.Optional<GlueRules.WorkerType> known = RULES.workerType(workerType);
            if (!WORKER_TYPE.matcher(workerType).matches()) {
                problems.add(problem(Setting.WORKER_TYPE, "'" + workerType + "' is not a Glue worker type; "
                        + type + " jobs take " + String.join(", ", takes)));
            } else if (known.isEmpty()) {
                // Glue adds worker types before SDKs and this table know them: let Glue decide.
                warnings.add(Setting.WORKER_TYPE.key() + ": '" + workerType + "' is not a worker type glue-health-check "
                        + "knows; " + type + " jobs take " + String.join(", ", takes) + " (Glue will refuse it if it does not exist)");
            } else if (!known.get().jobTypes().contains(type.value())) {
                problems.add(problem(Setting.WORKER_TYPE, workerType + " is for " + String.join(" and ", known.get().jobTypes())
                        + " jobs; " + type + " jobs take " + String.join(", ", takes)));
            } else if (versionOk && known.get().minVersion() != null && GlueRules.before(version, known.get().minVersion())) {
                problems.add(problem(Setting.WORKER_TYPE, workerType + " needs Glue " + known.get().minVersion()
                        + " or later, not " + version));
            }
        }

        private static String jobTypesWith(ExecutionClass executionClass) {
            List<String> types = new ArrayList<>();
            for (JobType t : JobType.values()) {
                if (RULES.jobType(t).executionClasses().contains(executionClass.name())) {
                    types.add(t.value());
                }
            }
            return String.join(", ", types);
        }

        private static String capacities(List<Double> values) {
            List<String> shown = new ArrayList<>();
            values.forEach(v -> shown.add(java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString()));
            return String.join(" or ", shown);
        }

        private void validateLimits(List<Problem> problems) {
            if (timeoutMinutes != null && (timeoutMinutes < RULES.minTimeoutMinutes() || timeoutMinutes > MAX_TIMEOUT_MINUTES)) {
                problems.add(problem(Setting.TIMEOUT, timeoutMinutes + " is out of range; use " + RULES.minTimeoutMinutes()
                        + " to " + MAX_TIMEOUT_MINUTES + " minutes"));
            }
            if (maxWait != null && (maxWait.isNegative() || maxWait.isZero() || maxWait.compareTo(MAX_MAX_WAIT) > 0)) {
                problems.add(problem(Setting.MAX_WAIT, "must be more than 0 and at most " + MAX_MAX_WAIT.toMinutes()
                        + " minutes (Glue's longest timeout, FLEX's wait and an hour)"));
            }
        }

        private Map<String, String> validateArguments(List<Problem> problems) {
            Map<String, String> args = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : arguments.entrySet()) {
                String key = normalizeArgumentKey(e.getKey() == null ? "" : e.getKey());
                if (!ARGUMENT_KEY.matcher(key).matches()) {
                    problems.add(problem(Setting.ARGUMENTS, "key '" + e.getKey()
                            + "' is not a Glue argument name (letters, digits, '_', '.', '-')"));
                } else if (RESERVED_ARGUMENTS.contains(key)) {
                    problems.add(problem(Setting.ARGUMENTS, "key '" + key + "' is internal to Glue; "
                            + String.join(", ", RESERVED_ARGUMENTS) + " cannot be set"));
                } else if (args.containsKey(key)) {
                    problems.add(problem(Setting.ARGUMENTS, "key '" + key + "' is given twice"));
                } else {
                    args.put(key, e.getValue() == null ? "" : e.getValue());
                }
            }
            Set<String> secrets = new LinkedHashSet<>(normalizeKeys(secretArguments));
            for (String s : secrets) {
                if (!args.containsKey(s)) {
                    problems.add(problem(Setting.SECRET_ARGUMENTS, "names '" + s + "', which is not among the arguments"));
                }
            }
            String hc = healthCheckArgument == null ? DEFAULT_HEALTH_CHECK_ARGUMENT : healthCheckArgument.trim();
            if (!hc.isEmpty()) {
                int eq = hc.indexOf('=');
                String key = eq < 0 ? hc : hc.substring(0, eq);
                if (eq < 0 || !ARGUMENT_KEY.matcher(key).matches()) {
                    problems.add(problem(Setting.HEALTH_CHECK_ARGUMENT, "'" + hc
                            + "' must look like --name=value, e.g. --health_check=true (or be empty for none)"));
                } else if (RESERVED_ARGUMENTS.contains(key)) {
                    problems.add(problem(Setting.HEALTH_CHECK_ARGUMENT, "'" + key + "' is reserved by Glue"));
                } else if (args.containsKey(key)) {
                    problems.add(problem(Setting.HEALTH_CHECK_ARGUMENT, "'" + key
                            + "' is also set in arguments; set it in one place only"));
                }
            }
            long bytes = 0;
            for (Map.Entry<String, String> e : args.entrySet()) {
                bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
            }
            if (bytes > MAX_ARGUMENTS_BYTES) {
                problems.add(problem(Setting.ARGUMENTS, "take " + (bytes / 1024) + " KB; Glue allows at most "
                        + (MAX_ARGUMENTS_BYTES / 1024) + " KB in all"));
            }
            for (String conflict : List.of("--TempDir", "--extra-py-files", "--extra-jars", "--additional-python-modules")) {
                Setting setting = switch (conflict) {
                    case "--TempDir" -> Setting.TEMP_DIR;
                    case "--extra-py-files" -> Setting.EXTRA_PY_FILES;
                    case "--extra-jars" -> Setting.EXTRA_JARS;
                    default -> Setting.ADDITIONAL_PYTHON_MODULES;
                };
                boolean setBoth = args.containsKey(conflict) && switch (setting) {
                    case TEMP_DIR -> tempDir != null;
                    case EXTRA_PY_FILES -> !extraPyFiles.isEmpty();
                    case EXTRA_JARS -> !extraJars.isEmpty();
                    default -> !additionalPythonModules.isEmpty();
                };
                if (setBoth) {
                    problems.add(problem(Setting.ARGUMENTS, "'" + conflict + "' is also given by " + setting.key()
                            + "; set it in one place only"));
                }
            }
            return args;
        }

        private void validatePassThrough(List<Problem> problems, JobType type) {
            for (String m : additionalPythonModules) {
                if (m == null || m.isBlank() || m.contains(",")) {
                    problems.add(problem(Setting.ADDITIONAL_PYTHON_MODULES, "has an empty entry or one with a comma: '"
                            + m + "'; give one module per entry"));
                }
            }
            if (type != JobType.GLUEETL && !extraJars.isEmpty()) {
                problems.add(problem(Setting.EXTRA_JARS, "only glueetl (Spark) jobs take jars, not " + type));
            }
            for (String c : connections) {
                if (c == null || !GLUE_NAME.matcher(c).matches()) {
                    problems.add(problem(Setting.CONNECTIONS, "has an empty or multi-line connection name"));
                }
            }
            if (securityConfiguration != null && !GLUE_NAME.matcher(securityConfiguration).matches()) {
                problems.add(problem(Setting.SECURITY_CONFIGURATION, "must be a single line of 1-255 characters"));
            }
        }

        private void validateTags(List<Problem> problems) {
            if (tags.size() > MAX_USER_TAGS) {
                problems.add(problem(Setting.TAGS, tags.size() + " tags are too many; Glue allows " + RULES.maxTags() + " and up to "
                        + RESERVED_TAG_COUNT + " are used for ownership and expiry, so at most " + MAX_USER_TAGS));
            }
            for (Map.Entry<String, String> t : tags.entrySet()) {
                String k = t.getKey() == null ? "" : t.getKey();
                String v = t.getValue() == null ? "" : t.getValue();
                String lower = k.toLowerCase(Locale.ROOT);
                if (k.isEmpty() || k.length() > RULES.maxTagKeyLength() || !TAG_TEXT.matcher(k).matches()) {
                    problems.add(problem(Setting.TAGS, "key '" + k
                            + "' must have 1-128 letters, digits, spaces or _.:/=+-@"));
                } else if (lower.startsWith("aws:") || lower.startsWith("glue-health-check:")) {
                    problems.add(problem(Setting.TAGS, "key '" + k
                            + "' is reserved (aws: and glue-health-check: prefixes)"));
                }
                if (v.length() > RULES.maxTagValueLength() || !TAG_TEXT.matcher(v).matches()) {
                    problems.add(problem(Setting.TAGS, "value of '" + k
                            + "' must have at most 256 letters, digits, spaces or _.:/=+-@"));
                }
            }
        }

        private static S3Uri s3(List<Problem> problems, Setting setting, String text) {
            if (text == null) {
                return null;
            }
            S3Uri.Result r = S3Uri.parse(text);
            if (r.error() != null) {
                problems.add(problem(setting, r.error()));
                return null;
            }
            return r.uri();
        }

        private static List<S3Uri> s3List(List<Problem> problems, Setting setting, List<String> texts) {
            List<S3Uri> out = new ArrayList<>();
            for (String t : texts) {
                S3Uri.Result r = S3Uri.parse(t);
                if (r.error() != null) {
                    problems.add(problem(setting, r.error()));
                } else if (r.uri().key().isEmpty()) {
                    problems.add(problem(setting, "'" + t + "' names no object"));
                } else {
                    out.add(r.uri());
                }
            }
            return out;
        }

        private static Problem problem(Setting setting, String message) {
            return Problem.of(setting.key(), message);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }

        Builder copy() {
            Builder c = new Builder();
            c.script = script;
            c.workspace = workspace;
            c.jobName = jobName;
            c.jobType = jobType;
            c.glueVersion = glueVersion;
            c.workerType = workerType;
            c.numberOfWorkers = numberOfWorkers;
            c.maxCapacity = maxCapacity;
            c.executionClass = executionClass;
            c.timeoutMinutes = timeoutMinutes;
            c.maxWait = maxWait;
            c.arguments = new LinkedHashMap<>(arguments);
            c.secretArguments = new ArrayList<>(secretArguments);
            c.healthCheckArgument = healthCheckArgument;
            c.role = role;
            c.scriptsBucket = scriptsBucket;
            c.tempDir = tempDir;
            c.extraPyFiles = new ArrayList<>(extraPyFiles);
            c.extraJars = new ArrayList<>(extraJars);
            c.additionalPythonModules = new ArrayList<>(additionalPythonModules);
            c.connections = new ArrayList<>(connections);
            c.securityConfiguration = securityConfiguration;
            c.tags = new LinkedHashMap<>(tags);
            c.keepJob = keepJob;
            c.namePrefix = namePrefix;
            c.baseJob = baseJob;
            c.baseJobCopy = baseJobCopy;
            c.paths = new ArrayList<>(paths);
            c.reusePassed = reusePassed;
            return c;
        }

        private List<Object> fields() {
            return java.util.Arrays.asList(script, workspace, jobName, jobType, glueVersion, workerType, numberOfWorkers,
                    maxCapacity, executionClass, timeoutMinutes, maxWait, arguments, secretArguments, healthCheckArgument,
                    role, scriptsBucket, tempDir, extraPyFiles, extraJars, additionalPythonModules, connections,
                    securityConfiguration, tags, keepJob, namePrefix, baseJob, baseJobCopy, paths, reusePassed);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Builder other && fields().equals(other.fields());
        }

        @Override
        public int hashCode() {
            return Objects.hash(fields().toArray());
        }
    }
}
