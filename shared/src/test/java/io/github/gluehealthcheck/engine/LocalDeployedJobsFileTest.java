package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code endpoint: local} seeds the embedded endpoint from the workspace's deployed-jobs file, when there is one. */
class LocalDeployedJobsFileTest {

    @Test
    void theWorkspaceFileSeedsTheEmbeddedEndpointAndItsAbsenceSeedsNothing(@TempDir Path workspace) throws Exception {
        assertThat(CheckSession.localOptions(workspace).deployedJobs()).isEmpty();

        Files.writeString(workspace.resolve(CheckSession.DEPLOYED_JOBS_FILE), """
                {"jobs":[{"Name":"orders-nightly","Role":"glue-ci",
                  "Command":{"Name":"pythonshell","ScriptLocation":"s3://deploy/orders.py"}}]}""");
        assertThat(CheckSession.localOptions(workspace).deployedJobs()).singleElement().asString()
                .contains("orders-nightly");

        Files.writeString(workspace.resolve(CheckSession.DEPLOYED_JOBS_FILE), "[]");
        assertThatThrownBy(() -> CheckSession.localOptions(workspace))
                .hasMessageContaining(CheckSession.DEPLOYED_JOBS_FILE).hasMessageContaining("\"jobs\"");
    }
}
