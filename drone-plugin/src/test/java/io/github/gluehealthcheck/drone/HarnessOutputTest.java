package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.CheckStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessOutputTest {
    @TempDir
    Path dir;

    @Test
    void appendsHealthFailedJobsAndTheReport() throws IOException {
        Path file = dir.resolve("output.env");
        Files.writeString(file, "EARLIER=1\n");
        HarnessOutput.append(file, Plans.of(CheckStatus.FAILED, Plans.passed("orders"), Plans.failed("report", "x")),
                Path.of("/harness/glue-health-check/report.json"));
        assertThat(Files.readString(file)).isEqualTo("EARLIER=1\nHEALTH=failed\nFAILED_JOBS=report\n"
                + "REPORT=/harness/glue-health-check/report.json\n");
    }

    @Test
    void healthIsPassedFailedOrError() {
        assertThat(HarnessOutput.lines(Plans.of(CheckStatus.PASSED, Plans.passed("a")), null))
                .startsWith("HEALTH=passed\nFAILED_JOBS=\nREPORT=\n");
        assertThat(HarnessOutput.lines(Plans.of(CheckStatus.ERROR), null)).startsWith("HEALTH=error\n");
        assertThat(HarnessOutput.lines(Plans.of(CheckStatus.CANCELLED), null)).startsWith("HEALTH=error\n");
    }

    @Test
    void noValueCanStartAnOutputOfItsOwn() {
        String lines = HarnessOutput.lines(Plans.of(CheckStatus.FAILED, Plans.failed("report", "x")),
                Path.of("/harness/r\nHEALTH=passed\nFAILED_JOBS=\nX=/report.json"));
        assertThat(lines.lines()).hasSize(3).contains("HEALTH=failed")
                .contains("REPORT=/harness/r\\nHEALTH=passed\\nFAILED_JOBS=\\nX=/report.json");
    }
}
