package io.github.gluehealthcheck.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.spec.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsConnectionTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/glue-health-check";

    static List<String> problems(Path tokenFile, String role) {
        return AwsConnection.builder().webIdentityTokenFile(tokenFile).assumeRole(role).problems().stream()
                .map(Problem::toString).toList();
    }

    @Test
    void whetherATokenFileExistsOrCanBeReadIsNotTold(@TempDir Path dir) throws IOException {
        Path readable = Files.writeString(dir.resolve("token"), "eyFAKE");
        Path missing = dir.resolve("no-such-file");

        assertThat(problems(readable, ROLE)).isEmpty();
        assertThat(problems(missing, ROLE)).as("same answer for a missing file as for a readable one").isEmpty();
        assertThat(problems(dir, ROLE)).as("nor for a directory").isEmpty();
        assertThat(problems(missing, null)).isEqualTo(problems(readable, null));
    }
}
