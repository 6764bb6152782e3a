package io.github.gluehealthcheck.janitor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.HealthCheck;
import io.github.gluehealthcheck.engine.aws.AwsClients;
import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.aws.CallerIdentity;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.sweep.SweepResult;
import io.github.gluehealthcheck.engine.sweep.Sweeper;
import io.github.gluehealthcheck.engine.sweep.SweptJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The janitor Lambda: runs the engine's sweeper over every repository's expired health-check jobs, on the schedule
 * the Terraform module sets. Configured by environment: {@code GLUE_HEALTH_CHECK_NAME_PREFIX} (default
 * {@code glue-health-check}) and {@code GLUE_HEALTH_CHECK_DRY_RUN} ({@code true} lists what would be deleted).
 * Staged scripts are left to the bucket's lifecycle rule: the janitor's role has no S3 permission.
 *
 * <p>It returns a summary (also logged) and fails the invocation when a job could not be deleted, so the
 * module's error alarm fires.
 */
public final class JanitorHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final String PREFIX_VARIABLE = "GLUE_HEALTH_CHECK_NAME_PREFIX";
    static final String DRY_RUN_VARIABLE = "GLUE_HEALTH_CHECK_DRY_RUN";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private final Map<String, String> environment;
    private final AwsConnection connection;

    /** What Lambda calls: configuration from the function's environment, credentials from its role. */
    public JanitorHandler() {
        this(System.getenv(), AwsConnection.builder().build());
    }

    JanitorHandler(Map<String, String> environment, AwsConnection connection) {
        this.environment = environment;
        this.connection = connection;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Consumer<String> log = context == null || context.getLogger() == null ? System.out::println
                : line -> context.getLogger().log(line + "\n");
        String prefix = environment.getOrDefault(PREFIX_VARIABLE, CheckSpec.DEFAULT_NAME_PREFIX);
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(PREFIX_VARIABLE + ": '" + prefix
                    + "' must start with a letter and have 1-64 letters, digits, '-' or '_'");
        }
        boolean dryRun = Boolean.parseBoolean(environment.getOrDefault(DRY_RUN_VARIABLE, "false"));
        EngineOptions options = EngineOptions.defaults();
        // Only Glue (and STS for the preflight) is used; the package carries no other SDK client.
        try (AwsClients aws = AwsClients.builder(connection).buildClientsOnFirstUse().build()) {
            CallerIdentity identity = new HealthCheck(aws, options).preflight();
            log.accept("sweeping expired " + prefix + "-* jobs in account " + identity.account() + ", region "
                    + aws.region() + (dryRun ? " (dry run)" : ""));
            SweepResult result = new Sweeper(aws, options).sweep(scope(prefix, dryRun), identity.account(), log);
            Map<String, Object> summary = summary(result, dryRun);
            log.accept("summary: " + summary);
            if (result.error() != null) {
                throw new IllegalStateException("sweep failed: " + result.error());
            }
            if (result.failed() > 0) {
                throw new IllegalStateException(result.failed() + " expired job(s) could not be deleted; see the log above");
            }
            return summary;
        }
    }

    /** Every repository's jobs; staged scripts are left to the bucket's lifecycle rule (no S3 permission). */
    static Sweeper.Scope scope(String prefix, boolean dryRun) {
        return new Sweeper.Scope(prefix, null, dryRun, false);
    }

    static Map<String, Object> summary(SweepResult result, boolean dryRun) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("dryRun", dryRun);
        summary.put("examined", result.examined());
        summary.put("deleted", result.deleted());
        summary.put("failed", result.failed());
        List<Map<String, String>> jobs = new ArrayList<>();
        for (SweptJob j : result.swept()) {
            Map<String, String> job = new LinkedHashMap<>();
            job.put("jobName", j.jobName());
            job.put("repo", j.repo());
            job.put("outcome", j.outcome().name());
            job.put("detail", j.detail());
            jobs.add(job);
        }
        summary.put("jobs", jobs);
        return summary;
    }
}
