package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A local endpoint with real SDK v2 clients pointed at it (static fake credentials, us-east-1, path-style S3), and
 * the few steps most tests share: upload a script, create a job, wait for a run.
 */
final class LocalAws implements AutoCloseable {

    static final String ACCESS_KEY = "NOTAKEY-LOCALTESTKEY0001";
    static final String SECRET_KEY = "local-test-secret-never-logged-0001";
    static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    static final Set<String> FINAL_STATES =
            Set.of("SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED", "ERROR", "EXPIRED", "SOME_FUTURE_STATE");

    final LocalAwsEndpoint endpoint;
    final GlueClient glue;
    final S3Client s3;
    final CloudWatchLogsClient logs;
    final StsClient sts;
    private final SdkHttpClient http;

    private LocalAws(LocalAwsEndpoint endpoint, boolean retries, Consumer<ClientOverrideConfiguration.Builder> more) {
        this(endpoint, retries, more, CREDENTIALS);
    }

    private LocalAws(LocalAwsEndpoint endpoint, boolean retries, Consumer<ClientOverrideConfiguration.Builder> more,
            AwsCredentialsProvider credentials) {
        this.endpoint = endpoint;
        this.http = UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(20)).build();
        ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder();
        if (!retries) {
            config.retryStrategy(AwsRetryStrategy.doNotRetry());
        }
        more.accept(config);
        ClientOverrideConfiguration override = config.build();
        this.glue = GlueClient.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(http).overrideConfiguration(override).build();
        this.s3 = S3Client.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials).httpClient(http).overrideConfiguration(override).build();
        this.logs = CloudWatchLogsClient.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(http).overrideConfiguration(override).build();
        this.sts = StsClient.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(http).overrideConfiguration(override).build();
    }

    /** Options that keep runs short: 50 ms STARTING, 200 ms checked-only RUNNING, 1 s minutes. */
    static LocalEndpointOptions.Builder fast() {
        return LocalEndpointOptions.builder()
                .startingDelay(Duration.ofMillis(50))
                .checkedOnlyRunDuration(Duration.ofMillis(200))
                .minuteLength(Duration.ofSeconds(1));
    }

    /** Fast options; clients without retries, so each error is seen as the endpoint sent it. */
    static LocalAws start() {
        return start(fast().build(), false);
    }

    static LocalAws start(LocalEndpointOptions options, boolean retries) {
        return start(options, retries, c -> { });
    }

    static LocalAws start(LocalEndpointOptions options, boolean retries,
            Consumer<ClientOverrideConfiguration.Builder> config) {
        try {
            return new LocalAws(LocalAwsEndpoint.start(options), retries, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An endpoint that requires its token, with clients that sign with the token as their access key id, as an
     * AWS tool outside the JVM would.
     */
    static LocalAws startWithToken(LocalEndpointOptions options) {
        try {
            LocalAwsEndpoint endpoint = LocalAwsEndpoint.start(options.toBuilder().requireToken(true).build());
            return new LocalAws(endpoint, false, c -> { }, StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(endpoint.token().orElseThrow(), "any-secret-key")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads a script to {@code s3://scripts/<key>} and returns its location. */
    String putScript(String key, String source) {
        s3.putObject(b -> b.bucket("scripts").key(key), RequestBody.fromString(source));
        return "s3://scripts/" + key;
    }

    /** Creates a Python shell job running this source. */
    String pythonShellJob(String name, String source) {
        return createJob(name, b -> b.command(c -> c.name("pythonshell").pythonVersion("3.9")
                        .scriptLocation(putScript(name + ".py", source)))
                .glueVersion("3.0").maxCapacity(0.0625));
    }

    /** Creates a job with a role, tweaked by the caller (who sets at least the command). */
    String createJob(String name, Consumer<CreateJobRequest.Builder> job) {
        CreateJobRequest.Builder b = CreateJobRequest.builder().name(name).role("arn:aws:iam::123456789012:role/glue");
        job.accept(b);
        glue.createJob(b.build());
        return name;
    }

    String startRun(String job) {
        return glue.startJobRun(b -> b.jobName(job)).jobRunId();
    }

    String startRun(String job, Map<String, String> arguments) {
        return glue.startJobRun(b -> b.jobName(job).arguments(arguments)).jobRunId();
    }

    JobRun run(String job, String runId) {
        return glue.getJobRun(b -> b.jobName(job).runId(runId)).jobRun();
    }

    /** Polls GetJobRun until the run reaches a final state. */
    JobRun awaitFinal(String job, String runId) {
        return awaitRun(job, runId, r -> FINAL_STATES.contains(r.jobRunStateAsString()), Duration.ofSeconds(15));
    }

    /** Polls GetJobRun until the run satisfies the condition. */
    JobRun awaitRun(String job, String runId, Predicate<JobRun> condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        JobRun run;
        while (true) {
            run = run(job, runId);
            if (condition.test(run)) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                return fail("run %s did not get there within %s; last seen %s", runId, within, run);
            }
            sleep(Duration.ofMillis(25));
        }
    }

    /** The messages in a log group of the streams starting with the prefix, as the endpoint holds them. */
    List<String> logMessages(String group, String streamPrefix) {
        return endpoint.state().logMessages(group, streamPrefix);
    }

    /** Waits until a condition about the endpoint holds. */
    static void await(String what, Duration within, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after %s waiting for %s", within, what);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        glue.close();
        s3.close();
        logs.close();
        sts.close();
        http.close();
        endpoint.close();
    }
}
