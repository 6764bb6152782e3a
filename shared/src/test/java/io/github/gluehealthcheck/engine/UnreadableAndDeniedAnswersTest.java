package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.local.ErrorKind;
import io.github.gluehealthcheck.engine.local.FaultRule;
import io.github.gluehealthcheck.engine.local.RecordedRequest;
import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An answer that arrives but cannot be read, and a call that is denied: neither is "AWS could not be reached",
 * neither is asked again until max_wait, and the check still cleans up after itself.
 */
class UnreadableAndDeniedAnswersTest {
    @RegisterExtension
    final LocalAws local = new LocalAws();

    private CheckResult run(Duration maxWait) {
        CheckSpec spec = local.pythonShell("job.py", "print('ok')\n").maxWait(maxWait).build();
        return new HealthCheck(local.aws, LocalAws.fastOptions().build())
                .run(spec, local.context, ProgressListener.NONE, new Cancellation());
    }

    private void runKeepsGoing() {
        local.endpoint.runScripts().forAllJobs(RunScript.builder().starting(Duration.ofMillis(100))
                .running(Duration.ZERO).stoppingTakes(Duration.ofMillis(200)).thenRunUntilStopped());
    }

    private void awaitNoActiveRun() {
        Instant until = Instant.now().plusSeconds(5);
        while (!local.endpoint.state().activeRuns().isEmpty() && Instant.now().isBefore(until)) {
            LockSupport.parkNanos(100_000_000L);
        }
        assertThat(local.endpoint.state().activeRuns()).as("the run was stopped").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ErrorKind.class, names = {"UNREADABLE_TIMESTAMP", "TRUNCATED_BODY", "WRONG_CONTENT_TYPE"})
    void anUnreadableStatusEndsTheCheckAsAnErrorAfterThreeReadsAndStopsTheRun(ErrorKind fault) {
        runKeepsGoing();
        local.endpoint.faults().add(FaultRule.on("glue", "GetJobRun").error(fault));
        Instant before = Instant.now();
        CheckResult result = run(Duration.ofMinutes(5));

        assertThat(result.status()).as(result.reason()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.reason()).contains("could not be carried out", "glue:GetJobRun", "could not be read")
                .doesNotContain("could not be reached");
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(30));
        // Three reads of the status in the poll; what the stop reads after asking is not counted as a retry.
        List<RecordedRequest> spoiled = local.endpoint.requests().matching(r -> r.operation().equals("GetJobRun")
                && fault.name().equals(r.detail().get("spoiled")));
        assertThat(spoiled.size()).isBetween(3, 3 + 2 * 3);
        assertThat(local.endpoint.requests().count("glue", "BatchStopJobRun")).isEqualTo(1);
        assertThat(local.leftovers()).isEmpty();
        awaitNoActiveRun();
    }

    @Test
    void theReportedTimestampFailureNamesTheSdksReason() {
        runKeepsGoing();
        local.endpoint.faults().add(FaultRule.on("glue", "GetJobRun").error(ErrorKind.UNREADABLE_TIMESTAMP));
        CheckResult result = run(Duration.ofMinutes(5));
        // The SDK's own words for an ISO string where the protocol has epoch seconds (sdk-core's JSON unmarshaller).
        assertThat(result.reason()).contains("Unable to unmarshall response");
    }

    @Test
    void aDeniedStatusReadEndsTheCheckAtOnceNamingTheActionAndThePolicy() {
        runKeepsGoing();
        local.endpoint.faults().add(FaultRule.deny("glue:GetJobRun"));
        CheckResult result = run(Duration.ofMinutes(5));

        assertThat(result.status()).as(result.reason()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.reason()).contains("glue:GetJobRun was denied", "AccessDeniedException", "terraform/iam.tf");
        // One read in the poll (no retry); the stop's own two reads after asking are the only others.
        assertThat(local.endpoint.requests().count("glue", "GetJobRun")).isBetween(1, 3);
        assertThat(local.leftovers()).isEmpty();
        awaitNoActiveRun();
    }

    @Test
    void aDeniedCreateIsNotRetriedAndTheStagedScriptIsStillDeleted() {
        local.endpoint.faults().add(FaultRule.deny("glue:CreateJob"));
        CheckResult result = run(Duration.ofSeconds(20));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.reason()).contains("could not create the job", "glue:CreateJob was denied", "terraform/iam.tf");
        assertThat(local.endpoint.requests().count("glue", "CreateJob")).isEqualTo(1);
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void aDeniedDeleteLeavesTheJobNamedForTheSweeper() {
        local.endpoint.faults().add(FaultRule.deny("glue:DeleteJob"));
        CheckResult result = run(Duration.ofSeconds(20));

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(local.endpoint.requests().count("glue", "DeleteJob")).isEqualTo(1);
        CleanupStep delete = result.cleanup().stream().filter(s -> s.action().equals("delete job")).findFirst().orElseThrow();
        assertThat(delete.outcome()).isEqualTo(CleanupStep.Outcome.FAILED);
        assertThat(delete.detail()).contains(result.jobName(), "glue:DeleteJob was denied", "terraform/iam.tf",
                "the sweeper deletes it");
    }

    @Test
    void aTruncatedIdentityIsReadThreeTimesAtMostThenAnError() {
        local.endpoint.faults().add(FaultRule.on("sts", "GetCallerIdentity").error(ErrorKind.TRUNCATED_BODY));
        CheckResult result = run(Duration.ofSeconds(20));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.reason()).contains("the answer to sts:GetCallerIdentity arrived but could not be read")
                .doesNotContain("could not be reached");
        // The SDK asks again itself for a truncated body; the engine counts those attempts too.
        assertThat(local.endpoint.requests().count("sts", "GetCallerIdentity")).isEqualTo(3);
        assertThat(local.endpoint.requests().count("glue", "CreateJob")).isZero();
    }

    @Test
    void aTruncatedCreateAnswerTookEffectAndTheJobIsAdoptedNotCreatedTwice() {
        local.endpoint.faults().add(FaultRule.on("glue", "CreateJob").error(ErrorKind.TRUNCATED_BODY).once());
        CheckResult result = run(Duration.ofSeconds(20));

        assertThat(result.status()).as(result.reason()).isEqualTo(CheckStatus.PASSED);
        assertThat(local.endpoint.requests().count("glue", "GetTags")).isGreaterThanOrEqualTo(1);
        assertThat(local.leftovers()).isEmpty();
    }
}
