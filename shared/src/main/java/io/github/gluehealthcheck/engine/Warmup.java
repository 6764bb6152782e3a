package io.github.gluehealthcheck.engine;

import io.github.gluehealthcheck.engine.aws.CallerIdentity;
import io.github.gluehealthcheck.engine.aws.SdkWarmup;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.report.Badge;
import io.github.gluehealthcheck.engine.report.JsonReport;
import io.github.gluehealthcheck.engine.report.JunitReport;
import io.github.gluehealthcheck.engine.report.MarkdownSummary;
import io.github.gluehealthcheck.engine.spec.CiContext;
import java.time.Instant;
import java.util.List;

/**
 * Start-up work done ahead of time on a second core, for a short-lived process such as the CLI: the AWS SDK's
 * code paths of a check ({@link SdkWarmup}, nothing leaves the process), then the report writers (rendered into
 * strings for a made-up result; no file is written). While it runs, the caller reads its settings; by the time the
 * check needs them, the SDK's classes are loaded and verified, and while the Glue run goes on nothing is left to
 * load for the verdict and the reports. A long-running JVM (Jenkins) has no use for it.
 */
public final class Warmup {

    private Warmup() {
    }

    /** Starts the warm-up on a low-priority daemon thread, which never holds the JVM up, and returns at once. */
    public static Thread startInBackground() {
        Thread t = new Thread(Warmup::run, "glue-health-check-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
        return t;
    }

    static void run() {
        SdkWarmup.runQuietly();
        try {
            Instant now = Instant.now();
            CheckResult check = CheckResult.builder().baseName("warmup").jobName("warmup").checkId("w").runId("jr_w")
                    .status(CheckStatus.PASSED).state("SUCCEEDED").reason("warm-up").script("s3://w/w.py")
                    .jobType("pythonshell").glueVersion("3.0").region("us-east-1").startedOn(now).completedOn(now)
                    .executionTimeSeconds(1).dpuSeconds(1.0).estimatedCostUsd(0.0).durationSeconds(1)
                    .cleanup(List.of(new CleanupStep("delete job", CleanupStep.Outcome.DONE, "warmup"))).build();
            PlanResult result = new PlanResult(CheckStatus.PASSED, List.of(check),
                    CiContext.builder().provider("local").repo("warm/up").build(),
                    new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/warmup"), null, null, now, now);
            JsonReport.render(result);
            JunitReport.render(result);
            MarkdownSummary.render(result);
            Badge.render(result);
        } catch (RuntimeException | LinkageError e) {
            // Only time is at stake.
        }
    }
}
