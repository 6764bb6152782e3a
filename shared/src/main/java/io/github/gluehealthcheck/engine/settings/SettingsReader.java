package io.github.gluehealthcheck.engine.settings;

import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.aws.Secret;
import io.github.gluehealthcheck.engine.files.WorkspaceFiles;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.ExecutionClass;
import io.github.gluehealthcheck.engine.spec.GlueRules;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import io.github.gluehealthcheck.engine.spec.JobType;
import io.github.gluehealthcheck.engine.spec.KeepJobPolicy;
import io.github.gluehealthcheck.engine.spec.Problem;
import io.github.gluehealthcheck.engine.spec.S3Uri;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a step's raw settings into a validated {@link HealthCheckRequest}, the same way for every adapter.
 *
 * <p>Settings arrive as a map from setting name (snake_case, kebab-case or camelCase) to a value: text from Drone's
 * {@code PLUGIN_*} variables and CLI flags, typed values from Jenkins. Where jobs come from: {@code script} (one
 * job), {@code jobs} (a list), or {@code config} (a {@code .glue-health.yml}). For each job, a setting is taken
 * from the job's own entry, else from the step, else from the file's {@code defaults}, else the built-in default.
 *
 * <p>The environment supplies what the AWS tools conventionally read from it ({@code AWS_REGION},
 * {@code AWS_DEFAULT_REGION}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN},
 * {@code AWS_PROFILE}, {@code AWS_ROLE_ARN} with {@code AWS_WEB_IDENTITY_TOKEN_FILE}) when the settings do not say.
 * For Jenkins this is the step's EnvVars (what {@code withAWS} sets), which the SDK's own chain cannot see.
 *
 * <p>Every problem is collected and thrown together as an {@link InvalidSettingsException}; nothing here calls AWS.
 */
public final class SettingsReader {
    /** Role and bucket used on the local endpoint when none is given: nothing there needs real ones. */
    public static final String LOCAL_ROLE = "arn:aws:iam::123456789012:role/glue-health-check-local";
    public static final String LOCAL_SCRIPTS_BUCKET = "s3://glue-health-check-local/scripts";

    private SettingsReader() {
    }

