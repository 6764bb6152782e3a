package io.github.gluehealthcheck.engine.aws;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/**
 * The warm-up goes through every call of a check against its canned answers without an error: a change of the
 * SDK that breaks an answer shows here, instead of quietly making the CLI slower.
 */
class SdkWarmupTest {

    @Test
    void everyCallOfACheckGetsItsCannedAnswer() {
        assertThatCode(SdkWarmup::run).doesNotThrowAnyException();
    }
}
