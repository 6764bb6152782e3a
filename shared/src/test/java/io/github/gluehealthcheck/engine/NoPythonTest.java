package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.local.LocalEndpointOptions;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a Python the local endpoint cannot judge a Python shell job: NOT CHECKED LOCALLY, not a failed job. */
class NoPythonTest {

    @Test
    void aMissingPythonIsNotCheckedLocally(@TempDir Path workspace) {
        LocalEndpointOptions options = LocalAws.fastEndpoint().toBuilder()
                .pythonExecutable(workspace.resolve("no-such-python3").toString()).build();
        try (LocalAws local = new LocalAws(workspace, options, LocalAws.fastConnection())) {
            CheckSpec spec = local.pythonShell("orders.py", "print('fine')\n").build();

            CheckResult result = local.healthCheck().run(spec, local.context, ProgressListener.NONE, new Cancellation());

            assertThat(result.status()).isEqualTo(CheckStatus.NOT_CHECKED_LOCALLY);
            assertThat(result.reason()).startsWith("needs ").contains("no-such-python3")
                    .endsWith("install it here or check on AWS");
            assertThat(local.leftovers()).isEmpty();
        }
    }
}
