package io.github.gluehealthcheck.jenkins.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.CleanupStep;
import io.github.gluehealthcheck.engine.aws.CallerIdentity;
import io.github.gluehealthcheck.engine.sweep.SweepResult;
import io.github.gluehealthcheck.engine.sweep.SweptJob;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import org.jboss.marshalling.Marshaller;
import org.jboss.marshalling.Marshalling;
import org.jboss.marshalling.MarshallingConfiguration;
import org.jboss.marshalling.SimpleClassResolver;
import org.jboss.marshalling.Unmarshaller;
import org.jboss.marshalling.river.RiverMarshallerFactory;
import org.junit.jupiter.api.Test;

/** The persisted progress of a step: the jobs' state machine, and that Pipeline's serializer keeps all of it. */
class CheckProgressTest {
    static final CallerIdentity WHO = new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/ci");

    static CheckProgress progress(int parallelism, String... jobs) {
        return new CheckProgress("id", null, Instant.parse("2026-05-01T10:00:00Z"), List.of(jobs), parallelism, WHO, null);
    }

    static CheckResult result(String name, CheckStatus status) {
        return CheckResult.builder().baseName(name).status(status).reason("because")
                .cleanup(List.of(new CleanupStep("delete job", CleanupStep.Outcome.DONE, "x"))).build();
    }

    @Test
    void atMostParallelismJobsAreUnderWayAndTheNextStartsWhenOneIsDone() {
        CheckProgress p = progress(2, "a", "b", "c");

        assertThat(p.startNext()).containsExactly(0, 1);
        assertThat(p.startNext()).isEmpty();
        p.done(0, result("a", CheckStatus.PASSED));
        assertThat(p.startNext()).containsExactly(2);
        assertThat(p.allDone()).isFalse();
    }

    @Test
    void cancellingEndsWaitingJobsAndHandsBackTheRunningOnes() {
        CheckProgress p = progress(1, "a", "b");
        p.startNext();

        assertThat(p.cancel("the build was aborted")).as("job a is STARTING: its begin notices the cancellation").isEmpty();
        assertThat(p.state(1)).isEqualTo(CheckProgress.JobState.DONE);
        assertThat(p.cancel("again")).isEmpty();
        assertThat(p.cancelReason()).isEqualTo("the build was aborted");
        assertThat(p.startNext()).isEmpty();
        p.done(0, result("a", CheckStatus.CANCELLED));
        assertThat(p.results()).extracting(CheckResult::status).containsExactly(CheckStatus.CANCELLED, CheckStatus.CANCELLED);
        assertThat(p.results().get(1).reason()).isEqualTo("cancelled (the build was aborted) before it started");
    }

    @Test
    void afterARestartJobsThatWereStartingOrWaitingEndAsErrorsSayingWhy() {
        CheckProgress p = progress(1, "a", "b");
        p.startNext();

        p.afterRestart();

        assertThat(p.allDone()).isTrue();
        assertThat(p.results()).extracting(CheckResult::status).containsExactly(CheckStatus.ERROR, CheckStatus.ERROR);
        assertThat(p.results().get(0).reason()).contains("restarted while the job was being created");
        assertThat(p.results().get(1).reason()).contains("restarted before this job's turn");
    }

    @Test
    void abandoningEndsEveryJobThatIsNotDone() {
        CheckProgress p = progress(2, "a", "b");
        p.startNext();
        p.done(0, result("a", CheckStatus.PASSED));

        p.abandon("could not reach AWS again");

        assertThat(p.results()).extracting(CheckResult::status).containsExactly(CheckStatus.PASSED, CheckStatus.ERROR);
        assertThat(p.results().get(1).reason()).isEqualTo("could not reach AWS again");
    }

    @Test
    void statusSaysWhatEachJobIsWaitingFor() {
        CheckProgress p = progress(1, "a", "b");
        p.startNext();
        assertThat(p.describe(Instant.now()))
                .isEqualTo("glue health check: a staging, creating and starting its Glue job; b waiting for its turn");
    }

    @Test
    void pipelinesSerializerKeepsTheWholeProgress() throws Exception {
        SweepResult sweep = new SweepResult(3, List.of(new SweptJob("glue-health-check-old", "data/etl",
                Instant.parse("2026-04-01T00:00:00Z"), SweptJob.Outcome.DELETED, "expired")), null);
        CheckProgress p = new CheckProgress("id-1", null, Instant.parse("2026-05-01T10:00:00Z"), List.of("a", "b"), 1,
                WHO, sweep);
        p.startNext();
        p.done(0, result("a", CheckStatus.FAILED));

        CheckProgress back = (CheckProgress) unriver(river(p));

        assertThat(back.id()).isEqualTo("id-1");
        assertThat(back.identity()).isEqualTo(WHO);
        assertThat(back.sweep()).isEqualTo(sweep);
        assertThat(back.state(0)).isEqualTo(CheckProgress.JobState.DONE);
        assertThat(back.state(1)).isEqualTo(CheckProgress.JobState.PENDING);
        assertThat(back.startNext()).containsExactly(1);
        back.done(1, result("b", CheckStatus.PASSED));
        assertThat(back.results().get(0)).usingRecursiveComparison().isEqualTo(result("a", CheckStatus.FAILED));
    }

    static byte[] river(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Marshaller m = new RiverMarshallerFactory().createMarshaller(new MarshallingConfiguration());
        m.start(Marshalling.createByteOutput(bytes));
        m.writeObject(o);
        m.finish();
        return bytes.toByteArray();
    }

    static Object unriver(byte[] bytes) throws Exception {
        MarshallingConfiguration config = new MarshallingConfiguration();
        config.setClassResolver(new SimpleClassResolver(CheckProgressTest.class.getClassLoader()));
        Unmarshaller u = new RiverMarshallerFactory().createUnmarshaller(config);
        u.start(Marshalling.createByteInput(new ByteArrayInputStream(bytes)));
        Object o = u.readObject();
        u.finish();
        return o;
    }
}
