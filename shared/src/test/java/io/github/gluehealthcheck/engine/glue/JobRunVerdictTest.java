package io.github.gluehealthcheck.engine.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.glue.JobRunVerdict.Meaning;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.JobRunState;

class JobRunVerdictTest {

    @Test
    void everyStateTheSdkKnowsHasARow() {
        assertThat(JobRunVerdict.table().keySet()).containsExactlyInAnyOrder(JobRunState.values());
    }

    @Test
    void onlySucceededPasses() {
        for (JobRunState s : JobRunState.values()) {
            assertThat(JobRunVerdict.of(s).meaning() == Meaning.PASS).as(s.toString()).isEqualTo(s == JobRunState.SUCCEEDED);
        }
    }

    @Test
    void finalAndWaitingStates() {
        assertThat(JobRunVerdict.of("WAITING").meaning()).isEqualTo(Meaning.KEEP_WAITING);
        assertThat(JobRunVerdict.of("STOPPING").meaning()).isEqualTo(Meaning.KEEP_WAITING);
        assertThat(JobRunVerdict.of("EXPIRED").meaning()).isEqualTo(Meaning.FAIL);
        assertThat(JobRunVerdict.of("ERROR").meaning()).isEqualTo(Meaning.FAIL);
        assertThat(JobRunVerdict.of("TIMEOUT").meaning()).isEqualTo(Meaning.FAIL);
        assertThat(JobRunVerdict.of("STOPPED").meaning()).isEqualTo(Meaning.STOPPED);
    }

    @Test
    void aStateFromTheFutureFailsAndEndsTheWait() {
        assertThat(JobRunVerdict.of("QUANTUM_SUPERPOSITION").meaning()).isEqualTo(Meaning.FAIL);
        assertThat(JobRunVerdict.isFinal("QUANTUM_SUPERPOSITION")).isTrue();
        assertThat(JobRunVerdict.of((String) null).meaning()).isEqualTo(Meaning.FAIL);
    }
}
