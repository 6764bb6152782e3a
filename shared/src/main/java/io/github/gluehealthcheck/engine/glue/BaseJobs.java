package io.github.gluehealthcheck.engine.glue;

import io.github.gluehealthcheck.engine.Cancellation;
import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.aws.AwsFailure;
import io.github.gluehealthcheck.engine.aws.Retrying;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.DeployedJob;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import io.github.gluehealthcheck.engine.spec.Problem;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Job;

/**
 * {@code base_job}: reads each deployed job named (GetJob, nothing else: the deployed job is never changed) and
 * makes the check's spec a copy of its definition, through the same rules as any settings.
 */
public final class BaseJobs {

    /** AWS refused or failed to read a base job: the check cannot be carried out (not a settings problem). */
    public static final class UnreadableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableException(String message) {
            super(message, null, false, false);
        }
    }

    private BaseJobs() {
    }

    /**
     * The specs with every {@code base_job} applied; specs without one are returned as they are.
     *
     * @throws InvalidSettingsException every base job that does not exist or whose copy breaks a rule
     * @throws UnreadableException when AWS refused a read (permissions, throttling, unreachable)
     */
    public static List<CheckSpec> resolve(GlueClient glue, String region, List<CheckSpec> specs, Redactor redactor) {
        return resolve(glue, region, specs, redactor, Supplier::get);
    }

    /**
     * As {@link #resolve(GlueClient, String, List, Redactor)}, asking again within the engine's step budget when a
     * read fails for a passing reason (throttling, 5xx, a reset or an outage), as every other step of a check does.
     */
    public static List<CheckSpec> resolve(GlueClient glue, String region, List<CheckSpec> specs, EngineOptions options) {
        Retrying retrying = new Retrying(options.clock(), options.retryBase(), options.retryCap(), new Cancellation()::sleep);
        return resolve(glue, region, specs, options.redactor(), read -> retrying.call(read, Retrying::isTransient,
                options.clock().instant().plus(options.stepRetryBudget()), () -> false, (e, n, w) -> { }));
    }

    private static List<CheckSpec> resolve(GlueClient glue, String region, List<CheckSpec> specs, Redactor redactor,
            Function<Supplier<Job>, Job> reading) {
        List<CheckSpec> resolved = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (CheckSpec spec : specs) {
            if (!spec.needsBaseJob()) {
                resolved.add(spec);
                continue;
            }
            Job job;
            try {
                job = reading.apply(() -> glue.getJob(b -> b.jobName(spec.baseJob())).job());
            } catch (RuntimeException e) {
                AwsFailure f = AwsFailure.of(e);
                if (f.kind() == AwsFailure.Kind.NOT_FOUND) {
                    problems.add(Problem.of(Setting.BASE_JOB.key(), "'" + spec.baseJob()
                            + "' is not a Glue job in " + region + " (GetJob found none); name a deployed job")
                            .inScope(spec.jobName()));
                    continue;
                }
                throw new UnreadableException("base_job: could not read the deployed job '" + spec.baseJob() + "': "
                        + redactor.mask(f.message()));
            }
            try {
                resolved.add(spec.toBuilder().basedOn(deployed(job)).build());
            } catch (InvalidSettingsException e) {
                e.problems().forEach(p -> problems.add(Problem.of(Setting.BASE_JOB.key(),
                        p.setting().equals(Setting.BASE_JOB.key()) ? p.message()
                                : "'" + spec.baseJob() + "' cannot be copied: " + p.setting() + " " + p.message())
                        .inScope(spec.jobName())));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return resolved;
    }

    static DeployedJob deployed(Job j) {
        return new DeployedJob(j.name(), j.role(),
                j.command() == null ? null : j.command().name(),
                j.command() == null ? null : j.command().pythonVersion(),
                j.command() == null ? null : j.command().runtime(),
                j.glueVersion(), j.workerTypeAsString(), j.numberOfWorkers(), j.maxCapacity(),
                j.executionClassAsString(),
                j.hasDefaultArguments() ? j.defaultArguments() : java.util.Map.of(),
                j.hasNonOverridableArguments() ? j.nonOverridableArguments() : java.util.Map.of(),
                j.connections() != null && j.connections().hasConnections() ? j.connections().connections() : List.of(),
                j.securityConfiguration(),
                j.notificationProperty() == null ? null : j.notificationProperty().notifyDelayAfter());
    }
}
