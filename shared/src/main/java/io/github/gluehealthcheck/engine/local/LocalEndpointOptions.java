package io.github.gluehealthcheck.engine.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link LocalAwsEndpoint} behaves. Immutable; build with {@link #builder()}, change a copy with
 * {@link #toBuilder()}. The defaults suit {@code endpoint: local}; tests shrink the times.
 */
public final class LocalEndpointOptions {

    /** What a token may be: it travels as an access key id, in a credential scope split at '/' and ','. */
    static final String TOKEN_PATTERN = "[A-Za-z0-9._-]{16,128}";

    private final String host;
    private final int port;
    private final String pythonExecutable;
    private final String accountId;
    private final Duration startingDelay;
    private final Duration checkedOnlyRunDuration;
    private final Duration minuteLength;
    private final boolean autoCreateBuckets;
    private final double throttleRequestsPerSecond;
    private final int maxConcurrentRunsPerAccount;
    private final int handlerThreads;
    private final int emptyLogPages;
    private final List<String> deployedJobs;
    private final boolean requireToken;
    private final String token;
    private final List<String> allowedHosts;
    private final long maxBodyBytes;

    private LocalEndpointOptions(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.pythonExecutable = b.pythonExecutable;
        this.accountId = b.accountId;
        this.startingDelay = b.startingDelay;
        this.checkedOnlyRunDuration = b.checkedOnlyRunDuration;
        this.minuteLength = b.minuteLength;
        this.autoCreateBuckets = b.autoCreateBuckets;
        this.throttleRequestsPerSecond = b.throttleRequestsPerSecond;
        this.maxConcurrentRunsPerAccount = b.maxConcurrentRunsPerAccount;
        this.handlerThreads = b.handlerThreads;
        this.emptyLogPages = b.emptyLogPages;
        this.deployedJobs = List.copyOf(b.deployedJobs);
        this.requireToken = b.requireToken;
        this.token = b.token;
        this.allowedHosts = List.copyOf(b.allowedHosts);
        this.maxBodyBytes = b.maxBodyBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: 127.0.0.1, an ephemeral port, {@code python3}. */
    public static LocalEndpointOptions defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Address to listen on; default {@code 127.0.0.1}. {@code 0.0.0.0} serves other machines or containers. */
    public String host() {
        return host;
    }

    /** Port to listen on; {@code 0} (the default) picks a free one. */
    public int port() {
        return port;
    }

    /** Python interpreter for Python shell runs and syntax checks; default {@code python3} (found on PATH). */
    public String pythonExecutable() {
        return pythonExecutable;
    }

    /** The account STS reports and ARNs carry; default {@code 123456789012}. */
    public String accountId() {
        return accountId;
    }

    /** How long a run stays STARTING before it runs; default 300 ms. */
    public Duration startingDelay() {
        return startingDelay;
    }

    /** How long a Spark/Ray/streaming run stays RUNNING after its syntax check; default 1 s. */
    public Duration checkedOnlyRunDuration() {
        return checkedOnlyRunDuration;
    }

    /** The length of one Glue "minute" when enforcing a job's Timeout; default 60 s. */
    public Duration minuteLength() {
        return minuteLength;
    }

    /** Whether a PutObject to a missing bucket creates it (default) or fails with NoSuchBucket like S3. */
    public boolean autoCreateBuckets() {
        return autoCreateBuckets;
    }

    /** Global request rate beyond which requests get the service's throttling error; {@code 0} (default) = off. */
    public double throttleRequestsPerSecond() {
        return throttleRequestsPerSecond;
    }

    /** Active runs per account beyond which StartJobRun fails; {@code 0} (default) = unlimited. */
    public int maxConcurrentRunsPerAccount() {
        return maxConcurrentRunsPerAccount;
    }

    /** Threads that serve HTTP requests; default 16. Requests delayed by a fault hold one each. */
    public int handlerThreads() {
        return handlerThreads;
    }

    /**
     * How many empty pages (each still carrying a {@code nextToken}) FilterLogEvents returns before each page of
     * events; default 0. Real CloudWatch Logs does this while it searches, and a client that takes an empty page
     * for the end loses lines.
     */
    public int emptyLogPages() {
        return emptyLogPages;
    }

    /**
     * Whether every request must prove the endpoint's token ({@link LocalAwsEndpoint#token()}); default false, for
     * an endpoint that a test starts in its own JVM. {@code endpoint: local} and {@code local-endpoint} set it.
     */
    public boolean requireToken() {
        return requireToken;
    }

    /** The token to require instead of a random one: {@value #TOKEN_PATTERN}. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /**
     * Host names that requests may name in their {@code Host} header besides IP addresses and {@code localhost},
     * e.g. a CI service's name; default none.
     */
    public List<String> allowedHosts() {
        return allowedHosts;
    }

    /** The largest request body read; larger ones are answered 413 unread. Default 64 MiB. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Jobs that exist from the start, as if deployed by Terraform or the console: each a CreateJob request body
     * (JSON text, {@code Tags} included). They pass CreateJob's validation when the endpoint starts.
     */
    public List<String> deployedJobs() {
        return deployedJobs;
    }

    @Override
    public String toString() {
        return "LocalEndpointOptions{host=" + host + ", port=" + port + ", python=" + pythonExecutable
                + ", account=" + accountId + ", startingDelay=" + startingDelay
                + ", checkedOnlyRunDuration=" + checkedOnlyRunDuration + ", minuteLength=" + minuteLength
                + ", autoCreateBuckets=" + autoCreateBuckets + ", throttleRps=" + throttleRequestsPerSecond
                + ", maxConcurrentRunsPerAccount=" + maxConcurrentRunsPerAccount
                + ", handlerThreads=" + handlerThreads + ", emptyLogPages=" + emptyLogPages
                + ", requireToken=" + requireToken + (token != null ? ", token=(given)" : "")
                + ", allowedHosts=" + allowedHosts + ", maxBodyBytes=" + maxBodyBytes
                + ", deployedJobs=" + deployedJobs.size() + "}";
    }

    /** Builder for {@link LocalEndpointOptions}; {@link #build()} validates. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private String pythonExecutable = "python3";
        private String accountId = "123456789012";
        private Duration startingDelay = Duration.ofMillis(300);
        private Duration checkedOnlyRunDuration = Duration.ofSeconds(1);
        private Duration minuteLength = Duration.ofSeconds(60);
        private boolean autoCreateBuckets = true;
        private double throttleRequestsPerSecond = 0;
        private int maxConcurrentRunsPerAccount = 0;
        private int handlerThreads = 16;
        private int emptyLogPages = 0;
        private final List<String> deployedJobs = new ArrayList<>();
        private boolean requireToken;
        private String token;
        private List<String> allowedHosts = List.of();
        private long maxBodyBytes = 64L * 1024 * 1024;

        private Builder() {
        }

        private Builder(LocalEndpointOptions o) {
            host = o.host;
            port = o.port;
            pythonExecutable = o.pythonExecutable;
            accountId = o.accountId;
            startingDelay = o.startingDelay;
            checkedOnlyRunDuration = o.checkedOnlyRunDuration;
            minuteLength = o.minuteLength;
            autoCreateBuckets = o.autoCreateBuckets;
            throttleRequestsPerSecond = o.throttleRequestsPerSecond;
            maxConcurrentRunsPerAccount = o.maxConcurrentRunsPerAccount;
            handlerThreads = o.handlerThreads;
            emptyLogPages = o.emptyLogPages;
            deployedJobs.addAll(o.deployedJobs);
            requireToken = o.requireToken;
            token = o.token;
            allowedHosts = o.allowedHosts;
            maxBodyBytes = o.maxBodyBytes;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder pythonExecutable(String pythonExecutable) {
            this.pythonExecutable = pythonExecutable;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder startingDelay(Duration startingDelay) {
            this.startingDelay = startingDelay;
            return this;
        }

        public Builder checkedOnlyRunDuration(Duration checkedOnlyRunDuration) {
            this.checkedOnlyRunDuration = checkedOnlyRunDuration;
            return this;
        }

        public Builder minuteLength(Duration minuteLength) {
            this.minuteLength = minuteLength;
            return this;
        }

        public Builder autoCreateBuckets(boolean autoCreateBuckets) {
            this.autoCreateBuckets = autoCreateBuckets;
            return this;
        }

        public Builder throttleRequestsPerSecond(double throttleRequestsPerSecond) {
            this.throttleRequestsPerSecond = throttleRequestsPerSecond;
            return this;
        }

        public Builder maxConcurrentRunsPerAccount(int maxConcurrentRunsPerAccount) {
            this.maxConcurrentRunsPerAccount = maxConcurrentRunsPerAccount;
            return this;
        }

        public Builder handlerThreads(int handlerThreads) {
            this.handlerThreads = handlerThreads;
            return this;
        }

        public Builder emptyLogPages(int emptyLogPages) {
            this.emptyLogPages = emptyLogPages;
            return this;
        }

        public Builder requireToken(boolean requireToken) {
            this.requireToken = requireToken;
            return this;
        }

        /** Requires this token (and sets {@link #requireToken}); null goes back to a random one. */
        public Builder token(String token) {
            this.token = token;
            if (token != null) {
                this.requireToken = true;
            }
            return this;
        }

        public Builder allowedHosts(List<String> allowedHosts) {
            this.allowedHosts = List.copyOf(allowedHosts);
            return this;
        }

        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** Adds a deployed job: a CreateJob request body as JSON text (see {@link #deployedJobs()}). */
        public Builder deployedJob(String createJobJson) {
            this.deployedJobs.add(Objects.requireNonNull(createJobJson, "createJobJson"));
            return this;
        }

        /**
         * Adds the deployed jobs of a file {@code {"jobs":[{CreateJob request}, ...]}}.
         *
         * @throws IllegalArgumentException one line naming the file and what is wrong with it
         */
        public Builder deployedJobsFile(Path file) {
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(Files.readString(file));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("deployed jobs file " + file + " is not valid JSON: "
                        + e.getOriginalMessage());
            } catch (IOException e) {
                throw new IllegalArgumentException("deployed jobs file " + file + " cannot be read: " + e);
            }
            JsonNode jobs = root == null ? null : root.get("jobs");
            if (jobs == null || !jobs.isArray()) {
                throw new IllegalArgumentException("deployed jobs file " + file
                        + " must be a JSON object {\"jobs\": [CreateJob requests]}");
            }
            for (JsonNode job : jobs) {
                if (!job.isObject()) {
                    throw new IllegalArgumentException("deployed jobs file " + file
                            + ": each entry of \"jobs\" must be an object (a CreateJob request)");
                }
                deployedJobs.add(job.toString());
            }
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid option */
        public LocalEndpointOptions build() {
            require(host != null && !host.isBlank(), "host must not be blank");
            require(port >= 0 && port <= 65535, "port must be 0..65535, was " + port);
            require(pythonExecutable != null && !pythonExecutable.isBlank(), "pythonExecutable must not be blank");
            require(accountId != null && accountId.matches("\\d{12}"), "accountId must be 12 digits");
            requireNotNegative(startingDelay, "startingDelay");
            requireNotNegative(checkedOnlyRunDuration, "checkedOnlyRunDuration");
            Objects.requireNonNull(minuteLength, "minuteLength");
            require(!minuteLength.isZero() && !minuteLength.isNegative(), "minuteLength must be positive");
            require(throttleRequestsPerSecond >= 0 && Double.isFinite(throttleRequestsPerSecond),
                    "throttleRequestsPerSecond must be >= 0");
            require(maxConcurrentRunsPerAccount >= 0, "maxConcurrentRunsPerAccount must be >= 0");
            require(handlerThreads >= 1, "handlerThreads must be >= 1");
            require(emptyLogPages >= 0, "emptyLogPages must be >= 0");
            require(token == null || token.matches(TOKEN_PATTERN),
                    "token must be 16 to 128 letters, digits, '.', '_' or '-'");
            for (String h : allowedHosts) {
                require(h != null && h.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})"),
                        "allowed host must be a host name (letters, digits, '.', '-'), was '" + h + "'");
            }
            require(maxBodyBytes >= 1024, "maxBodyBytes must be at least 1024");
            return new LocalEndpointOptions(this);
        }

        private static void requireNotNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            require(!d.isNegative(), name + " must not be negative");
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
