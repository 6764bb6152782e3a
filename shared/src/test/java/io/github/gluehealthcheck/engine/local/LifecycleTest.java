package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.JobRunState;

class LifecycleTest {

    private static List<String> threadsOf(int port) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("local-aws-" + port + "-"))
                .toList();
    }

    @Test
    void closeKillsPythonProcessesEndsEveryThreadAndStopsListening() {
        LocalAws aws = LocalAws.start();
        int port = aws.endpoint.port();
        String job = aws.createJob("hc-long", b -> b.maxCapacity(0.0625)
                .executionProperty(e -> e.maxConcurrentRuns(2))
                .command(c -> c.name("pythonshell").scriptLocation(aws.putScript("long.py",
                        "import subprocess, time\nsubprocess.Popen(['sleep', '120'])\ntime.sleep(120)\n"))));
        String first = aws.startRun(job);
        String second = aws.startRun(job);
        aws.awaitRun(job, first, r -> r.jobRunState() == JobRunState.RUNNING, Duration.ofSeconds(5));
        aws.awaitRun(job, second, r -> r.jobRunState() == JobRunState.RUNNING, Duration.ofSeconds(5));
        LocalAws.await("two pythons, each with a child", Duration.ofSeconds(10), () ->
                aws.endpoint.pythonProcesses().size() == 2
                        && aws.endpoint.pythonProcesses().stream().allMatch(p -> p.children().count() == 1));
        List<ProcessHandle> processes = aws.endpoint.pythonProcesses().stream()
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .toList();
        assertThat(threadsOf(port)).isNotEmpty();

        aws.close();

        LocalAws.await("python and its children to die", Duration.ofSeconds(5),
                () -> processes.stream().noneMatch(ProcessHandle::isAlive));
        LocalAws.await("the endpoint's threads to end", Duration.ofSeconds(5), () -> threadsOf(port).isEmpty());
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        aws.endpoint.close(); // closing twice is harmless
    }

    /** Starts an endpoint and forgets it. */
    static final class ForgetsToClose {
        public static void main(String[] args) throws IOException {
            LocalAwsEndpoint.start();
        }
    }

    @Test
    void anEndpointNobodyClosedNeitherKeepsTheJvmAliveNorLeavesFiles(@TempDir Path tmp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"), ForgetsToClose.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the JVM exits by itself").isTrue();
            assertThat(process.exitValue()).isZero();
            try (var left = Files.list(tmp)) {
                assertThat(left).isEmpty();
            }
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void closingWhilePausedDoesNotComeBack() throws Exception {
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.start(LocalAws.fast().build());
        int port = endpoint.port();
        endpoint.faults().pause(Duration.ofMillis(200));

        endpoint.close();

        Thread.sleep(400);
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        assertThat(threadsOf(port)).isEmpty();
    }

    @Test
    void endpointsStartOnFreeLoopbackPortsByDefault() throws IOException {
        try (LocalAwsEndpoint a = LocalAwsEndpoint.start(); LocalAwsEndpoint b = LocalAwsEndpoint.start()) {
            assertThat(a.port()).isPositive().isNotEqualTo(b.port());
            assertThat(a.uri()).hasToString("http://127.0.0.1:" + a.port());
        }
    }

    @Test
    void aBusyPortFailsAtOnceAndLeavesNothingRunning() throws IOException {
        try (LocalAwsEndpoint taken = LocalAwsEndpoint.start()) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> LocalAwsEndpoint.start(LocalEndpointOptions.builder().port(taken.port()).build()))
                    .isInstanceOf(java.net.BindException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void optionsAreValidatedAndCopiedByToBuilder() {
        assertThatThrownBy(() -> LocalEndpointOptions.builder().accountId("12").build())
                .hasMessageContaining("accountId");
        assertThatThrownBy(() -> LocalEndpointOptions.builder().minuteLength(Duration.ZERO).build())
                .hasMessageContaining("minuteLength");
        assertThatThrownBy(() -> LocalEndpointOptions.builder().port(70000).build()).hasMessageContaining("port");

        LocalEndpointOptions defaults = LocalEndpointOptions.defaults();
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.port()).isZero();
        assertThat(defaults.pythonExecutable()).isEqualTo("python3");
        assertThat(defaults.accountId()).isEqualTo("123456789012");
        assertThat(defaults.startingDelay()).isEqualTo(Duration.ofMillis(300));
        assertThat(defaults.checkedOnlyRunDuration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.minuteLength()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.autoCreateBuckets()).isTrue();
        assertThat(defaults.throttleRequestsPerSecond()).isZero();
        assertThat(defaults.maxConcurrentRunsPerAccount()).isZero();

        LocalEndpointOptions changed = defaults.toBuilder().port(4566).build();
        assertThat(changed.port()).isEqualTo(4566);
        assertThat(changed.toString()).isEqualTo(defaults.toString().replace("port=0", "port=4566"));
    }

    @Test
    void aMissingPythonEndsTheRunAsErrorWithTheReason() {
        try (LocalAws aws = LocalAws.start(LocalAws.fast().pythonExecutable("/nonexistent/python3").build(), false)) {
            String job = aws.pythonShellJob("hc-no-python", "print(1)\n");

            var run = aws.awaitFinal(job, aws.startRun(job));

            assertThat(run.jobRunState()).isEqualTo(JobRunState.ERROR);
            assertThat(run.errorMessage()).contains("/nonexistent/python3");
        }
    }
}
