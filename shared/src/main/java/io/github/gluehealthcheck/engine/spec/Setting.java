package io.github.gluehealthcheck.engine.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings contract: one vocabulary for every adapter. Each setting is documented here, once; the CLI's
 * {@code --help}, the Drone settings reference and the Jenkins help files are checked against this list.
 *
 * <p>Drone reads {@code PLUGIN_<UPPER_SNAKE>}, the CLI takes {@code --kebab-case} flags, the Jenkins step takes
 * camelCase parameters; {@link #envName()}, {@link #flag()} and {@link #camelCase()} give those forms.
 */
public enum Setting {
    MODE(Scope.RUN, Kind.ENUM, "check",
            "`check` runs the health checks; `sweep` only deletes expired, orphaned health-check jobs (all repositories), and their staged scripts under the step's own `scripts_bucket` if one is given.",
            "check", "sweep"),
    SCRIPT(Scope.JOB, Kind.STRING, null,
            "Workspace path or `s3://` URI of the job script (`.py`). Required unless `config` or `jobs` lists the jobs."),
    CONFIG(Scope.RUN, Kind.STRING, null,
            "Path of a `.glue-health.yml` in the workspace listing several jobs with shared defaults."),
    JOBS(Scope.RUN, Kind.LIST_OF_MAPS, null,
            "Several jobs inline: a JSON array of objects, each with job settings (e.g. `script`, `job_type`)."),
    BASE_JOB(Scope.JOB, Kind.STRING, null,
            "Name of a deployed Glue job to copy: the temporary job takes its role, command, Glue version, workers, "
                    + "execution class, arguments, connections, security configuration, extra files and modules, "
                    + "with this script, the check's own timeout, name and tags, and job bookmarks disabled. "
                    + "Settings given override what is copied; the deployed job is only read (GetJob)."),
    PATHS(Scope.JOB, Kind.LIST, null,
            "Files the job depends on besides its script (e.g. shared libraries): globs relative to the workspace "
                    + "(`*` within a directory, `**` across directories, `?` one character, a trailing `/` for a whole "
                    + "directory). With `changed_only`, a change to any of them checks the job."),
    REUSE_PASSED(Scope.JOB, Kind.DURATION, "off",
            "Reuse a pass of the very same check (script content, job definition, arguments, engine major version) "
                    + "recorded within this long, e.g. `7d`, `12h`, instead of running it again; `off` runs every "
                    + "check. In `.glue-health.yml` it can only shorten or turn off what the pipeline allows."),
    JOB_NAME(Scope.JOB, Kind.STRING, "from the script file name",
            "Base name of the temporary job; the full name adds prefix, repository, PR, build and a check id."),
    JOB_TYPE(Scope.JOB, Kind.ENUM, "glueetl", "Glue job command.", "glueetl", "pythonshell", "glueray"),
    GLUE_VERSION(Scope.JOB, Kind.STRING, "5.1 (3.0 for pythonshell, 4.0 for glueray)", "Glue version."),
    WORKER_TYPE(Scope.JOB, Kind.STRING, "G.1X (Z.2X for glueray)",
            "Worker type for Spark and Ray jobs; any Glue worker type, e.g. G.1X, G.2X, G.12X, R.1X."),
    NUMBER_OF_WORKERS(Scope.JOB, Kind.INTEGER, "2", "Number of workers for Spark and Ray jobs."),
    MAX_CAPACITY(Scope.JOB, Kind.DECIMAL, "0.0625", "Python shell DPU: 0.0625 or 1."),
    EXECUTION_CLASS(Scope.JOB, Kind.ENUM, "STANDARD",
            "`FLEX` is cheaper but may queue; only glueetl, Glue 3.0+, G.1X or G.2X.", "STANDARD", "FLEX"),
    TIMEOUT(Scope.JOB, Kind.MINUTES, "10", "Glue run timeout in minutes (Glue stops the run after it)."),
    MAX_WAIT(Scope.JOB, Kind.DURATION, "timeout + 10 (+ 20 for FLEX)",
            "Overall deadline including queueing, in minutes (or with a unit: `90s`, `15m`, `1h`); "
                    + "the run is stopped and the check fails after it."),
    ARGUMENTS(Scope.JOB, Kind.MAP, null,
            "Job arguments: a JSON object or a `k=v` list. Keys get a leading `--` if missing."),
    SECRET_ARGUMENTS(Scope.JOB, Kind.LIST, null,
            "Names of `arguments` whose values are secret: masked in every output, report and log line we print "
                    + "(the forms masked: docs/security.md)."),
    HEALTH_CHECK_ARGUMENT(Scope.JOB, Kind.STRING, "--health_check=true",
            "Argument added to the run so the job limits itself; empty to add none."),
    ROLE(Scope.JOB, Kind.STRING, null, "IAM role (ARN or name) the Glue job runs as. Required on AWS."),
    SCRIPTS_BUCKET(Scope.JOB, Kind.STRING, null,
            "`s3://bucket[/prefix]` where workspace scripts are staged. Required for workspace scripts on AWS."),
    TEMP_DIR(Scope.JOB, Kind.STRING, null, "`s3://` URI passed as `--TempDir`."),
    EXTRA_PY_FILES(Scope.JOB, Kind.LIST, null, "`s3://` URIs passed as `--extra-py-files`."),
    EXTRA_JARS(Scope.JOB, Kind.LIST, null, "`s3://` URIs passed as `--extra-jars`."),
    ADDITIONAL_PYTHON_MODULES(Scope.JOB, Kind.LIST, null,
            "Python modules passed as `--additional-python-modules`, e.g. `pyarrow==14.0.1`."),
    CONNECTIONS(Scope.JOB, Kind.LIST, null, "Glue connection names the job uses."),
    SECURITY_CONFIGURATION(Scope.JOB, Kind.STRING, null, "Glue security configuration name."),
    TAGS(Scope.JOB, Kind.MAP, null, "Extra tags for the temporary job: a JSON object or a `k=v` list."),
    KEEP_JOB(Scope.JOB, Kind.ENUM, "never",
            "Keep the temporary job (and its staged script) for debugging: `never`, `on_failure`, `always`. "
                    + "A kept job is still deleted by the sweeper once it expires.",
            "never", "on_failure", "always"),
    NAME_PREFIX(Scope.RUN, Kind.STRING, "glue-health-check",
            "Prefix of every temporary job's name; the Terraform CI policy grants access to jobs with this prefix only."),
    REGION(Scope.RUN, Kind.STRING, "AWS chain (AWS_REGION, AWS_DEFAULT_REGION, profile)", "AWS region."),
    ENDPOINT(Scope.RUN, Kind.STRING, null,
            "Endpoint override for every AWS service (e.g. `http://127.0.0.1:4566`); `local` runs the embedded local endpoint."),
    ACCESS_KEY(Scope.CREDENTIAL, Kind.SECRET, "default chain", "AWS access key id."),
    SECRET_KEY(Scope.CREDENTIAL, Kind.SECRET, "default chain", "AWS secret access key."),
    SESSION_TOKEN(Scope.CREDENTIAL, Kind.SECRET, null, "AWS session token, with temporary keys."),
    ASSUME_ROLE(Scope.CREDENTIAL, Kind.STRING, null,
            "ARN of a role to assume for the check (with `web_identity_token_file`: the role to assume with that token)."),
    EXTERNAL_ID(Scope.CREDENTIAL, Kind.SECRET, null, "External id for `assume_role`."),
    ROLE_SESSION_NAME(Scope.CREDENTIAL, Kind.STRING, "glue-health-check-<build>", "Session name for `assume_role`."),
    WEB_IDENTITY_TOKEN_FILE(Scope.CREDENTIAL, Kind.STRING, null,
            "Path of an OIDC token file to assume `assume_role` with (EKS pod identity, CI OIDC)."),
    PARALLELISM(Scope.RUN, Kind.INTEGER, "4", "How many jobs are checked at once when there are several."),
    STATUS_READS_PER_SECOND(Scope.RUN, Kind.INTEGER, "5",
            "Most run-state reads (`GetJobRun`) a second for the whole step, 1 to 100, shared between its runs (the "
                    + "longest-waiting first) so that many jobs at once stay within the account's Glue API rate. A "
                    + "single job is read at its own pace (at most once a second in its first two minutes), which any "
                    + "value allows; a `.glue-health.yml` cannot set it."),
    SWEEP(Scope.RUN, Kind.BOOLEAN, "true",
            "Before checking, delete this repository's expired health-check jobs that a killed build left behind."),
    REPORT_DIR(Scope.RUN, Kind.STRING, "glue-health-check", "Where reports are written: a directory inside the workspace, relative to it."),
    CHANGED_ONLY(Scope.RUN, Kind.BOOLEAN, "false",
            "In a pull request, check only the jobs whose script (a workspace file) or one of whose `paths` changed "
                    + "between the merge base with `target_branch` and the commit under test (git in the workspace); "
                    + "the others are reported as skipped. Off a pull request, or when git cannot tell (shallow clone, "
                    + "no git), every job is checked."),
    DRY_RUN(Scope.RUN, Kind.BOOLEAN, "false", "Validate and print the plan; touch nothing."),
    LOG_LEVEL(Scope.RUN, Kind.ENUM, "info", "`info` or `debug` (debug never prints a secret).", "info", "debug"),
    WORKSPACE(Scope.RUN, Kind.STRING, "DRONE_WORKSPACE, CI_WORKSPACE or the current directory",
            "Root that workspace script paths, `config` and `report_dir` are relative to."),
    REPO(Scope.CONTEXT, Kind.STRING, "DRONE_REPO, CI_REPO, or the git remote", "Repository (owner/name) the check belongs to."),
    BRANCH(Scope.CONTEXT, Kind.STRING, "DRONE_BRANCH, CI_COMMIT_BRANCH, or git", "Branch."),
    PULL_REQUEST(Scope.CONTEXT, Kind.STRING, "DRONE_PULL_REQUEST, CI_COMMIT_PULL_REQUEST", "Pull request number."),
    TARGET_BRANCH(Scope.CONTEXT, Kind.STRING, "DRONE_TARGET_BRANCH, CI_COMMIT_TARGET_BRANCH",
            "Branch the pull request goes into: `changed_only` compares with its merge base."),
    BUILD_NUMBER(Scope.CONTEXT, Kind.STRING, "DRONE_BUILD_NUMBER, CI_PIPELINE_NUMBER", "Build number."),
    BUILD_URL(Scope.CONTEXT, Kind.STRING, "DRONE_BUILD_LINK, CI_PIPELINE_URL", "Link to the build."),
    COMMIT(Scope.CONTEXT, Kind.STRING, "DRONE_COMMIT_SHA, CI_COMMIT_SHA, or git", "Commit SHA.");

    /** Where a setting applies. */
    public enum Scope {
        /** Per job: may differ between the jobs of one step (config file, {@code jobs} list). */
        JOB,
        /** The whole step. */
        RUN,
        /** Who we are on AWS; never allowed in a config file, never printed. */
        CREDENTIAL,
        /** Which build the check belongs to; usually detected from the CI. */
        CONTEXT
    }

    /** How a setting's text is read. */
    public enum Kind {
        STRING, INTEGER, DECIMAL, BOOLEAN, ENUM, MINUTES, DURATION, LIST, MAP, LIST_OF_MAPS, SECRET
    }

    private final Scope scope;
    private final Kind kind;
    private final String defaultValue;
    private final String description;
    private final List<String> allowed;

    Setting(Scope scope, Kind kind, String defaultValue, String description, String... allowed) {
        this.scope = scope;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.description = description;
        this.allowed = List.of(allowed);
    }

    /** The snake_case name, as in {@code scripts_bucket}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Drone's environment name, as in {@code PLUGIN_SCRIPTS_BUCKET}. */
    public String envName() {
        return "PLUGIN_" + name();
    }

    /** The CLI flag, as in {@code --scripts-bucket}. */
    public String flag() {
        return "--" + key().replace('_', '-');
    }

    /** The Jenkins step parameter, as in {@code scriptsBucket}. */
    public String camelCase() {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : key().toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    public Scope scope() {
        return scope;
    }

    public Kind kind() {
        return kind;
    }

    /** The default as users read it, or null when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** For {@link Kind#ENUM}: the allowed values. */
    public List<String> allowed() {
        return allowed;
    }

    public boolean isSecret() {
        return kind == Kind.SECRET;
    }

    /** Finds a setting by its snake_case, kebab-case or camelCase name. */
    public static Optional<Setting> byName(String name) {
        String n = name.trim();
        return Arrays.stream(values())
                .filter(s -> s.key().equals(n) || s.key().replace('_', '-').equals(n) || s.camelCase().equals(n)
                        || s.key().equalsIgnoreCase(n))
                .findFirst();
    }
}
