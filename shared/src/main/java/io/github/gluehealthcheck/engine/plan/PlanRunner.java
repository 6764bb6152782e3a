package io.github.gluehealthcheck.engine.plan;

import io.github.gluehealthcheck.engine.Cancellation;
import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckSetupException;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.HealthCheck;
import io.github.gluehealthcheck.engine.Phase;
import io.github.gluehealthcheck.engine.ProgressListener;
import io.github.gluehealthcheck.engine.aws.AwsClients;
import io.github.gluehealthcheck.engine.aws.CallerIdentity;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.sweep.SweepResult;
import io.github.gluehealthcheck.engine.sweep.Sweeper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a plan: confirms the identity once, sweeps this repository's expired leftovers, then checks the jobs with
 * at most {@code parallelism} running at once, and gives one overall verdict.
 */
public final class PlanRunner {
    private final AwsClients aws;
    private final EngineOptions options;
    private final HealthCheck check;

    public PlanRunner(AwsClients aws, EngineOptions options) {
        this.aws = aws;
        this.options = options;
        this.check = new HealthCheck(aws, options);
    }

    public HealthCheck healthCheck() {
        return check;
    }

    public PlanResult run(HealthCheckPlan plan, ProgressListener listener, Cancellation cancellation) {
        Instant startedAt = options.clock().instant();
        listener.phase(null, Phase.PREFLIGHT, "credentials: " + aws.credentialSource() + ", region " + aws.region());
        CallerIdentity identity;
        try {
            identity = check.preflight();
            listener.phase(null, Phase.PREFLIGHT, "running as " + identity.arn());
        } catch (CheckSetupException e) {
            List<CheckResult> none = plan.checks().stream().map(s -> notRun(s, e.getMessage())).toList();
            return new PlanResult(CheckStatus.ERROR, none, plan.context(), null, null, e.getMessage(), startedAt,
                    options.clock().instant());
        }
        SweepResult sweep = null;
        if (plan.sweepFirst() && !cancellation.isCancelled()) {
            listener.phase(null, Phase.SWEEP, "expired health-check jobs of " + plan.context().repo());
            sweep = new Sweeper(aws, options).sweep(new Sweeper.Scope(plan.namePrefix(), plan.context().repo(), false),
                    identity.account(), note -> listener.phase(null, Phase.SWEEP, note));
            if (sweep.error() != null) {
                listener.warning(null, "sweep skipped: " + sweep.error());
            } else {
                listener.phase(null, Phase.SWEEP, sweep.examined() + " job(s) of this repository found, "
                        + sweep.deleted() + " expired deleted" + (sweep.failed() > 0 ? ", " + sweep.failed() + " failed" : ""));
            }
        }
        List<CheckResult> results = runChecks(plan, listener, cancellation);
        CheckStatus status = cancellation.isCancelled() ? CheckStatus.CANCELLED
                : CheckStatus.overall(results.stream().map(CheckResult::status).toList());
        return new PlanResult(status, results, plan.context(), identity, sweep, null, startedAt, options.clock().instant());
    }

    private List<CheckResult> runChecks(HealthCheckPlan plan, ProgressListener listener, Cancellation cancellation) {
        if (plan.checks().size() == 1) {
            return List.of(check.run(plan.checks().get(0), plan.context(), listener, cancellation));
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(plan.parallelism(), plan.checks().size()), r -> {
            Thread t = new Thread(r, "glue-health-check-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CheckResult>> futures = new ArrayList<>();
            for (CheckSpec spec : plan.checks()) {
                futures.add(pool.submit(() -> cancellation.isCancelled()
                        ? notRun(spec, "cancelled (" + cancellation.reason() + ") before it started").toBuilder()
                                .status(CheckStatus.CANCELLED).build()
                        : check.run(spec, plan.context(), listener, cancellation)));
            }
            List<CheckResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), plan.checks().get(i)));
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private static CheckResult await(Future<CheckResult> future, CheckSpec spec) {
        while (true) {
            try {
                return future.get();
            } catch (InterruptedException e) {
                // Keep waiting: the check itself notices the cancellation and cleans up; abandoning it here would
                // report before cleanup ended.
                Thread.interrupted();
            } catch (ExecutionException e) {
                return notRun(spec, "internal error: " + e.getCause().getClass().getName());
            }
        }
    }

    private static CheckResult notRun(CheckSpec spec, String why) {
        return CheckResult.builder().baseName(spec.jobName()).status(CheckStatus.ERROR).reason(why)
                .script(spec.script().toString()).jobType(spec.jobType().value()).glueVersion(spec.glueVersion())
                .build();
    }
}
