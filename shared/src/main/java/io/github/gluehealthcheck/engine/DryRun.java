package io.github.gluehealthcheck.engine;

import io.github.gluehealthcheck.engine.glue.JobDefinition;
import io.github.gluehealthcheck.engine.glue.JobNames;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.ScriptSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code dry_run}: what a request would do, as lines to print, without a single AWS call. Secret argument values
 * show as {@code ****}; credentials show only where they come from.
 */
public final class DryRun {
    static final String CHECK_ID = "<check-id>";

    private DryRun() {
    }

    public static List<String> describe(HealthCheckRequest request) {
        List<String> lines = new ArrayList<>();
        lines.add("dry run: nothing is created, started or deleted");
        lines.add("build: " + request.context());
        lines.add("AWS: region " + request.connection().region().orElse("from the AWS chain")
                + request.connection().endpoint().map(e -> ", endpoint " + e).orElse("")
                + ", credentials: " + request.connection().credentialSource());
        if (request.mode() == HealthCheckRequest.Mode.SWEEP) {
            lines.add("sweep: delete expired health-check jobs named " + request.namePrefix() + "-* of every repository");
            lines.add("AWS calls: sts:GetCallerIdentity, glue:ListJobs, then per expired job glue:GetTags, glue:GetJobRuns, "
                    + "glue:BatchStopJobRun (active runs), glue:DeleteJob, s3:DeleteObject (its staged script)");
            return lines;
        }
        lines.add(request.checks().size() + " job(s), " + Math.min(request.parallelism(), request.checks().size())
                + " at a time" + (request.sweep() ? "; first, this repository's expired health-check jobs are swept" : ""));
        for (CheckSpec spec : request.checks()) {
            lines.add("job " + spec.jobName() + ": " + JobNames.jobName(spec.namePrefix(), spec.jobName(), request.context(), CHECK_ID));
            boolean staged = spec.script() instanceof ScriptSource.InWorkspace;
            lines.add("  script: " + spec.script() + (staged ? " staged under " + spec.scriptsBucket() + "/..." : " (checked with HeadObject)"));
            lines.add("  " + spec.jobType() + " on Glue " + spec.glueVersion() + ", "
                    + (spec.workerType() != null ? spec.numberOfWorkers() + " x " + spec.workerType() : spec.maxCapacity() + " DPU")
                    + ", " + spec.executionClass() + ", timeout " + spec.timeoutMinutes() + " min, max_wait "
                    + HealthCheck.describe(spec.maxWait()) + ", keep_job " + spec.keepJob());
            if (spec.baseJob() != null) {
                // A dry run touches nothing, so the deployed job is not read: its settings are not shown here.
                lines.add("  base_job: " + spec.baseJob() + " (read with GetJob when the check runs; settings above "
                        + "that were not given come from it)");
            }
            lines.add("  role: " + (spec.role() != null ? spec.role() : "the base job's"));
            Map<String, String> args = spec.displayArguments();
            lines.add("  arguments: " + (args.isEmpty() ? "none" : args)
                    + "; run argument: " + (JobDefinition.runArguments(spec).isEmpty() ? "none" : spec.healthCheckArgument()));
            if (!spec.tags().isEmpty()) {
                lines.add("  tags: " + spec.tags());
            }
            lines.add("  AWS calls: " + (staged ? "glue:CreateJob, s3:PutObject" : "s3:HeadObject, glue:CreateJob")
                    + ", glue:StartJobRun, glue:GetJobRun (adaptive polling), logs:FilterLogEvents, "
                    + (staged ? "s3:DeleteObject, " : "") + "glue:DeleteJob");
        }
        return lines;
    }
}
