package io.github.gluehealthcheck.engine.aws;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleWithWebIdentityCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;

/**
 * The one place that builds AWS clients: region chain, credentials (default chain, static keys with session
 * token, assume role with external id, web identity token file), endpoint override and adaptive retries. All
 * clients share one HTTP client; closing this closes them all (and a local endpoint it started).
 */
public final class AwsClients implements AutoCloseable {
    /** Region used against a local endpoint when none is configured: any region works there. */
    public static final String LOCAL_DEFAULT_REGION = "us-east-1";

    private final SdkHttpClient http;
    private final FutureTask<GlueClient> glue;
    // Typed SdkClient, not S3Client: a lambda whose type names a client class loads that class when this object
    // is built, and the janitor's package leaves the S3 and CloudWatch Logs clients out.
    private final FutureTask<SdkClient> s3;
    private final FutureTask<SdkClient> logs;
    private final StsClient sts;
    private final String region;
    private final URI endpoint;
    private final String credentialSource;
    private final Duration callTimeout;
    private final List<AutoCloseable> owned;
    private final boolean buildInBackground;

    private AwsClients(Builder b, String region, URI endpoint) {
        this.region = region;
        this.endpoint = endpoint;
        this.owned = new ArrayList<>(b.owned);
        this.buildInBackground = b.buildInBackground;
        AwsConnection c = b.connection;
        Map<String, String> headers = Map.copyOf(b.headers);
        this.http = b.httpClient != null ? b.httpClient : httpClient(c.attemptTimeout());
        if (b.httpClient == null && (endpoint == null || "https".equalsIgnoreCase(endpoint.getScheme()))) {
            // Calls will use TLS: the trust store loads on another core while the clients are built.
            DeferredTrustManager.preloadInBackground();
        }
        // STS is built first: assume-role providers use it to fetch credentials for the other clients.
        AwsCredentialsProvider base = baseCredentials(c, endpoint != null && c.isLocal() || b.localCredentials);
        StsClient baseSts = configure(StsClient.builder(), overrides(c, true, headers, "sts"), base).build();
        AwsCredentialsProvider credentials = base;
        if (c.webIdentityTokenFile().isPresent() || c.webIdentityToken().isPresent()) {
            StsClient anonymousSts = configure(StsClient.builder(), overrides(c, true, headers, "sts"), AnonymousCredentialsProvider.create()).build();
            owned.add(anonymousSts);
            Path tokenFile = c.webIdentityTokenFile().orElse(null);
            Secret token = c.webIdentityToken().orElse(null);
            String role = c.assumeRole().orElseThrow();
            String session = c.roleSessionName().orElse(b.defaultSessionName);
            credentials = StsAssumeRoleWithWebIdentityCredentialsProvider.builder()
                    .stsClient(anonymousSts)
                    .refreshRequest(() -> AssumeRoleWithWebIdentityRequest.builder()
                            .roleArn(role)
                            .roleSessionName(session)
                            .webIdentityToken(token != null ? token.reveal() : readToken(tokenFile))
                            .build())
                    .build();
            owned.add((AutoCloseable) credentials);
        } else if (c.assumeRole().isPresent()) {
            AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                    .roleArn(c.assumeRole().get())
                    .roleSessionName(c.roleSessionName().orElse(b.defaultSessionName));
            c.externalId().ifPresent(id -> request.externalId(id.reveal()));
            AssumeRoleRequest built = request.build();
            credentials = StsAssumeRoleCredentialsProvider.builder().stsClient(baseSts).refreshRequest(built).build();
            owned.add((AutoCloseable) credentials);
        }
        if (credentials == base) {
            this.sts = baseSts;
        } else {
            owned.add(baseSts);
            this.sts = configure(StsClient.builder(), overrides(c, true, headers, "sts"), credentials).build();
        }
        // STS answers the first call (the preflight); the other three clients are built on another thread in the
        // order a check first uses them, while this one goes on. Whoever needs a client first builds it: a getter
        // runs the task itself when the other thread has not reached it yet (FutureTask runs only once).
        AwsCredentialsProvider forClients = credentials;
        this.glue = new FutureTask<>(() -> configure(GlueClient.builder(), overrides(c, true, headers, "glue"), forClients).build());
        this.s3 = new FutureTask<>(() -> configure(S3Client.builder(), overrides(c, true, headers, "s3"), forClients)
                .forcePathStyle(endpoint != null).build());
        this.logs = new FutureTask<>(() -> configure(CloudWatchLogsClient.builder(), overrides(c, false, headers, "logs"), forClients)
                .build());
        if (b.buildInBackground) {
            Thread builder = new Thread(() -> {
                glue.run();
                s3.run();
                logs.run();
            }, "glue-health-check-clients");
            builder.setDaemon(true);
            builder.start();
        }
        this.credentialSource = c.credentialSource();
        this.callTimeout = c.callTimeout();
    }

