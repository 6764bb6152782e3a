package io.github.gluehealthcheck.engine.settings;

import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.plan.HealthCheckPlan;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.S3Uri;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a step asked for, read and validated: the jobs, how to reach AWS, which build this is, and how to
 * run. Adapters build it with {@link SettingsReader} and hand it to the engine.
 *
 * @param mode        check or sweep
 * @param checks      the jobs (empty in sweep mode)
 * @param connection  region, endpoint, credentials
 * @param context     the build
 * @param parallelism checks at once
 * @param sweep       sweep this repository's expired jobs first
 * @param reportDir   absolute directory for reports
 * @param dryRun      print the plan, touch nothing
 * @param debug       log_level debug
 * @param namePrefix  job name prefix
 * @param workspace   absolute workspace root
 * @param warnings    things worth saying that are not errors (unknown settings, fallbacks used)
 * @param statusReadsPerSecond the plan's status-read budget ({@code status_reads_per_second})
 * @param sweepScriptsBuckets {@code mode: sweep} only: the pipeline's own {@code scripts_bucket}, under which the
 *                    sweep deletes an expired job's staged script (in that job's repository's part); never from the
 *                    repository's config file, which a pull request can change. Empty: scripts are left to the
 *                    bucket's lifecycle rule
 * @param changedOnly check only the jobs a pull request changed ({@code changed_only})
 * @param configFile  the {@code config} file, relative to the workspace, or null
 * @param skipped     jobs not to check, by base name, with the reason (what {@code changed_only} decided)
 */
public record HealthCheckRequest(Mode mode, List<CheckSpec> checks, AwsConnection connection, CiContext context,
        int parallelism, boolean sweep, Path reportDir, boolean dryRun, boolean debug, String namePrefix, Path workspace,
        List<String> warnings, int statusReadsPerSecond, List<S3Uri> sweepScriptsBuckets, boolean changedOnly,
        String configFile, Map<String, String> skipped) {

    /** What a step does. */
    public enum Mode {
        CHECK, SWEEP
    }

    public HealthCheckRequest {
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
        sweepScriptsBuckets = sweepScriptsBuckets == null ? List.of() : List.copyOf(sweepScriptsBuckets);
        skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** The request with other checks (base jobs resolved); everything else stays. */
    public HealthCheckRequest withChecks(List<CheckSpec> newChecks) {
        return new HealthCheckRequest(mode, newChecks, connection, context, parallelism, sweep, reportDir, dryRun, debug,
                namePrefix, workspace, warnings, statusReadsPerSecond, sweepScriptsBuckets, changedOnly, configFile,
                skipped);
    }

    /** The same request, with these jobs (by base name) reported as skipped, with their reasons, instead of checked. */
    public HealthCheckRequest withSkipped(Map<String, String> skip) {
        return new HealthCheckRequest(mode, checks, connection, context, parallelism, sweep, reportDir, dryRun, debug,
                namePrefix, workspace, warnings, statusReadsPerSecond, sweepScriptsBuckets, changedOnly, configFile,
                skip);
    }

    /** The checks that will run: all but the skipped ones. */
    public List<CheckSpec> checked() {
        return checks.stream().filter(c -> !skipped.containsKey(c.jobName())).toList();
    }

    public HealthCheckPlan plan() {
        return new HealthCheckPlan(checks, context, parallelism, sweep, namePrefix, skipped);
    }

    /** The same request reaching AWS through {@code other} (a Jenkins credential's web identity token added). */
    public HealthCheckRequest withConnection(AwsConnection other) {
        return new HealthCheckRequest(mode, checks, other, context, parallelism, sweep, reportDir, dryRun, debug,
                namePrefix, workspace, warnings, statusReadsPerSecond, sweepScriptsBuckets, changedOnly, configFile,
                skipped);
    }

    /** Masks every secret this request holds: credentials and secret job arguments. */
    public Redactor redactor() {
        List<String> secrets = new ArrayList<>(connection.secretValues());
        checks.forEach(c -> secrets.addAll(c.secretValues()));
        return Redactor.of(secrets);
    }
}
