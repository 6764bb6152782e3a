package io.github.gluehealthcheck.drone;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.CleanupStep;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.spec.CiContext;
import java.time.Instant;
import java.util.List;

/** Plan results as the engine gives them, for tests of what the adapter renders. */
final class Plans {
    static final CiContext CONTEXT = CiContext.builder().provider("drone").repo("data/etl").branch("fix-orders")
            .pullRequest("12").buildNumber("7").buildUrl("https://drone.example.com/data/etl/7")
            .commit("4f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39").build();

    private Plans() {
    }

    static CheckResult passed(String name) {
        return CheckResult.builder().baseName(name).jobName("glue-health-check-" + name + "-etl-pr12-b7-0a1b2c3d")
                .runId("jr_" + name).status(CheckStatus.PASSED).state("SUCCEEDED").reason("the job succeeded")
                .durationSeconds(42.5).estimatedCostUsd(0.0147).dpuSeconds(120.0)
                .consoleUrl("https://console.aws.amazon.com/gluestudio/home#/job/" + name)
                .logsUrl("https://console.aws.amazon.com/cloudwatch/home#logs/" + name)
                .addCleanup(new CleanupStep("delete job", CleanupStep.Outcome.DONE, name)).build();
    }

    static CheckResult failed(String name, String error) {
        return CheckResult.builder().baseName(name).jobName("glue-health-check-" + name + "-etl-pr12-b7-0a1b2c3e")
                .runId("jr_" + name).status(CheckStatus.FAILED).state("FAILED").reason("the job failed")
                .errorMessage(error).durationSeconds(30.0).estimatedCostUsd(0.0005)
                .consoleUrl("https://console.aws.amazon.com/gluestudio/home#/job/" + name)
                .logsUrl("https://console.aws.amazon.com/cloudwatch/home#logs/" + name)
                .lastErrorLines(List.of("KeyError: 'total'")).build();
    }

    static PlanResult of(CheckStatus status, CheckResult... checks) {
        return new PlanResult(status, List.of(checks), CONTEXT, null, null, null, Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-01T10:01:00Z"));
    }
}
