package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

class LocalAwsEndpointMainTest {

    private static String runMain(int expectedCode, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = LocalAwsEndpointMain.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(expectedCode);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsTheOptionsAndExitsZero() {
        assertThat(runMain(0, "--help")).contains("--port N", "--minute-seconds", "--throttle-rps", "--python",
                "--allow-host", "--max-body-mb", "X-Local-Endpoint-Token", "LOCAL_ENDPOINT_TOKEN");
    }

    @Test
    void aBadOptionIsOneLineNamingItAndExitCodeTwo() {
        assertThat(runMain(2, "--port", "many")).hasLineCount(1).contains("--port");
        assertThat(runMain(2, "--frobnicate")).hasLineCount(1).contains("--frobnicate");
        assertThat(runMain(2, "--port")).hasLineCount(1).contains("needs a value");
    }

    @Test
    void optionsMapToTheEndpointOptions() {
        LocalEndpointOptions o = LocalAwsEndpointMain.parse(new String[] {"--port=0", "--host", "0.0.0.0",
                "--python", "/usr/bin/python3", "--starting-delay-ms", "10", "--minute-seconds", "0.5",
                "--throttle-rps", "7.5", "--max-concurrent-runs", "3", "--empty-log-pages", "2",
                "--no-auto-create-buckets", "--checked-only-run-ms", "20", "--account-id", "111122223333"});

        assertThat(o.port()).isZero();
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.pythonExecutable()).isEqualTo("/usr/bin/python3");
        assertThat(o.startingDelay()).isEqualTo(Duration.ofMillis(10));
        assertThat(o.minuteLength()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.throttleRequestsPerSecond()).isEqualTo(7.5);
        assertThat(o.maxConcurrentRunsPerAccount()).isEqualTo(3);
        assertThat(o.emptyLogPages()).isEqualTo(2);
        assertThat(o.autoCreateBuckets()).isFalse();
        assertThat(o.checkedOnlyRunDuration()).isEqualTo(Duration.ofMillis(20));
        assertThat(o.accountId()).isEqualTo("111122223333");
        assertThat(LocalAwsEndpointMain.parse(new String[0]).port()).isEqualTo(4566);
    }

    @Test
    void aSeparateProcessServesUntilSigtermThenKillsItsPythonAndExitsZero(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Process process = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"), LocalAwsEndpointMain.class.getName(), "--port", "0",
                "--starting-delay-ms", "20")
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String tokenLine = CompletableFuture.supplyAsync(() -> readLine(out)).get(30, TimeUnit.SECONDS);
            Matcher token = Pattern.compile("local AWS endpoint token: ([A-Z0-9]{40,}) \\(.*").matcher(tokenLine);
            assertThat(token.matches()).as(tokenLine).isTrue();
            String banner = readLine(out);
            assertThat(banner).matches("local AWS endpoint listening on http://127\\.0\\.0\\.1:\\d+");
            URI uri = URI.create(banner.substring(banner.indexOf("http")));
            CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> readRest(out));
            // The token is the access key id; any secret key goes with it.
            StaticCredentialsProvider withToken = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(token.group(1), "any-secret"));
            try (StsClient stranger = StsClient.builder().endpointOverride(uri).region(Region.US_EAST_1)
                    .credentialsProvider(LocalAws.CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                    .build()) {
                assertThatThrownBy(stranger::getCallerIdentity).isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(403));
            }

            try (StsClient sts = StsClient.builder().endpointOverride(uri).region(Region.US_EAST_1)
                    .credentialsProvider(withToken).httpClient(UrlConnectionHttpClient.create()).build();
                    S3Client s3 = S3Client.builder().endpointOverride(uri).region(Region.US_EAST_1)
                            .forcePathStyle(true).credentialsProvider(withToken)
                            .httpClient(UrlConnectionHttpClient.create()).build();
                    GlueClient glue = GlueClient.builder().endpointOverride(uri).region(Region.US_EAST_1)
                            .credentialsProvider(withToken)
                            .httpClient(UrlConnectionHttpClient.create()).build()) {
                assertThat(sts.getCallerIdentity().account()).isEqualTo("123456789012");

                s3.putObject(b -> b.bucket("scripts").key("sleep.py"),
                        RequestBody.fromString("import time\ntime.sleep(120)\n"));
                glue.createJob(b -> b.name("hc-sleeps").role("r").maxCapacity(0.0625)
                        .command(c -> c.name("pythonshell").scriptLocation("s3://scripts/sleep.py")));
                String runId = glue.startJobRun(b -> b.jobName("hc-sleeps")).jobRunId();
                LocalAws.await("the run to be RUNNING", Duration.ofSeconds(10), () -> glue.getJobRun(b -> b
                        .jobName("hc-sleeps").runId(runId)).jobRun().jobRunState() == JobRunState.RUNNING);
            }
            LocalAws.await("python to start", Duration.ofSeconds(10), () -> pythonChildren(process).size() == 1);
            List<ProcessHandle> python = pythonChildren(process);

            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its pipes

            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(rest.get(10, TimeUnit.SECONDS)).isEqualTo("local AWS endpoint stopped");
            LocalAws.await("python to be gone", Duration.ofSeconds(5),
                    () -> python.stream().noneMatch(ProcessHandle::isAlive));
            try (var left = Files.list(tmp)) {
                assertThat(left).as("temporary files left behind").isEmpty();
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static List<ProcessHandle> pythonChildren(Process process) {
        return process.descendants()
                .filter(p -> p.info().command().map(c -> c.contains("python")).orElse(false))
                .toList();
    }

    private static String readRest(BufferedReader reader) {
        return String.join("\n", reader.lines().toList());
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
