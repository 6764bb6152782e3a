package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    void theWarmUpEndsOnItsOwnAndWritesNothingIntoTheWorkingDirectory() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        long before;
        try (Stream<Path> files = Files.list(cwd)) {
            before = files.count();
        }
        Thread t = Warmup.startInBackground();
        assertThat(t.isDaemon()).isTrue();
        t.join(60_000);
        assertThat(t.isAlive()).isFalse();
        try (Stream<Path> files = Files.list(cwd)) {
            assertThat(files.count()).isEqualTo(before);
        }
    }
}
