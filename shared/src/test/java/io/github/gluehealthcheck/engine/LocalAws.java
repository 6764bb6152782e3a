package io.github.gluehealthcheck.engine;

import io.github.gluehealthcheck.engine.aws.AwsClients;
import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.local.LocalAwsEndpoint;
import io.github.gluehealthcheck.engine.local.LocalEndpointOptions;
import io.github.gluehealthcheck.engine.local.LocalState;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.JobType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test fixture: the local endpoint with short timings, real SDK clients pointed at it, fast engine options, and a
 * workspace with scripts. Every engine test goes through the real AWS SDK and the real wire protocols.
 *
 * <p>Use it as an extension ({@code @RegisterExtension final LocalAws local = new LocalAws();}: a fresh endpoint and
 * workspace for each test), or open one explicitly with {@link #LocalAws(Path)} and close it.
 */
public final class LocalAws implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
    public static final String ROLE = "arn:aws:iam::123456789012:role/glue-ci";
    public static final String BUCKET = "s3://ci-scripts/checks";

    public LocalAwsEndpoint endpoint;
    public AwsClients aws;
    public Path workspace;
    private final LocalEndpointOptions options;
    private final AwsConnection.Builder connection;
    private boolean ownsWorkspace;
    public final CiContext context = CiContext.builder().provider("drone").repo("data/etl").pullRequest("12").buildNumber("34").build();

    /** Extension mode: started before each test, closed after it. */
    public LocalAws() {
        this.options = fastEndpoint();
        this.connection = fastConnection();
    }

    public LocalAws(Path workspace) {
        this(workspace, fastEndpoint());
    }

    LocalAws(Path workspace, LocalEndpointOptions options) {
        this(workspace, options, fastConnection());
    }

    /** The fixture with its own endpoint options and client timings (e.g. a shortened attempt timeout). */
    public LocalAws(Path workspace, LocalEndpointOptions options, AwsConnection.Builder connection) {
        this.options = options;
        this.connection = connection;
        open(workspace);
    }

    /** Client timings that keep fault scenarios short: 3 s per attempt, 15 s per call, 3 attempts. */
    public static AwsConnection.Builder fastConnection() {
        return AwsConnection.builder().attemptTimeout(Duration.ofSeconds(3))
                .callTimeout(Duration.ofSeconds(15)).maxAttempts(3)
                .sdkBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    /** Endpoint timings the engine tests use: runs start and end in a fraction of a second. */
    public static LocalEndpointOptions fastEndpoint() {
        return LocalEndpointOptions.builder().startingDelay(Duration.ofMillis(100))
                .checkedOnlyRunDuration(Duration.ofMillis(200)).minuteLength(Duration.ofSeconds(2)).build();
    }

    private void open(Path workspace) {
        this.workspace = workspace;
        try {
            this.endpoint = LocalAwsEndpoint.start(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.aws = AwsClients.builder(connection.build()).endpointOverride(endpoint.uri(), true).build();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        ownsWorkspace = true;
        open(Files.createTempDirectory("glue-health-check-test"));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        close();
        if (ownsWorkspace) {
            try (var files = Files.walk(workspace)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The most runs active at the same instant, from the endpoint's own start and end times. */
    public static int maxOverlap(List<LocalState.Run> runs) {
        List<long[]> edges = new ArrayList<>();
        for (LocalState.Run r : runs) {
            edges.add(new long[] {r.startedOn().toEpochMilli() * 10 + 1, 1});
            edges.add(new long[] {r.completedOn().toEpochMilli() * 10, -1});
        }
        edges.sort((a, b) -> Long.compare(a[0], b[0]));
        int active = 0;
        int max = 0;
        for (long[] e : edges) {
            active += (int) e[1];
            max = Math.max(max, active);
        }
        return max;
    }

    /**
     * Short waits everywhere. The status-read budget is lifted: 50 ms polls of many runs would exceed the real one, which
     * {@code PlanRunTest} covers on its own. (A {@link CheckSession} applies its request's {@code status_reads_per_second}
     * over it, as it does in the product.)
     */
    public static EngineOptions.Builder fastOptions() {
        return EngineOptions.builder().statusReadsPerSecond(1_000)
                .pollSchedule(PollSchedule.fixed(Duration.ofMillis(50)))
                .logReadInterval(Duration.ofMillis(100))
                .retryBase(Duration.ofMillis(50)).retryCap(Duration.ofMillis(400))
                .stepRetryBudget(Duration.ofSeconds(10))
                .stopWait(Duration.ofSeconds(5)).cancelStopWait(Duration.ofSeconds(2));
    }

    public HealthCheck healthCheck() {
        return new HealthCheck(aws, fastOptions().build());
    }

    public Path script(String name, String content) {
        try {
            Path file = workspace.resolve("jobs").resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Python shell spec for a script written into the workspace. */
    public CheckSpec.Builder pythonShell(String name, String content) {
        script(name, content);
        return CheckSpec.builder().workspace(workspace).script("jobs/" + name).jobType(JobType.PYTHONSHELL)
                .role(ROLE).scriptsBucket(BUCKET).maxWait(Duration.ofSeconds(20));
    }

    /**
     * Settings as a user gives them (the contract's keys), pointing at this endpoint, over {@code given}: workspace,
     * endpoint, region, and the role and scripts bucket unless given.
     */
    public java.util.Map<String, Object> settings(java.util.Map<String, Object> given) {
        java.util.Map<String, Object> s = new java.util.HashMap<>(given);
        s.put("workspace", workspace.toString());
        s.put("endpoint", endpoint.uri().toString());
        s.put("region", "eu-west-1");
        s.putIfAbsent("role", ROLE);
        s.putIfAbsent("scripts_bucket", BUCKET);
        return s;
    }

    /** Nothing of ours is left: no job, no staged object. */
    public List<String> leftovers() {
        List<String> left = new ArrayList<>();
        endpoint.state().jobs().forEach(j -> left.add("job " + j.name()));
        endpoint.state().objects().stream().filter(o -> o.bucket().equals("ci-scripts"))
                .forEach(o -> left.add("object " + o.key()));
        return left;
    }

    /** Records every listener event as a line, thread-safely. */
    public static final class Recorder implements ProgressListener {
        public final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<LogLine> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void phase(String job, Phase phase, String detail) {
            events.add("phase " + phase + " " + detail);
        }

        @Override
        public void runState(String job, String state, String detail) {
            events.add("state " + state + (detail == null ? "" : " " + detail));
        }

        @Override
        public void logLine(String job, LogLine line) {
            lines.add(line);
        }

        @Override
        public void verdict(String job, CheckResult result) {
            events.add("verdict " + result.status());
        }

        @Override
        public void cleanup(String job, CleanupStep step) {
            events.add("cleanup " + step);
        }

        @Override
        public void warning(String job, String message) {
            events.add("warning " + message);
        }

        @Override
        public void debug(String job, String message) {
            events.add("debug " + message);
        }

        public List<String> messages() {
            synchronized (lines) {
                return lines.stream().map(LogLine::message).toList();
            }
        }
    }

    @Override
    public void close() {
        aws.close();
        endpoint.close();
    }
}
