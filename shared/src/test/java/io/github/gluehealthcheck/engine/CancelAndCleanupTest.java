package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import io.github.gluehealthcheck.engine.local.ErrorKind;
import io.github.gluehealthcheck.engine.local.FaultRule;
import io.github.gluehealthcheck.engine.local.LocalState;
import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.KeepJobPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cancellation in every phase, keep-job policies, and the durable step-wise API: nothing is ever left by accident. */
class CancelAndCleanupTest {
    @RegisterExtension
    final LocalAws local = new LocalAws();

    /** Cancels as soon as the listener sees {@code phase}, or the run reach {@code state}. */
    private CheckResult cancelAt(String trigger, CheckSpec spec) throws Exception {
        Cancellation cancellation = new Cancellation();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void phase(String job, Phase phase, String detail) {
                if (phase.name().equals(trigger)) {
                    cancellation.cancel("test cancels in " + trigger);
                }
            }

            @Override
            public void runState(String job, String state, String detail) {
                if (state.equals(trigger)) {
                    cancellation.cancel("test cancels in " + trigger);
                }
            }
        };
        return CompletableFuture.supplyAsync(() -> local.healthCheck().run(spec, local.context, listener, cancellation))
                .get(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "cancelled in {0}")
    @ValueSource(strings = {"STAGE", "CREATE", "START", "STARTING", "WAITING", "RUNNING"})
    void cancelInEveryPhaseLeavesNothing(String trigger) throws Exception {
        local.endpoint.runScripts().forAllJobs(RunScript.builder().starting(Duration.ofMillis(300))
                .waiting(Duration.ofMillis(300), "queued").running(Duration.ZERO).thenRunUntilStopped());
        CheckResult result = cancelAt(trigger, local.pythonShell("job.py", "print(1)\n").build());

        assertThat(result.status()).isEqualTo(CheckStatus.CANCELLED);
        assertThat(result.reason()).startsWith("cancelled (test cancels in " + trigger + ")");
        assertThat(local.leftovers()).isEmpty();
        assertThat(local.endpoint.state().activeRuns()).isEmpty();
    }

    @Test
    void cancelDuringCleanupStillFinishesCleanup() throws Exception {
        // The check has ended and is deleting: a cancellation then must not stop the deletes half-way.
        CheckResult result = cancelAt("CLEANUP", local.pythonShell("job.py", "print(1)\n").build());
        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void keepJobAlwaysKeepsJobAndScriptAndExtendsTheExpiry() {
        CheckResult result = local.healthCheck().run(local.pythonShell("job.py", "print(1)\n").keepJob(KeepJobPolicy.ALWAYS)
                .build(), local.context, ProgressListener.NONE, new Cancellation());
        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        LocalState.Job job = local.endpoint.state().job(result.jobName()).orElseThrow();
        Instant expires = Instant.parse(job.tags().get(OwnershipTags.EXPIRES_AT));
        assertThat(expires).isAfter(Instant.now().plus(Duration.ofHours(23)));
        assertThat(result.cleanup()).extracting(CleanupStep::outcome).containsOnly(CleanupStep.Outcome.KEPT);
        assertThat(local.leftovers()).hasSize(2);
    }

    @Test
    void keepJobOnFailureDeletesPassingJobsAndKeepsFailingOnes() {
        CheckResult passed = local.healthCheck().run(local.pythonShell("ok.py", "print(1)\n")
                .keepJob(KeepJobPolicy.ON_FAILURE).build(), local.context, ProgressListener.NONE, new Cancellation());
        assertThat(local.endpoint.state().job(passed.jobName())).isEmpty();
        CheckResult failed = local.healthCheck().run(local.pythonShell("bad.py", "raise SystemExit(3)\n")
                .keepJob(KeepJobPolicy.ON_FAILURE).build(), local.context, ProgressListener.NONE, new Cancellation());
        assertThat(failed.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(local.endpoint.state().job(failed.jobName())).isPresent();
    }

    @Test
    void aFailedDeleteIsReportedWithWhatWasLeft() {
        local.endpoint.faults().add(FaultRule.on("glue", "DeleteJob").error(ErrorKind.ACCESS_DENIED).always());
        CheckResult result = local.healthCheck().run(local.pythonShell("job.py", "print(1)\n").build(), local.context,
                ProgressListener.NONE, new Cancellation());
        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.leftSomethingBehind()).isTrue();
        assertThat(result.cleanup()).extracting(CleanupStep::toString).anyMatch(s -> s.startsWith("delete job: failed ("
                + result.jobName() + " was left: glue:DeleteJob was denied (AccessDeniedException") && s.contains("the sweeper deletes it after it expires"));
    }

    @Test
    void theHandleSurvivesSerializationAndAnotherEngineFinishesTheCheck() throws Exception {
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(800)).logOutput("resumed fine")
                .thenSucceed());
        CheckHandle handle = local.healthCheck().begin(local.pythonShell("job.py", "print(1)\n").build(), local.context,
                ProgressListener.NONE);
        PollOutcome first = local.healthCheck().poll(handle, ProgressListener.NONE);

        // A controller restart: only the serialized handle survives; a new engine instance picks it up.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(first.handle());
        }
        assertThat(bytes.size()).isLessThan(4096);
        CheckHandle restored;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            restored = (CheckHandle) in.readObject();
        }
        HealthCheck afterRestart = local.healthCheck();
        LocalAws.Recorder events = new LocalAws.Recorder();
        PollOutcome outcome;
        do {
            Thread.sleep(50);
            outcome = afterRestart.poll(restored, events);
            restored = outcome.handle();
        } while (!outcome.done());
        CheckResult result = afterRestart.finish(restored, events);
        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(events.messages()).contains("resumed fine");
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void aHandleHoldsNoSecret() throws Exception {
        CheckSpec spec = local.pythonShell("job.py", "print(1)\n").arguments(java.util.Map.of("--db_password", "pa55-word-secret"))
                .secretArguments(java.util.List.of("--db_password")).build();
        HealthCheck check = local.healthCheck();
        CheckHandle handle = check.begin(spec, local.context, ProgressListener.NONE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        }
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("pa55-word-secret");
        check.cancel(handle, "done", ProgressListener.NONE);
    }
}
