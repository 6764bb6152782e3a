package io.github.gluehealthcheck.engine.glue;

import io.github.gluehealthcheck.engine.spec.BaseJobCopy;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.GlueRules;
import io.github.gluehealthcheck.engine.spec.JobType;
import io.github.gluehealthcheck.engine.spec.S3Uri;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.JobCommand;

/**
 * Turns a check specification into the temporary job's CreateJob request: the user's shape and arguments,
 * plus cheap explicit limits (a short Timeout, no retries, one run at a time) and our tags.
 */
public final class JobDefinition {

    private JobDefinition() {
    }

    public static CreateJobRequest createJobRequest(CheckSpec spec, String jobName, S3Uri script, String description,
            Map<String, String> ownershipTags) {
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        tags.putAll(ownershipTags);
        CreateJobRequest.Builder b = CreateJobRequest.builder()
                .name(jobName)
                .description(description)
                .role(spec.role())
                .command(command(spec, script))
                .defaultArguments(defaultArguments(spec))
                .glueVersion(spec.glueVersion())
                .timeout(spec.timeoutMinutes())
                .maxRetries(0)
                // One run at a time: a duplicated StartJobRun (a retry after a lost answer) is refused by Glue
                // instead of starting a second, billed run.
                .executionProperty(p -> p.maxConcurrentRuns(1))
                .tags(tags);
        // The model documents ExecutionClass for Spark jobs only; Python shell and Ray jobs get none.
        if (!GlueRules.current().jobType(spec.jobType()).executionClasses().isEmpty()) {
            b.executionClass(spec.executionClass().name());
        }
        if (spec.jobType() == JobType.PYTHONSHELL) {
            b.maxCapacity(spec.maxCapacity());
        } else {
            b.workerType(spec.workerType()).numberOfWorkers(spec.numberOfWorkers());
        }
        if (!spec.connections().isEmpty()) {
            b.connections(c -> c.connections(spec.connections()));
        }
        if (spec.securityConfiguration() != null) {
            b.securityConfiguration(spec.securityConfiguration());
        }
        BaseJobCopy base = spec.baseJobCopy();
        if (base != null) {
            if (!base.nonOverridableArguments().isEmpty()) {
                b.nonOverridableArguments(base.nonOverridableArguments());
            }
            if (base.notifyDelayAfterMinutes() != null) {
                b.notificationProperty(n -> n.notifyDelayAfter(base.notifyDelayAfterMinutes()));
            }
        }
        return b.build();
    }

    /**
     * The arguments StartJobRun adds for this run: the values of {@code secret_arguments}, and the health-check
     * marker. Secrets go only on the run: a job's DefaultArguments can be read with glue:GetJob(s) for as long as
     * the job lives (for good with {@code keep_job}); a run's Arguments only with glue:GetJobRun(s) on that run.
     */
    public static Map<String, String> runArguments(CheckSpec spec) {
        Map<String, String> args = new LinkedHashMap<>();
        spec.arguments().forEach((k, v) -> {
            if (spec.secretArguments().contains(k)) {
                args.put(k, v);
            }
        });
        String marker = spec.healthCheckArgument();
        if (!marker.isEmpty()) {
            int eq = marker.indexOf('=');
            args.put(marker.substring(0, eq), marker.substring(eq + 1));
        }
        return args;
    }

    static JobCommand command(CheckSpec spec, S3Uri script) {
        GlueRules.JobTypeRules rules = GlueRules.current().jobType(spec.jobType());
        JobCommand.Builder c = JobCommand.builder().name(spec.jobType().value()).scriptLocation(script.toString())
                .pythonVersion(rules.pythonVersions().get(0));
        if (!rules.runtimes().isEmpty()) {
            c.runtime(rules.runtimes().get(0));
        }
        // A copied job keeps its deployed command's Python version and runtime when it runs the same command.
        BaseJobCopy base = spec.baseJobCopy();
        if (base != null && !base.overridden().contains("job_type")) {
            if (base.pythonVersion() != null) {
                c.pythonVersion(base.pythonVersion());
            }
            if (base.runtime() != null) {
                c.runtime(base.runtime());
            }
        }
        return c.build();
    }

    /** The job's DefaultArguments: the user's, the settings that are arguments, and what the engine adds. */
    public static Map<String, String> defaultArguments(CheckSpec spec) {
        Map<String, String> args = new LinkedHashMap<>(spec.arguments());
        args.keySet().removeAll(spec.secretArguments());
        if (spec.tempDir() != null) {
            args.put("--TempDir", spec.tempDir().toString());
        }
        if (!spec.extraPyFiles().isEmpty()) {
            args.put("--extra-py-files", spec.extraPyFiles().stream().map(S3Uri::toString).collect(Collectors.joining(",")));
        }
        if (!spec.extraJars().isEmpty()) {
            args.put("--extra-jars", spec.extraJars().stream().map(S3Uri::toString).collect(Collectors.joining(",")));
        }
        if (!spec.additionalPythonModules().isEmpty()) {
            args.put("--additional-python-modules", String.join(",", spec.additionalPythonModules()));
        }
        if (spec.jobType() == JobType.GLUEETL) {
            args.putIfAbsent("--job-language", "python");
            // Before Glue 5.0, driver logs reach CloudWatch while the job runs only with continuous logging.
            if (new BigDecimal(spec.glueVersion()).compareTo(new BigDecimal("5.0")) < 0) {
                args.putIfAbsent("--enable-continuous-cloudwatch-log", "true");
            }
        }
        return args;
    }
}
