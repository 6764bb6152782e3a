package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Job code run by the local runner sees nothing of the process that started the endpoint: the endpoint runs as a
 * process of its own whose environment holds what a CI step's does (plugin settings, AWS keys, container
 * credentials, the clone's netrc password), and a Python shell job reports what it can see.
 */
class LocalRunnerSandboxTest {

    private static final String TOKEN = "SANDBOXTESTTOKEN0123456789";
    private static final String ARGUMENT_VALUE = "argument-value-only-the-job-may-see-7Q2";
    private static final Map<String, String> CI_SECRETS = Map.of(
            "PLUGIN_ACCESS_KEY", "FAKEKEYSANDBOXTEST",
            "PLUGIN_SECRET_KEY", "plugin-secret-sandbox-value-01",
            "AWS_SECRET_ACCESS_KEY", "aws-secret-sandbox-value-02",
            "AWS_SESSION_TOKEN", "aws-session-sandbox-value-03",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-auth-sandbox-value-04",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/sandbox-token-05",
            "DRONE_NETRC_PASSWORD", "netrc-password-sandbox-value-06",
            "GITHUB_TOKEN", "ghp_sandboxvalue07");

    /** Reports the job's view as JSON lines on stdout; tries the admin API with the key it was given. */
    private static final String REPORTER = String.join("\n",
            "import json, os, sys, urllib.request, urllib.error",
            "print(json.dumps({'env': dict(os.environ)}))",
            "print(json.dumps({'cmdline': open('/proc/self/cmdline', 'rb').read().decode().split('\\0')}))",
            "print(json.dumps({'argv': sys.argv, 'cwd': os.getcwd(), 'file': __file__, 'name': __name__,",
            "                  'mode': oct(os.stat(os.getcwd()).st_mode & 0o777)}))",
            "req = urllib.request.Request(os.environ['AWS_ENDPOINT_URL'] + '/_local/state',",
            "                             headers={'X-Local-Endpoint-Token': os.environ['AWS_ACCESS_KEY_ID']})",
            "try:",
            "    status = urllib.request.urlopen(req).status",
            "except urllib.error.HTTPError as e:",
            "    status = e.code",
            "print(json.dumps({'admin': status}))",
            "");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Process endpoint;
    private URI uri;
    private UrlConnectionHttpClient http;
    private StaticCredentialsProvider credentials;

    @BeforeEach
    void startEndpointWithCiSecretsInItsEnvironment(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LocalAwsEndpointMain.class.getName(), "--port", "0", "--starting-delay-ms", "20",
                // The interpreter itself: a launcher such as pyenv's python3 script adds variables of its own.
                "--python", realPython())
                .directory(dir.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().putAll(CI_SECRETS);
        builder.environment().put(LocalAwsEndpointMain.TOKEN_VARIABLE, TOKEN);
        endpoint = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(endpoint.getInputStream(), StandardCharsets.UTF_8));
        String banner = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.contains("listening on")) {
                        return line;
                    }
                }
                return "";
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(30, TimeUnit.SECONDS);
        uri = URI.create(banner.substring(banner.indexOf("http")));
        http = (UrlConnectionHttpClient) UrlConnectionHttpClient.create();
        credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(TOKEN, "any"));
    }

    private static String realPython() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
        String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).isZero();
        return path;
    }

    @AfterEach
    void stop() throws InterruptedException {
        http.close();
        endpoint.descendants().forEach(ProcessHandle::destroyForcibly);
        endpoint.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }

    @Test
    void aJobSeesNoVariableOfTheEndpointsEnvironmentNorItsArgumentsOnTheCommandLine() throws Exception {
        Map<String, JsonNode> seen = runReporter();

        Map<String, String> env = new LinkedHashMap<>();
        seen.get("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        String everything = seen.values().toString();
        for (String secret : CI_SECRETS.values()) {
            assertThat(everything).as("what the job saw").doesNotContain(secret)
                    .doesNotContain(new StringBuilder(secret).reverse())
                    .doesNotContainIgnoringCase(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(env.values()).doesNotContain(TOKEN);
        assertThat(new TreeSet<>(env.keySet())).isSubsetOf(Set.of("PATH", "HOME", "TMPDIR", "LANG", "PYTHONPATH",
                "PYTHONUNBUFFERED", "PYTHONIOENCODING", "PYTHONDONTWRITEBYTECODE", "AWS_ENDPOINT_URL", "AWS_REGION",
                "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_EC2_METADATA_DISABLED",
                "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
                // Python itself may add this one on some platforms.
                "LC_CTYPE"));
        assertThat(env).containsEntry("AWS_EC2_METADATA_DISABLED", "true");

        List<String> argv = texts(seen.get("argv"));
        List<String> cmdline = texts(seen.get("cmdline"));
        assertThat(argv).containsSubsequence("--db_password", ARGUMENT_VALUE);
        assertThat(argv.get(0)).isEqualTo(seen.get("file").asText());
        assertThat(seen.get("name").asText()).isEqualTo("__main__");
        assertThat(String.join(" ", cmdline)).doesNotContain(ARGUMENT_VALUE).doesNotContain("--db_password");

        String cwd = seen.get("cwd").asText();
        assertThat(seen.get("mode").asText()).isEqualTo("0o700");
        assertThat(env.get("HOME")).isEqualTo(cwd);
        assertThat(env.get("TMPDIR")).startsWith(cwd);
        assertThat(Path.of(cwd)).doesNotExist();
        // The job's key reaches the AWS APIs (it read its script from S3) but not the admin API.
        assertThat(seen.get("admin").asInt()).isEqualTo(403);
    }

    private Map<String, JsonNode> runReporter() throws Exception {
        try (S3Client s3 = S3Client.builder().endpointOverride(uri).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials).httpClient(http).build();
                GlueClient glue = GlueClient.builder().endpointOverride(uri).region(Region.US_EAST_1)
                        .credentialsProvider(credentials).httpClient(http).build();
                CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(uri)
                        .region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build()) {
            s3.putObject(b -> b.bucket("scripts").key("reporter.py"), RequestBody.fromString(REPORTER));
            glue.createJob(b -> b.name("hc-reporter").role("r").maxCapacity(0.0625)
                    .command(c -> c.name("pythonshell").scriptLocation("s3://scripts/reporter.py")));
            String runId = glue.startJobRun(b -> b.jobName("hc-reporter")
                    .arguments(Map.of("--db_password", ARGUMENT_VALUE))).jobRunId();
            JobRun run = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                run = glue.getJobRun(b -> b.jobName("hc-reporter").runId(runId)).jobRun();
                if (run.jobRunState() != JobRunState.STARTING && run.jobRunState() != JobRunState.RUNNING) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(run.jobRunState()).as(String.valueOf(run.errorMessage())).isEqualTo(JobRunState.SUCCEEDED);
            Map<String, JsonNode> seen = new LinkedHashMap<>();
            List<String> lines = new ArrayList<>();
            logs.filterLogEventsPaginator(b -> b.logGroupName("/aws-glue/python-jobs/output")
                    .logStreamNamePrefix(runId)).events().forEach(e -> lines.add(e.message()));
            for (String line : lines) {
                JSON.readTree(line).fields().forEachRemaining(f -> seen.put(f.getKey(), f.getValue()));
            }
            assertThat(seen).containsKeys("env", "cmdline", "argv", "admin");
            return seen;
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