    /**
     * The JDK-based HTTP client every client shares. Its TLS context gets the default trust manager deferred to the
     * first handshake (see {@link DeferredTrustManager}), so a plain-HTTP endpoint never loads the trust store.
     */
    static SdkHttpClient httpClient(Duration socketTimeout) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(socketTimeout)
                .tlsTrustManagersProvider(DeferredTrustManager::asArray)
                .build();
    }

    /** The longest one API call may take, retries included. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** Starts building clients for {@code connection}. */
    public static Builder builder(AwsConnection connection) {
        return new Builder(connection);
    }

    public GlueClient glue() {
        return built(glue);
    }

    public S3Client s3() {
        return (S3Client) built(s3);
    }

    public CloudWatchLogsClient logs() {
        return (CloudWatchLogsClient) built(logs);
    }

    /** The client of {@code task}, built on this thread if the builder thread has not started it yet. */
    private static <T> T built(FutureTask<T> task) {
        task.run();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    // Building a client takes a moment and cannot be abandoned half-way: finish, then re-assert.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("building an AWS client failed: " + e.getCause(), e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public StsClient sts() {
        return sts;
    }

    public String region() {
        return region;
    }

    /** The endpoint override, or null for AWS itself. */
    public URI endpoint() {
        return endpoint;
    }

    /** Where the credentials come from, in words: safe to print. */
    public String credentialSource() {
        return credentialSource;
    }

    @Override
    public void close() {
        for (FutureTask<? extends AutoCloseable> task : List.of(glue, s3, logs)) {
            if (!buildInBackground && !task.isDone()) {
                continue; // never asked for, so never built
            }
            try {
                closeQuietly(built(task));
            } catch (RuntimeException | Error notBuilt) {
                // Nothing to close.
            }
        }
        closeQuietly(sts);
        for (AutoCloseable c : owned) {
            closeQuietly(c);
        }
        http.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing is best effort: nothing useful can be done about a client that fails to close.
        }
    }

    /**
     * The overrides of one client: its own retry strategy instance (adaptive mode measures and limits the sending
     * rate per instance, so throttled Glue calls do not slow the S3 cleanup down with them) and the call timeouts.
     * Log reads, the most numerous calls and best effort, use standard mode ({@code adaptive} false: backoff per call,
     * no client-wide limit): under throttling an adaptive limiter on the logs client fell to about one read a second
     * and held every check's drain, and so its cleanup and the next check's start, behind it (100 jobs at 10
     * requests/s: wall/floor 1.25-1.44 with it, 1.07-1.10 without; docs/performance.md).
     */
    private static ClientOverrideConfiguration overrides(AwsConnection c, boolean adaptive, Map<String, String> headers,
            String service) {
        var retry = (adaptive ? AwsRetryStrategy.adaptiveRetryStrategy() : AwsRetryStrategy.standardRetryStrategy())
                .toBuilder().maxAttempts(c.maxAttempts());
        if (c.sdkBackoffBase() != null) {
            BackoffStrategy backoff = BackoffStrategy.exponentialDelay(c.sdkBackoffBase(), c.sdkBackoffMax());
            retry.backoffStrategy(backoff).throttlingBackoffStrategy(backoff);
        }
        ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder();
        headers.forEach(config::putHeader);
        return config
                .retryStrategy(retry.build())
                .apiCallAttemptTimeout(c.attemptTimeout())
                .apiCallTimeout(c.callTimeout())
                .addExecutionInterceptor(new FailedOperation(service))
                .build();
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(
            B builder, ClientOverrideConfiguration overrides, AwsCredentialsProvider credentials) {
        builder.httpClient(http).overrideConfiguration(overrides).region(Region.of(region)).credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    private static AwsCredentialsProvider baseCredentials(AwsConnection c, boolean local) {
        if (c.hasStaticKeys()) {
            String id = c.accessKey().orElseThrow();
            String secret = c.secretKey().orElseThrow().reveal();
            return StaticCredentialsProvider.create(c.sessionToken()
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t -> AwsSessionCredentials.create(id, secret, t.reveal()))
                    .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
        }
        if (local) {
            // The local endpoint checks no signature; fixed, obviously fake keys keep the default chain (and
            // its instance-metadata lookups) out of local runs.
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("LOCALACCESSKEY", "local-secret-not-a-secret"));
        }
        if (c.profile().isPresent()) {
            return ProfileCredentialsProvider.builder().profileName(c.profile().get()).build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (java.io.IOException e) {
            // One message whatever the reason (missing, unreadable, a directory): the answer must not describe the path.
            throw new IllegalStateException("web_identity_token_file: the token file could not be read");
        }
    }

    /** Builds {@link AwsClients}; resolves region and endpoint on {@link #build()}. */
    public static final class Builder {
        private final AwsConnection connection;
        private final List<AutoCloseable> owned = new ArrayList<>();
        private URI endpointOverride;
        private boolean localCredentials;
        private final Map<String, String> headers = new java.util.LinkedHashMap<>();
        private String defaultSessionName = "glue-health-check";
        private SdkHttpClient httpClient;
        private boolean buildInBackground = true;

        private Builder(AwsConnection connection) {
            this.connection = connection;
        }

        /** Another HTTP client instead of the JDK-based one (the warm-up's in-memory client). */
        Builder httpClient(SdkHttpClient client) {
            this.httpClient = client;
            return this;
        }

        /**
         * Sends every call to {@code uri} instead of the endpoint setting; used when the local endpoint was started
         * by the caller. {@code local} says whether fake local credentials may stand in for missing ones.
         */
        public Builder endpointOverride(URI uri, boolean local) {
            this.endpointOverride = uri;
            this.localCredentials = local;
            return this;
        }

        /**
         * Sends this header with every call: the token of a local endpoint started for these clients, so that the
         * endpoint can refuse everyone else whatever credentials the settings name.
         */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Something to close together with the clients, e.g. a local endpoint started for them. */
        public Builder closeWith(AutoCloseable resource) {
            owned.add(resource);
            return this;
        }

        /**
         * Builds each client only when it is first asked for, instead of all of them on another thread at once: for
         * a caller that uses few of them (the janitor uses Glue alone), and whose package may leave the others out.
         */
        public Builder buildClientsOnFirstUse() {
            this.buildInBackground = false;
            return this;
        }

        /** Session name for assume-role when the setting is absent, e.g. {@code glue-health-check-b42}. */
        public Builder defaultSessionName(String name) {
            this.defaultSessionName = name;
            return this;
        }

        /**
         * Builds the clients.
         *
         * @throws AwsSetupException when no region can be found
         */
        public AwsClients build() {
            URI endpoint = endpointOverride;
            if (endpoint == null && connection.endpoint().isPresent() && !connection.isLocal()) {
                endpoint = URI.create(connection.endpoint().get());
            }
            boolean local = localCredentials || connection.isLocal();
            String region = connection.region().orElseGet(() -> local ? LOCAL_DEFAULT_REGION : regionFromChain());
            return new AwsClients(this, region, endpoint);
        }

        private static String regionFromChain() {
            try {
                return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
            } catch (RuntimeException e) {
                throw new AwsSetupException("region: not set and not found in the environment; set the region setting "
                        + "or AWS_REGION");
            }
        }
    }
}
