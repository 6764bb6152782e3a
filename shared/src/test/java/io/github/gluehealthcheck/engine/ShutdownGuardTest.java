package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.local.LocalAwsEndpoint;
import io.github.gluehealthcheck.engine.local.RunScript;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a process running a check: the shutdown hook stops the run and deletes the job before the JVM exits. */
class ShutdownGuardTest {

    @Test
    void sigtermStopsTheRunAndCleansUp(@TempDir Path workspace) throws Exception {
        Files.createDirectories(workspace.resolve("jobs"));
        Files.writeString(workspace.resolve("jobs/long.py"), "print(1)\n");
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ZERO).thenRunUntilStopped());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ShutdownProbe.class.getName(), endpoint.uri().toString(), workspace.toString(), "jobs/long.py")
                    .redirectErrorStream(true).start();
            List<String> output = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    output.add(line);
                    if (line.equals("STATE RUNNING")) {
                        process.toHandle().destroy(); // SIGTERM, without closing our end of its output
                    }
                }
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
            assertThat(output).contains("STATE RUNNING").anyMatch(l -> l.startsWith("RESULT CANCELLED"));
            assertThat(endpoint.state().jobs()).isEmpty();
            assertThat(endpoint.state().activeRuns()).isEmpty();
            assertThat(endpoint.state().objects()).noneMatch(o -> o.bucket().equals("ci-scripts"));
        }
    }
}
