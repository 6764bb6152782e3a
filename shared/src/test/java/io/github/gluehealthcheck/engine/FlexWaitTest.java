package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.engine.report.JsonReport;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.ExecutionClass;
import io.github.gluehealthcheck.engine.spec.JobType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A FLEX run may stay WAITING for up to 20 minutes before it starts (job-run-statuses page): with the default
 * max_wait such a run passes, and the time it spent queued is reported. The engine's clock runs 400 times faster
 * than the local endpoint's, so 3.3 real seconds of WAITING are 22 minutes to the engine.
 */
class FlexWaitTest {
    private static final long SPEED = 400;

    @RegisterExtension
    final LocalAws local = new LocalAws();

    /** Engine time that passes {@link #SPEED} times faster than real time, from now on. */
    static final class FastClock extends Clock {
        private final Instant origin = Instant.now();

        @Override
        public Instant instant() {
            Duration real = Duration.between(origin, Instant.now());
            return origin.plus(real.multipliedBy(SPEED));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private CheckSpec.Builder flexSpark() {
        local.script("flex.py", "print('flex')\n");
        return CheckSpec.builder().workspace(local.workspace).script("jobs/flex.py").jobType(JobType.GLUEETL)
                .executionClass(ExecutionClass.FLEX).timeoutMinutes(5).role(LocalAws.ROLE).scriptsBucket(LocalAws.BUCKET);
    }

    private CheckResult run(CheckSpec spec) {
        HealthCheck check = new HealthCheck(local.aws, LocalAws.fastOptions().clock(new FastClock()).build());
        return check.run(spec, local.context, ProgressListener.NONE, new Cancellation());
    }

    @Test
    void aFlexRunQueuedPastTwentyMinutesPassesAndReportsItsWait() {
        local.endpoint.runScripts().forAllJobs(RunScript.builder()
                .waiting(Duration.ofMillis(3300), "Waiting for FLEX capacity").running(Duration.ofMillis(100)).thenSucceed());
        CheckSpec spec = flexSpark().build();
        assertThat(spec.maxWait()).isEqualTo(Duration.ofMinutes(5 + 20 + 10));

        CheckResult result = run(spec);

        assertThat(result.status()).as(result.reason()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.waitingSeconds()).isBetween(20 * 60.0, 26 * 60.0);
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void theSameWaitFailsAStandardSizedMaxWait() {
        local.endpoint.runScripts().forAllJobs(RunScript.builder()
                .waiting(Duration.ofMillis(3300), "Waiting for FLEX capacity").running(Duration.ofMillis(100)).thenSucceed());
        CheckSpec spec = flexSpark().maxWait(CheckSpec.defaultMaxWait(5, ExecutionClass.STANDARD)).build();

        CheckResult result = run(spec);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.reason()).startsWith("the run did not reach a final state within max_wait (15m)")
                .contains("last state WAITING");
        assertThat(local.leftovers()).isEmpty();
    }
}
