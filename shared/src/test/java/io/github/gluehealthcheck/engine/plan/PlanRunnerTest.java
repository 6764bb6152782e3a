package io.github.gluehealthcheck.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.Cancellation;
import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.LocalAws;
import io.github.gluehealthcheck.engine.ProgressListener;
import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import io.github.gluehealthcheck.engine.local.LocalState;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlanRunnerTest {
    @RegisterExtension
    final LocalAws local = new LocalAws();

    private PlanRunner runner() {
        return new PlanRunner(local.aws, LocalAws.fastOptions().build());
    }

    @Test
    void twentyJobsWithACapOfFourNeverRunMoreThanFourAtOnce() {
        List<CheckSpec> specs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            specs.add(local.pythonShell("job" + i + ".py", "import time\ntime.sleep(0.3)\nprint('job " + i + "')\n").build());
        }
        PlanResult result = runner().run(new HealthCheckPlan(specs, local.context, 4, false, "glue-health-check"),
                ProgressListener.NONE, new Cancellation());

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.checks()).hasSize(20).extracting(CheckResult::baseName).startsWith("job0", "job1");
        List<LocalState.Run> runs = local.endpoint.state().runs();
        assertThat(runs).hasSize(20);
        assertThat(LocalAws.maxOverlap(runs)).isEqualTo(4);
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void oneFailureFailsThePlanButEveryJobIsChecked() {
        List<CheckSpec> specs = List.of(local.pythonShell("ok.py", "print(1)\n").build(),
                local.pythonShell("bad.py", "raise RuntimeError('nope')\n").build());
        PlanResult result = runner().run(new HealthCheckPlan(specs, local.context, 2, false, "glue-health-check"),
                ProgressListener.NONE, new Cancellation());
        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.failedJobs()).containsExactly("bad");
        assertThat(result.count(CheckStatus.PASSED)).isEqualTo(1);
    }

    @Test
    void theSweepBeforeChecksDeletesThisRepositorysExpiredLeftovers() {
        String leftover = "glue-health-check-old-etl-pr12-b33-0000abcd";
        local.aws.glue().createJob(r -> r.name(leftover).role(LocalAws.ROLE).command(c -> c.name("pythonshell")
                .scriptLocation("s3://x/y.py")).maxCapacity(0.0625).tags(Map.of(OwnershipTags.MARKER, OwnershipTags.MARKER_VALUE,
                OwnershipTags.REPO, "data/etl", OwnershipTags.EXPIRES_AT, Instant.now().minus(Duration.ofMinutes(5)).toString())));
        PlanResult result = runner().run(new HealthCheckPlan(List.of(local.pythonShell("ok.py", "print(1)\n").build()),
                local.context, 1, true, "glue-health-check"), ProgressListener.NONE, new Cancellation());
        assertThat(result.sweep().deleted()).isEqualTo(1);
        assertThat(local.endpoint.state().job(leftover)).isEmpty();
        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void twoBuildsOfTheSamePullRequestDoNotTouchEachOthersJobs() throws Exception {
        // Build 35's sweep runs while build 34's job is alive: that job is not expired, so it stays.
        var first = local.healthCheck().begin(local.pythonShell("job.py", "import time\ntime.sleep(1)\n").build(),
                local.context, ProgressListener.NONE);
        PlanResult second = runner().run(new HealthCheckPlan(List.of(local.pythonShell("job.py", "print(2)\n").build()),
                local.context.toBuilder().buildNumber("35").build(), 1, true, "glue-health-check"),
                ProgressListener.NONE, new Cancellation());
        assertThat(second.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(second.sweep().deleted()).isZero();
        assertThat(local.endpoint.state().job(first.jobName())).isPresent();
        local.healthCheck().cancel(first, "test over", ProgressListener.NONE);
    }

    @Test
    void missingCredentialsAreASetupErrorForEveryJob() {
        local.endpoint.faults().add(io.github.gluehealthcheck.engine.local.FaultRule.on("sts", "GetCallerIdentity")
                .error(io.github.gluehealthcheck.engine.local.ErrorKind.ACCESS_DENIED).always());
        PlanResult result = runner().run(new HealthCheckPlan(List.of(local.pythonShell("ok.py", "print(1)\n").build()),
                local.context, 1, true, "glue-health-check"), ProgressListener.NONE, new Cancellation());
        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.setupError()).startsWith("could not confirm the AWS identity: sts:GetCallerIdentity was denied (AccessDenied");
        assertThat(local.endpoint.requests().count("glue", "CreateJob")).isZero();
    }
}