    /**
     * Reads a request.
     *
     * @param settings    raw settings by name
     * @param environment environment variables (for AWS_* fallbacks); may be empty
     * @param detected    the build context the adapter detected (from DRONE_*, CI_*, Jenkins, git); settings of
     *                    the context kind ({@code repo}, {@code pull_request}, ...) override it
     * @throws InvalidSettingsException with every problem found
     */
    public static HealthCheckRequest read(Map<String, ?> settings, Map<String, String> environment, CiContext.Builder detected) {
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<Setting, Object> step = normalize(settings, warnings);
        SettingValues v = new SettingValues(problems, null);

        Path workspace = Path.of(nonNull(v.text(Setting.WORKSPACE, step.get(Setting.WORKSPACE)), ""))
                .toAbsolutePath().normalize();
        String mode = nonNull(v.choice(Setting.MODE, step.get(Setting.MODE)), "check");

        ConfigFile config = null;
        String configPath = v.text(Setting.CONFIG, step.get(Setting.CONFIG));
        if (configPath != null && !configPath.isEmpty()) {
            Path file = resolve(workspace, configPath);
            if (file == null || !file.startsWith(workspace)) {
                problems.add(Problem.of(Setting.CONFIG.key(), "'" + configPath + "' is outside the workspace " + workspace));
            } else if (linksOutside(workspace, file)) {
                problems.add(Problem.of(Setting.CONFIG.key(), "'" + configPath + "' links outside the workspace"));
            } else {
                config = ConfigFile.read(workspace, file, configPath, problems);
            }
        }
        Map<String, Object> fileRun = config == null ? Map.of() : config.runSettings();

        // Step-wide settings: the step's value, else the file's top level, else the default.
        String namePrefix = v.text(Setting.NAME_PREFIX, first(step.get(Setting.NAME_PREFIX), fileRun.get("name_prefix")));
        Integer parallelism = v.integer(Setting.PARALLELISM, first(step.get(Setting.PARALLELISM), fileRun.get("parallelism")));
        // Not from the file: the budget protects the account's Glue API rate, which a pull request must not raise.
        Integer statusReads = v.integer(Setting.STATUS_READS_PER_SECOND, step.get(Setting.STATUS_READS_PER_SECOND));
        Boolean sweep = v.bool(Setting.SWEEP, first(step.get(Setting.SWEEP), fileRun.get("sweep")));
        String reportDir = v.text(Setting.REPORT_DIR, first(step.get(Setting.REPORT_DIR), fileRun.get("report_dir")));
        Boolean dryRun = v.bool(Setting.DRY_RUN, step.get(Setting.DRY_RUN));
        Boolean changedOnly = v.bool(Setting.CHANGED_ONLY, step.get(Setting.CHANGED_ONLY));
        String logLevel = v.choice(Setting.LOG_LEVEL, step.get(Setting.LOG_LEVEL));

        AwsConnection connection = connection(step, fileRun, environment, v, problems, warnings);
        boolean local = connection != null && connection.isLocal();
        CiContext context = context(step, detected, v, problems);

        List<CheckSpec> checks = new ArrayList<>();
        if ("check".equals(mode)) {
            checks = checks(step, config, workspace, namePrefix, local,
                    connection == null ? null : connection.region().orElse(null), problems, warnings);
        }
        if (parallelism != null && (parallelism < 1 || parallelism > 50)) {
            problems.add(Problem.of(Setting.PARALLELISM.key(), parallelism + " is out of range; use 1 to 50"));
        }
        if (statusReads != null && (statusReads < 1 || statusReads > EngineOptions.MAX_STATUS_READS_PER_SECOND)) {
            problems.add(Problem.of(Setting.STATUS_READS_PER_SECOND.key(), statusReads
                    + " is out of range; use 1 to " + EngineOptions.MAX_STATUS_READS_PER_SECOND + " (reads a second)"));
        }
        // A problem with a directory the file names is the file's: there is no step setting to look for.
        String reportDirSource = step.containsKey(Setting.REPORT_DIR) || !fileRun.containsKey("report_dir") ? null : configPath;
        Path reports = reportDir(workspace, nonNull(reportDir, "glue-health-check"), reportDirSource, problems);
        // mode: sweep deletes staged scripts only under the pipeline's own scripts_bucket: the step's setting, never
        // the config file's (a pull request can change the file, and this sweep reaches every repository's jobs).
        List<S3Uri> sweepScriptsBuckets = new ArrayList<>();
        if ("sweep".equals(mode)) {
            String bucket = v.text(Setting.SCRIPTS_BUCKET, step.get(Setting.SCRIPTS_BUCKET));
            if (bucket != null && !bucket.isBlank()) {
                S3Uri.Result parsed = S3Uri.parse(bucket.trim());
                if (parsed.error() != null) {
                    problems.add(Problem.of(Setting.SCRIPTS_BUCKET.key(), parsed.error()));
                } else {
                    sweepScriptsBuckets.add(parsed.uri());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new HealthCheckRequest("sweep".equals(mode) ? HealthCheckRequest.Mode.SWEEP : HealthCheckRequest.Mode.CHECK,
                checks, connection, context, parallelism == null ? 4 : parallelism, sweep == null || sweep, reports,
                dryRun != null && dryRun, "debug".equals(logLevel),
                namePrefix == null ? CheckSpec.DEFAULT_NAME_PREFIX : namePrefix, workspace, warnings,
                statusReads == null ? EngineOptions.DEFAULT_STATUS_READS_PER_SECOND : statusReads, sweepScriptsBuckets,
                changedOnly != null && changedOnly, config == null ? null : configRelative(workspace, configPath),
                Map.of());
    }

    private static String configRelative(Path workspace, String configPath) {
        Path file = resolve(workspace, configPath);
        return file == null ? null : workspace.relativize(file).toString().replace('\\', '/');
    }

    /**
     * Reports stay in the workspace whoever names the directory: the repository's file (which a pull request can
     * change) or the pipeline. Its name ends up in Harness's {@code KEY=value} outputs, so it is one line.
     */
    private static Path reportDir(Path workspace, String given, String configFile, List<Problem> problems) {
        Consumer<String> problem = message -> problems.add(configFile == null
                ? Problem.of(Setting.REPORT_DIR.key(), message)
                : Problem.of(Setting.CONFIG.key(), configFile + ": report_dir " + message));
        if (given.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            problem.accept("must not contain control characters (line breaks, tabs)");
            return null;
        }
        Path dir = resolve(workspace, given);
        if (dir == null || !dir.startsWith(workspace)) {
            problem.accept("'" + given + "' must be a directory inside the workspace");
            return null;
        }
        if (linksOutside(workspace, dir)) {
            problem.accept("'" + given + "' links outside the workspace");
            return null;
        }
        return dir;
    }

    private static Path resolve(Path workspace, String given) {
        try {
            return workspace.resolve(given).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** A workspace that does not exist yet has no links; the writes check again when they happen. */
    private static boolean linksOutside(Path workspace, Path path) {
        try {
            return Files.exists(workspace) && WorkspaceFiles.linksOutside(workspace, path);
        } catch (IOException e) {
            return false;
        }
    }

    /** Known settings by their canonical name; unknown names become warnings naming the closest known one. */
    private static Map<Setting, Object> normalize(Map<String, ?> settings, List<String> warnings) {
        Map<Setting, Object> out = new LinkedHashMap<>();
        settings.forEach((name, value) -> {
            Setting s = Setting.byName(name).orElse(null);
            if (s == null) {
                warnings.add("unknown setting '" + name + "' is ignored"
                        + Suggestions.closestSetting(name).map(c -> " (did you mean " + c.key() + "?)").orElse(""));
                return;
            }
            // Empty means unset, except for the health-check argument, where empty means "add none".
            if (value == null || (value instanceof String str && str.isBlank() && s != Setting.HEALTH_CHECK_ARGUMENT)) {
                return;
            }
            out.put(s, value);
        });
        return out;
    }

    private static List<CheckSpec> checks(Map<Setting, Object> step, ConfigFile config, Path workspace,
            String namePrefix, boolean local, String region, List<Problem> problems, List<String> warnings) {
        SettingValues v = new SettingValues(problems, null);
        List<Map<String, Object>> entries;
        boolean hasScript = step.containsKey(Setting.SCRIPT);
        boolean hasJobs = step.containsKey(Setting.JOBS);
        if (hasScript && (config != null || hasJobs)) {
            problems.add(Problem.of(Setting.SCRIPT.key(), "cannot be combined with " + (hasJobs ? "jobs" : "config")
                    + "; list the script among the jobs instead"));
            return List.of();
        }
        if (hasJobs && step.containsKey(Setting.CONFIG)) {
            problems.add(Problem.of(Setting.JOBS.key(), "cannot be combined with config; list the jobs in one place"));
            return List.of();
        }
        if (config == null && step.containsKey(Setting.CONFIG)) {
            return List.of(); // the config file's own problems are already reported
        }
        Map<String, Object> defaults = config == null ? Map.of() : config.defaults();
        if (config != null) {
            entries = config.jobs();
        } else if (hasJobs) {
            List<Map<String, Object>> listed = v.listOfMaps(Setting.JOBS, step.get(Setting.JOBS));
            if (listed == null) {
                return List.of();
            }
            if (listed.isEmpty()) {
                problems.add(Problem.of(Setting.JOBS.key(), "is empty; list at least one job"));
                return List.of();
            }
            entries = new ArrayList<>();
            int i = 0;
            for (Map<String, Object> raw : listed) {
                i++;
                Map<String, Object> entry = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : raw.entrySet()) {
                    Setting s = Setting.byName(e.getKey()).orElse(null);
                    if (s == null || s.scope() != Setting.Scope.JOB) {
                        problems.add(Problem.of(Setting.JOBS.key(), "entry " + i + ": '" + e.getKey() + "' is not a job setting"
                                + (s == null ? Suggestions.closestSetting(e.getKey()).map(c -> " (did you mean " + c.key() + "?)").orElse("") : "")));
                    } else {
                        entry.put(s.key(), e.getValue());
                    }
                }
                entries.add(entry);
            }
        } else if (hasScript) {
            entries = List.of(new LinkedHashMap<>());
        } else {
            problems.add(Problem.of(Setting.SCRIPT.key(), "is required: give a script, or list jobs with config or jobs"));
            return List.of();
        }
        List<CheckSpec> specs = new ArrayList<>();
        int i = 0;
        for (Map<String, Object> entry : entries) {
            i++;
            Map<Setting, Object> merged = new LinkedHashMap<>();
            defaults.forEach((k, val) -> merged.put(Setting.byName(k).orElseThrow(), val));
            step.forEach((s, val) -> {
                if (s.scope() == Setting.Scope.JOB) {
                    merged.put(s, val);
                }
            });
            entry.forEach((k, val) -> merged.put(Setting.byName(k).orElseThrow(), val));
            if (!hasScript) {
                dropInheritedSizing(merged, entry);
            }
            // A job from a config file or a jobs list is named by its job, even when it is the only one: a value
            // written there has no step setting (PLUGIN_X, --x) the user could look for.
            String scope = hasScript ? null : scopeName(merged, i);
            // The file is the repository's, which a pull request can change: it may shorten or turn off the reuse
            // of passes the pipeline allows, never turn it on or lengthen it (a reused pass is a verdict not run).
            Object fileReuse = null;
            if (config != null) {
                String key = Setting.REUSE_PASSED.key();
                fileReuse = entry.containsKey(key) ? entry.get(key) : defaults.get(key);
                merged.remove(Setting.REUSE_PASSED);
                if (step.containsKey(Setting.REUSE_PASSED)) {
                    merged.put(Setting.REUSE_PASSED, step.get(Setting.REUSE_PASSED));
                }
            }
            CheckSpec spec = spec(merged, workspace, namePrefix, local, scope, region, fileReuse,
                    config == null ? null : String.valueOf(step.get(Setting.CONFIG)), problems, warnings);
            if (spec != null) {
                specs.add(spec);
            }
        }
        return specs;
    }

    /**
     * Shared sizing settings fit some job types only: a step-wide number_of_workers is meant for the Spark jobs of
     * a mixed list, not for its Python shell jobs. Inherited settings that do not apply are dropped; the same
     * setting written in the job's own entry is still checked (and refused) as given.
     */
    private static void dropInheritedSizing(Map<Setting, Object> merged, Map<String, Object> entry) {
        Object type = merged.get(Setting.JOB_TYPE);
        boolean pythonShell = type != null && "pythonshell".equalsIgnoreCase(type.toString().trim());
        List<Setting> notApplicable = pythonShell ? List.of(Setting.WORKER_TYPE, Setting.NUMBER_OF_WORKERS)
                : List.of(Setting.MAX_CAPACITY);
        for (Setting s : notApplicable) {
            if (!entry.containsKey(s.key())) {
                merged.remove(s);
            }
        }
    }

    private static String scopeName(Map<Setting, Object> merged, int index) {
        Object name = merged.get(Setting.JOB_NAME);
        if (name != null && !(name instanceof Map) && !(name instanceof List)) {
            return name.toString();
        }
        Object script = merged.get(Setting.SCRIPT);
        if (script instanceof String s && !s.isBlank()) {
            return s.substring(s.lastIndexOf('/') + 1).replaceAll("\\.py$", "");
        }
        return String.valueOf(index);
    }

    /**
     * {@code reuse_passed}: the pipeline's value, shortened (never lengthened, never turned on) by the config
     * file's; null when neither says, which is off.
     */
    private static Duration reusePassed(Map<Setting, Object> m, Object fileValue, String configPath, String scope,
            SettingValues v, List<Problem> problems, List<String> warnings) {
        Duration pipeline = v.age(Setting.REUSE_PASSED, m.get(Setting.REUSE_PASSED));
        if (fileValue == null) {
            return pipeline;
        }
        // A bad value in the file is the file's: the pipeline's own reuse_passed (PLUGIN_REUSE_PASSED) may be fine.
        List<Problem> fileProblems = new ArrayList<>();
        Duration file = new SettingValues(fileProblems, null).age(Setting.REUSE_PASSED, fileValue);
        fileProblems.forEach(p -> problems.add(Problem.of(Setting.CONFIG.key(), configPath + ": "
                + (scope == null ? "" : "jobs[" + scope + "].") + "reuse_passed " + p.message())));
        if (file == null) {
            return pipeline;
        }
        if (pipeline == null || pipeline.isZero()) {
            if (!file.isZero()) {
                warnings.add((scope == null ? "" : "jobs[" + scope + "].") + "reuse_passed in the config file is "
                        + "ignored: only the pipeline can turn reuse on (a pull request can change the file); the "
                        + "file may shorten it or turn it off");
            }
            return Duration.ZERO;
        }
        return file.compareTo(pipeline) < 0 ? file : pipeline;
    }

    private static CheckSpec spec(Map<Setting, Object> m, Path workspace, String namePrefix, boolean local, String scope,
            String region, Object fileReuse, String configPath, List<Problem> problems, List<String> warnings) {
        int before = problems.size();
        SettingValues v = new SettingValues(problems, scope);
        CheckSpec.Builder b = CheckSpec.builder().workspace(workspace).namePrefix(namePrefix)
                .script(v.text(Setting.SCRIPT, m.get(Setting.SCRIPT)))
                .jobName(v.text(Setting.JOB_NAME, m.get(Setting.JOB_NAME)))
                .glueVersion(v.version(Setting.GLUE_VERSION, m.get(Setting.GLUE_VERSION)))
                .workerType(v.text(Setting.WORKER_TYPE, m.get(Setting.WORKER_TYPE)))
                .numberOfWorkers(v.integer(Setting.NUMBER_OF_WORKERS, m.get(Setting.NUMBER_OF_WORKERS)))
                .maxCapacity(v.decimal(Setting.MAX_CAPACITY, m.get(Setting.MAX_CAPACITY)))
                .timeoutMinutes(v.integer(Setting.TIMEOUT, m.get(Setting.TIMEOUT)))
                .maxWait(v.duration(Setting.MAX_WAIT, m.get(Setting.MAX_WAIT)))
                .healthCheckArgument(v.text(Setting.HEALTH_CHECK_ARGUMENT, m.get(Setting.HEALTH_CHECK_ARGUMENT)))
                .baseJob(v.text(Setting.BASE_JOB, m.get(Setting.BASE_JOB)))
                // With a base job, the deployed job's role is the default, not the local endpoint's stand-in.
                .role(nonNull(v.text(Setting.ROLE, m.get(Setting.ROLE)),
                        local && m.get(Setting.BASE_JOB) == null ? LOCAL_ROLE : null))
                .scriptsBucket(nonNull(v.text(Setting.SCRIPTS_BUCKET, m.get(Setting.SCRIPTS_BUCKET)), local ? LOCAL_SCRIPTS_BUCKET : null))
                .tempDir(v.text(Setting.TEMP_DIR, m.get(Setting.TEMP_DIR)))
                .securityConfiguration(v.text(Setting.SECURITY_CONFIGURATION, m.get(Setting.SECURITY_CONFIGURATION)));
        b.reusePassed(reusePassed(m, fileReuse, configPath, scope, v, problems, warnings));
        String jobType = v.choice(Setting.JOB_TYPE, m.get(Setting.JOB_TYPE));
        if (jobType != null) {
            b.jobType(JobType.parse(jobType).orElseThrow());
        }
        String executionClass = v.choice(Setting.EXECUTION_CLASS, m.get(Setting.EXECUTION_CLASS));
        if (executionClass != null) {
            b.executionClass(ExecutionClass.parse(executionClass).orElseThrow());
        }
        String keep = v.choice(Setting.KEEP_JOB, m.get(Setting.KEEP_JOB));
        if (keep != null) {
            b.keepJob(KeepJobPolicy.parse(keep).orElseThrow());
        }
        Map<String, String> arguments = v.map(Setting.ARGUMENTS, m.get(Setting.ARGUMENTS));
        if (arguments != null) {
            b.arguments(arguments);
        }
        Map<String, String> tags = v.map(Setting.TAGS, m.get(Setting.TAGS));
        if (tags != null) {
            b.tags(tags);
        }
        listInto(v, m, Setting.SECRET_ARGUMENTS, b::secretArguments);
        listInto(v, m, Setting.EXTRA_PY_FILES, b::extraPyFiles);
        listInto(v, m, Setting.EXTRA_JARS, b::extraJars);
        listInto(v, m, Setting.ADDITIONAL_PYTHON_MODULES, b::additionalPythonModules);
        listInto(v, m, Setting.CONNECTIONS, b::connections);
        listInto(v, m, Setting.PATHS, b::paths);
        // Report what the spec finds wrong too, except for settings whose value could not even be read.
        java.util.Set<String> unreadable = new java.util.HashSet<>();
        problems.subList(before, problems.size()).forEach(p -> unreadable.add(p.setting()));
        List<Problem> specProblems = b.problems();
        specProblems.stream().filter(p -> !unreadable.contains(p.setting()))
                .forEach(p -> problems.add(scope == null ? p : p.inScope(scope)));
        rayRegion(b, region).ifPresent(p -> problems.add(scope == null ? p : p.inScope(scope)));
        b.warnings().forEach(w -> warnings.add(scope == null ? w : "jobs[" + scope + "]." + w));
        return problems.size() > before ? null : b.build();
    }

    /** Glue for Ray exists in a few regions only; elsewhere CreateJob would fail after staging. */
    private static java.util.Optional<Problem> rayRegion(CheckSpec.Builder b, String region) {
        GlueRules.JobTypeRules ray = GlueRules.current().jobType(JobType.GLUERAY);
        if (region == null || !b.isJobType(JobType.GLUERAY) || ray.regions().contains(region)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Problem.of(Setting.JOB_TYPE.key(), "glueray jobs exist only in "
                + String.join(", ", ray.regions()) + ", not in " + region));
    }

    private static void listInto(SettingValues v, Map<Setting, Object> m, Setting s, java.util.function.Consumer<List<String>> sink) {
        List<String> list = v.list(s, m.get(s));
        if (list != null) {
            sink.accept(list);
        }
    }

    private static AwsConnection connection(Map<Setting, Object> step, Map<String, Object> fileRun,
            Map<String, String> env, SettingValues v, List<Problem> problems, List<String> warnings) {
        AwsConnection.Builder b = AwsConnection.builder()
                .region(nonNull(v.text(Setting.REGION, first(step.get(Setting.REGION), fileRun.get("region"))),
                        nonNull(blank(env.get("AWS_REGION")), blank(env.get("AWS_DEFAULT_REGION")))))
                .endpoint(v.text(Setting.ENDPOINT, step.get(Setting.ENDPOINT)))
                .assumeRole(v.text(Setting.ASSUME_ROLE, step.get(Setting.ASSUME_ROLE)))
                .externalId(Secret.of(v.text(Setting.EXTERNAL_ID, step.get(Setting.EXTERNAL_ID))))
                .roleSessionName(v.text(Setting.ROLE_SESSION_NAME, step.get(Setting.ROLE_SESSION_NAME)));
        String accessKey = v.text(Setting.ACCESS_KEY, step.get(Setting.ACCESS_KEY));
        String secretKey = v.text(Setting.SECRET_KEY, step.get(Setting.SECRET_KEY));
        String tokenFile = v.text(Setting.WEB_IDENTITY_TOKEN_FILE, step.get(Setting.WEB_IDENTITY_TOKEN_FILE));
        if (accessKey != null || secretKey != null) {
            b.accessKey(Secret.of(accessKey)).secretKey(Secret.of(secretKey))
                    .sessionToken(Secret.of(v.text(Setting.SESSION_TOKEN, step.get(Setting.SESSION_TOKEN))));
        } else if (step.containsKey(Setting.SESSION_TOKEN)) {
            b.sessionToken(Secret.of(v.text(Setting.SESSION_TOKEN, step.get(Setting.SESSION_TOKEN))));
        } else if (tokenFile == null && blank(env.get("AWS_ACCESS_KEY_ID")) != null) {
            // Keys and token from the environment are one identity: take them together or not at all.
            b.accessKey(Secret.of(env.get("AWS_ACCESS_KEY_ID"))).secretKey(Secret.of(env.get("AWS_SECRET_ACCESS_KEY")))
                    .sessionToken(Secret.of(env.get("AWS_SESSION_TOKEN"))).credentialOrigin("environment");
        }
        if (tokenFile != null) {
            b.webIdentityTokenFile(Path.of(tokenFile));
        } else if (accessKey == null && blank(env.get("AWS_ACCESS_KEY_ID")) == null
                && blank(env.get("AWS_WEB_IDENTITY_TOKEN_FILE")) != null && blank(env.get("AWS_ROLE_ARN")) != null
                && !step.containsKey(Setting.ASSUME_ROLE)) {
            b.webIdentityTokenFile(Path.of(env.get("AWS_WEB_IDENTITY_TOKEN_FILE"))).assumeRole(env.get("AWS_ROLE_ARN"));
            if (!step.containsKey(Setting.ROLE_SESSION_NAME)) {
                b.roleSessionName(blank(env.get("AWS_ROLE_SESSION_NAME")));
            }
        }
        if (blank(env.get("AWS_PROFILE")) != null) {
            b.profile(env.get("AWS_PROFILE"));
        }
        List<Problem> connectionProblems = b.problems();
        if (!connectionProblems.isEmpty()) {
            problems.addAll(connectionProblems);
            return null;
        }
        return b.build();
    }

    private static CiContext context(Map<Setting, Object> step, CiContext.Builder detected, SettingValues v,
            List<Problem> problems) {
        CiContext.Builder b = detected;
        String repo = v.text(Setting.REPO, step.get(Setting.REPO));
        if (repo != null) {
            b.repo(repo);
        }
        String branch = v.text(Setting.BRANCH, step.get(Setting.BRANCH));
        if (branch != null) {
            b.branch(branch);
        }
        String pr = v.text(Setting.PULL_REQUEST, step.get(Setting.PULL_REQUEST));
        if (pr != null) {
            b.pullRequest(pr);
        }
        String build = v.text(Setting.BUILD_NUMBER, step.get(Setting.BUILD_NUMBER));
        if (build != null) {
            b.buildNumber(build);
        }
        String url = v.text(Setting.BUILD_URL, step.get(Setting.BUILD_URL));
        if (url != null) {
            b.buildUrl(url);
        }
        String target = v.text(Setting.TARGET_BRANCH, step.get(Setting.TARGET_BRANCH));
        if (target != null) {
            b.targetBranch(target);
        }
        String commit = v.text(Setting.COMMIT, step.get(Setting.COMMIT));
        if (commit != null) {
            b.commit(commit);
        }
        List<Problem> contextProblems = b.problems();
        if (!contextProblems.isEmpty()) {
            problems.addAll(contextProblems);
            return null;
        }
        return b.build();
    }

    private static Object first(Object a, Object b) {
        return a != null ? a : b;
    }

    private static String nonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
