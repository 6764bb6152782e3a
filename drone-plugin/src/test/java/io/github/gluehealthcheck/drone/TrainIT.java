package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train}, what the launcher, the build and Dockerfile.archive run to make a class archive or list: a check of
 * its own job on the embedded endpoint, whatever the environment says, leaving nothing behind.
 */
class TrainIT {
    @RegisterExtension
    static final LocalEndpointExtension endpoint = new LocalEndpointExtension();

    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void checksAOneLineJobOnTheEmbeddedEndpointWhateverTheStepSaysAndLeavesNothing() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path workspace = StepEnv.workspace(dir.resolve("src"));
        // A whole Drone step's settings and credentials, pointing at a real endpoint: none of it may be used.
        Map<String, String> env = new HashMap<>(StepEnv.drone(home, workspace).aws(endpoint)
                .set("PLUGIN_SCRIPT", "jobs/orders_summary.py").set("PLUGIN_JOB_TYPE", "pythonshell").map());
        env.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);

        Cli.Run run = Cli.run(workspace, env, "train");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).as(run.toString()).isEqualTo(
                "training run: a check of a one-line Python shell job on the embedded local endpoint, exit 0\n");
        assertThat(endpoint.operations()).as("calls at the step's endpoint").isEmpty();
        assertThat(workspace.resolve("glue-health-check")).as("reports in the step's workspace").doesNotExist();
        assertThat(tmp).as("the training's directory and the embedded endpoint's, deleted").isEmptyDirectory();
        assertThat(run.everything()).doesNotContain(StepEnv.SECRET_KEY);
    }

    @Test
    void anArgumentIsBadInput() throws Exception {
        Cli.Run run = Cli.run(dir, StepEnv.terminal(home).map(), "train", "--script", "a.py");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.output()).isEqualTo("error: '--script': unexpected argument; train takes none (see --help)\n");
    }
}
