package io.github.gluehealthcheck.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.LogLine;
import io.github.gluehealthcheck.engine.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A secret a job prints over two log events of one stream is masked in both; nothing is held for long. */
class HeldLogEventsTest {
    static final String SECRET = "split-secret-FAKE-4711";
    static final String RUN = "jr_1";

    final HeldLogEvents held = new HeldLogEvents(Redactor.of(Set.of(SECRET)));
    final List<String> shown = new ArrayList<>();

    static LogLine event(String stream, String message) {
        return new LogLine("/aws-glue/python-jobs/output", stream, Instant.EPOCH, message, false);
    }

    void accept(String stream, String message) {
        held.accept(RUN, event(stream, message), l -> shown.add(l.stream() + ": " + l.message()));
    }

    void endOfRead(boolean drain) {
        held.endOfRead(RUN, drain, l -> shown.add(l.stream() + ": " + l.message()));
    }

    @Test
    void aSecretSplitBetweenTwoEventsIsMaskedInBoth() {
        accept("jr_1", "password is split-sec");
        accept("jr_1", "ret-FAKE-4711 and more");
        accept("jr_1", "the end");
        endOfRead(true);

        assertThat(shown).containsExactly("jr_1: password is ****", "jr_1: **** and more", "jr_1: the end");
    }

    @Test
    void eachPieceIsMaskedWhereverTheSplitFallsAndWholeValuesStillAre() {
        for (int cut = 1; cut < SECRET.length(); cut++) {
            shown.clear();
            accept("jr_1", "a " + SECRET.substring(0, cut));
            accept("jr_1", SECRET.substring(cut) + " b " + SECRET);
            endOfRead(true);
            assertThat(shown).as("cut at %d", cut).containsExactly("jr_1: a ****", "jr_1: **** b ****");
        }
    }

    @Test
    void piecesInDifferentStreamsAreNotJoined() {
        accept("jr_1", "x split-sec");
        accept("jr_1_attempt_1", "ret-FAKE-4711 y");
        endOfRead(true);

        // Only consecutive events of one stream are joined (documented): other streams are other writers.
        assertThat(shown).containsExactly("jr_1: x split-sec", "jr_1_attempt_1: ret-FAKE-4711 y");
    }

    @Test
    void anEventIsHeldUntilTheNextOfItsStreamOrOneReadLongerAtMost() {
        accept("jr_1", "first");
        assertThat(shown).as("held for the next event").isEmpty();
        endOfRead(false);
        assertThat(shown).as("still held: the rest may come with the next read").isEmpty();

        accept("jr_1", "second");
        assertThat(shown).containsExactly("jr_1: first");
        endOfRead(false);
        endOfRead(false);
        assertThat(shown).as("shown at the end of the read after the one that brought it")
                .containsExactly("jr_1: first", "jr_1: second");
    }

    @Test
    void withNothingToMaskEventsAreShownAtOnce() {
        HeldLogEvents none = new HeldLogEvents(Redactor.NONE);
        none.accept(RUN, event("jr_1", "plain"), l -> shown.add(l.message()));

        assertThat(shown).containsExactly("plain");
    }
}
