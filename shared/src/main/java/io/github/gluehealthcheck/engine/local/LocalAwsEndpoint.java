package io.github.gluehealthcheck.engine.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process AWS endpoint that speaks the real wire protocols of the Glue, S3, CloudWatch Logs and STS subsets
 * a health check uses, so the unmodified AWS SDK for Java v2 (or the AWS CLI) works against it with only an
 * endpoint override. It is both {@code endpoint: local} (a real health check with no AWS account: Python shell
 * scripts really run with the local {@code python3}, Spark/Ray scripts are syntax-checked only) and the test
 * double of every other test suite (request log, fault injection, scripted runs).
 *
 * <pre>{@code
 * try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
 *     GlueClient glue = GlueClient.builder().endpointOverride(endpoint.uri())...build();
 *     endpoint.faults().add(FaultRule.on("glue", "StartJobRun").error(ErrorKind.THROTTLING).times(2));
 *     ...
 *     assertThat(endpoint.requests().count("glue", "StartJobRun")).isEqualTo(3);
 * }
 * }</pre>
 *
 * <h2>Routing</h2>
 * Requests are routed by the service name in the SigV4 credential scope of the {@code Authorization} header (or a
 * presigned URL), else by {@code X-Amz-Target} ({@code AWSGlue.*}, {@code Logs_20140328.*}), else by a form
 * {@code Action} (STS, e.g. the unsigned AssumeRoleWithWebIdentity), else as path-style S3. Signatures are not
 * verified. S3 is path-style only ({@code forcePathStyle(true)}).
 *
 * <h2>Who may call</h2>
 * With {@link LocalEndpointOptions#requireToken()} (as {@code endpoint: local} and {@code local-endpoint} start it)
 * every request must prove the {@link #token()}: signed with it as the access key id, or carrying it in the
 * {@code X-Local-Endpoint-Token} header (the only way for the admin API). Without it (the Java API's default, for
 * tests in the same JVM) any credentials are accepted. Always: the {@code Host} header must name the endpoint by
 * IP address, {@code localhost} or an {@link LocalEndpointOptions#allowedHosts() allowed name}, a body larger than
 * {@link LocalEndpointOptions#maxBodyBytes()} is answered 413 unread, and admin POSTs must be
 * {@code application/json}.
 *
 * <h2>Runs</h2>
 * A run is STARTING for {@link LocalEndpointOptions#startingDelay()}, then RUNNING, then final. The script gets
 * the job's DefaultArguments overlaid with the run's Arguments, then {@code --JOB_NAME} and {@code --JOB_RUN_ID},
 * as {@code --key value} pairs.
 * <ul>
 * <li>{@code pythonshell}: the script is fetched from the local S3 and run with {@code python3 -u}; an
 *     {@code awsglue.utils.getResolvedOptions} stand-in is on PYTHONPATH, and AWS calls from the script go to this
 *     endpoint ({@code AWS_ENDPOINT_URL}, a key good for the AWS APIs only). The process gets an environment built
 *     from nothing, a private working directory, and its arguments on stdin (see {@code RunDriver}). stdout lines go to
 *     {@code /aws-glue/python-jobs/output}, stderr lines to {@code /aws-glue/python-jobs/error}, stream = run id.
 *     Exit 0 is SUCCEEDED; otherwise FAILED with the last non-empty stderr line as ErrorMessage.
 * <li>{@code glueetl}, {@code glueray}, {@code gluestreaming}: only {@code python3 -m py_compile}, one line saying
 *     so, RUNNING for {@link LocalEndpointOptions#checkedOnlyRunDuration()}, then SUCCEEDED (or FAILED with the
 *     compile error). Glue 5.x logs to {@code /aws-glue/jobs/output} and {@code /error} (stream = run id), older
 *     versions to {@code /aws-glue/jobs/logs-v2} (stream = run id + {@code -driver}).
 * <li>The job's Timeout (minutes of {@link LocalEndpointOptions#minuteLength()}, counted from RUNNING) ends a run
 *     as TIMEOUT; BatchStopJobRun moves it to STOPPING, kills the process tree and ends it STOPPED. Both, and
 *     {@link #close()}, kill the Python process and its children.
 * <li>A {@link RunScript} registered in {@link #runScripts()} replaces this behaviour for matching jobs.
 * </ul>
 * Log groups appear with their first line, so FilterLogEvents says ResourceNotFound until then, as on AWS. Jobs
 * and objects live in one namespace whatever region the client signs for.
 *
 * <h2>Admin API</h2>
 * Other processes (the CLI, a container, Jenkins) control a standalone endpoint over plain HTTP on the same port,
 * under {@code /_local/} (bucket names cannot start with {@code _}). Admin requests are never recorded, throttled
 * or faulted. Bodies and answers are JSON; times are ISO-8601.
 * <ul>
 * <li>{@code GET /_local/health}: {@code {"status":"ok"}}.
 * <li>{@code GET /_local/requests}: {@code {"requests":[{"at":"2026-01-01T00:00:00Z","service":"glue",
 *     "operation":"StartJobRun","httpStatus":200,"errorCode":null,"jobName":"hc-x","durationMillis":3,
 *     "detail":{"runId":"jr_..."}}]}}. {@code DELETE /_local/requests} clears the log.
 * <li>{@code POST /_local/faults} adds a rule: {@code {"service":"glue","operation":"StartJobRun",
 *     "error":"THROTTLING","times":3}}; optional {@code "job":"name"}, {@code "afterHandling":true}; a delay is
 *     {@code {"service":"s3","operation":"*","error":"DELAY","delayMillis":3000}}; an outage (connection reset, then
 *     nothing listens for a while) is {@code {"service":"glue","operation":"CreateJob","error":"OUTAGE","delayMillis":10000}};
 *     an answer spoiled on its way back is {@code "error":"UNREADABLE_TIMESTAMP"}, {@code "TRUNCATED_BODY"} or
 *     {@code "WRONG_CONTENT_TYPE"}; a denied IAM action is {@code {"deny":"glue:DeleteJob"}}. {@code error} is an
 *     {@link ErrorKind} name; without {@code times} the rule applies always. {@code GET} lists the rules,
 *     {@code DELETE} removes them all.
 * <li>{@code POST /_local/pause?seconds=N} (or {@code millis=N}): answers 202, then stops listening for that long
 *     and comes back on the same port with its state. {@code POST /_local/resume} ends a pause early (only from
 *     the Java API in practice: while paused nothing listens).
 * <li>{@code POST /_local/run-scripts} adds a {@link RunScript}: {@code {"jobNameContains":"expired",
 *     "steps":[{"state":"STARTING","millis":100},{"state":"WAITING","millis":500,"detail":"queued"},
 *     {"state":"RUNNING","millis":200},{"output":["line"]},{"error":["Exception: boom"]}],
 *     "end":"EXPIRED","errorMessage":"..."}}. Select jobs with {@code jobNameContains}, {@code jobNameRegex}
 *     (full match) or neither (all jobs). {@code end} is a final state (default {@code SUCCEEDED}, any name
 *     allowed), {@code UNTIL_STOPPED} or {@code NORMALLY}; {@code "stuckInStopping":true} or
 *     {@code "stoppingMillis":N} shape a stop. {@code DELETE /_local/run-scripts} removes them all.
 * <li>{@code GET /_local/state}: {@code {"jobs":[...],"runs":[...],"objects":[...],"logGroups":[...]}} with the
 *     fields of {@link LocalState}'s records.
 * </ul>
 */
public final class LocalAwsEndpoint implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalAwsEndpoint.class.getName());
    /**
     * How a run's ErrorMessage starts when the local run cannot judge the job (no Python, or a library Glue
     * provides is missing here); such a run ends in ERROR, and the engine reports it as not checked locally.
     */
    public static final String NOT_CHECKED_LOCALLY = "NOT CHECKED LOCALLY: ";
    /** A response header every answer of this endpoint carries, so a client given its URL knows it is local. */
    public static final String LOCAL_ENDPOINT_HEADER = "x-glue-health-check-endpoint";
    private static final Set<String> SERVICES = Set.of("glue", "s3", "logs", "sts");
    private static final String ADMIN_PREFIX = "/_local";
    private static final int BACKLOG = 128;

    private final LocalEndpointOptions options;
    private final RequestLog requestLog = new RequestLog();
    private final RunScripts runScripts = new RunScripts();
    private final Faults faults;
    private final LocalState state;
    private final GlueApi glue;
    private final S3Api s3;
    private final LogsApi logs;
    private final StsApi sts;
    private final AdminApi admin;
    private final RunDriver driver;
    private final RequestRate throttle;
    private final EndpointAccess access;

    private final ThreadPoolExecutor httpThreads;
    private final ThreadPoolExecutor runThreads;
    private final ThreadPoolExecutor streamThreads;
    private final ScheduledExecutorService scheduler;
    private final Path workDir;

    private final InetSocketAddress address;
    private final URI uri;
    private final Object lifecycle = new Object();
    // Guarded by lifecycle.
    private HttpServer server;
    private ScheduledFuture<?> resumption;
    private boolean closed;

    /**
     * The JDK's HTTP server writes a response's headers and body separately; without TCP_NODELAY the body waits for
     * the client's delayed acknowledgement, about 40 ms on every call on Linux, a delay AWS's endpoints do not have
     * (it made a short check look half a second slower than it is). The server reads this property once, when its
     * first instance in the JVM is made; one set on the command line wins.
     */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private LocalAwsEndpoint(LocalEndpointOptions options) throws IOException {
        this.options = options;
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        // Bound first, so that thread names can carry the port (a leak is then traceable to its endpoint).
        HttpServer first = HttpServer.create(
                new InetSocketAddress(InetAddress.getByName(options.host()), options.port()), BACKLOG);
        this.address = new InetSocketAddress(first.getAddress().getAddress(), first.getAddress().getPort());
        this.uri = uriOf(address);
        String prefix = "local-aws-" + address.getPort() + "-";
        this.httpThreads = new ThreadPoolExecutor(options.handlerThreads(), options.handlerThreads(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads(prefix + "http-"));
        this.httpThreads.allowCoreThreadTimeOut(true);
        this.runThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads(prefix + "run-"));
        this.streamThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads(prefix + "log-"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(threads(prefix + "scheduler-"));
        this.throttle = options.throttleRequestsPerSecond() > 0
                ? new RequestRate(options.throttleRequestsPerSecond()) : null;
        this.faults = new Faults(new Faults.Listener() {
            @Override
            public void pause(Duration duration) {
                LocalAwsEndpoint.this.pause(duration);
            }

            @Override
            public void resume() {
                LocalAwsEndpoint.this.resume();
            }

            @Override
            public boolean paused() {
                return LocalAwsEndpoint.this.paused();
            }
        });
        this.access = new EndpointAccess(options);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("glue-local-endpoint-");
            this.workDir = dir;
            ObjectStore objects = new ObjectStore();
            LogStore logStore = new LogStore();
            this.driver = new RunDriver(options, objects, logStore, workDir, streamThreads, uri, access.scriptKey());
            this.glue = new GlueApi(options, runScripts, driver, runThreads);
            options.deployedJobs().forEach(glue::seed);
            this.s3 = new S3Api(objects, options);
            this.logs = new LogsApi(logStore, options);
            this.sts = new StsApi(options);
            this.state = new LocalState(glue, objects, logStore);
            this.admin = new AdminApi(this);
        } catch (IOException | RuntimeException e) {
            first.stop(0);
            if (dir != null) {
                RunDriver.deleteRecursively(dir);
            }
            shutdownThreads();
            throw e;
        }
        this.server = configure(first);
        startAsDaemon(server);
        LOG.log(System.Logger.Level.DEBUG, "local AWS endpoint listening on " + uri);
    }

    /** Starts an endpoint with these options; it listens once this returns. */
    public static LocalAwsEndpoint start(LocalEndpointOptions options) throws IOException {
        return new LocalAwsEndpoint(options);
    }

    /** Starts an endpoint with the defaults on an ephemeral port of 127.0.0.1. */
    public static LocalAwsEndpoint start() throws IOException {
        return start(LocalEndpointOptions.defaults());
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint override for every client. */
    public URI uri() {
        return uri;
    }

    public int port() {
        return address.getPort();
    }

    public LocalEndpointOptions options() {
        return options;
    }

    /**
     * The token every request must prove (see {@link LocalEndpointOptions#requireToken()}): as the access key id
     * of a signed AWS request, or in the {@value EndpointAccess#TOKEN_HEADER} header. Empty when none is needed.
     */
    public Optional<String> token() {
        return Optional.ofNullable(access.token());
    }

    /** The header that carries the token: {@value EndpointAccess#TOKEN_HEADER}. */
    public static String tokenHeader() {
        return EndpointAccess.TOKEN_HEADER;
    }

    /** Every AWS request received. */
    public RequestLog requests() {
        return requestLog;
    }

    /** Fault injection. */
    public Faults faults() {
        return faults;
    }

    /** Scripted run behaviour. */
    public RunScripts runScripts() {
        return runScripts;
    }

    /** Snapshots of jobs, runs, objects and log events. */
    public LocalState state() {
        return state;
    }

    /** Stops listening, ends every run's thread, kills every Python process, and deletes temporary files. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (resumption != null) {
                resumption.cancel(false);
            }
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
        glue.allRuns().forEach(GlueRun::shutdown);
        driver.killAll();
        shutdownThreads();
        driver.killAll();
        RunDriver.deleteRecursively(workDir);
    }

    private void shutdownThreads() {
        List<ExecutorService> pools = List.of(scheduler, runThreads, streamThreads, httpThreads);
        pools.forEach(ExecutorService::shutdownNow);
        for (ExecutorService pool : pools) {
            try {
                if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "local endpoint threads did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Python processes still running; empty after {@link #close()}. */
    List<ProcessHandle> pythonProcesses() {
        return driver.liveProcesses();
    }

    // ---------------------------------------------------------------- pause / resume

    private void pause(Duration duration) {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            if (resumption != null) {
                resumption.cancel(false);
            }
            if (server != null) {
                server.stop(0);
                server = null;
            }
            resumption = scheduler.schedule(this::resume, Math.max(0, duration.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private void resume() {
        synchronized (lifecycle) {
            if (closed || server != null) {
                return;
            }
            if (resumption != null) {
                resumption.cancel(false);
                resumption = null;
            }
            try {
                server = bind(address);
                startAsDaemon(server);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "local endpoint could not listen again on " + address, e);
            }
        }
    }

    private boolean paused() {
        synchronized (lifecycle) {
            return !closed && server == null;
        }
    }

    /** Runs a task soon on the endpoint's scheduler (used to pause after the admin answer is sent). */
    void later(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closing: nothing left to do.
        }
    }

    void pauseFor(Duration duration) {
        pause(duration);
    }

    void resumeNow() {
        resume();
    }

    /** Binds the same address again, retrying briefly: after a pause the old socket may still be closing. */
    private HttpServer bind(InetSocketAddress at) throws IOException {
        BindException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return configure(HttpServer.create(at, BACKLOG));
            } catch (BindException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }

    /**
     * Starts the server so that its dispatcher thread is a daemon (it inherits that from the thread calling
     * start): an endpoint someone forgot to close must not keep the JVM alive.
     */
    private static void startAsDaemon(HttpServer s) {
        if (Thread.currentThread().isDaemon()) {
            s.start();
            return;
        }
        Thread starter = new Thread(s::start, "local-aws-starter");
        starter.setDaemon(true);
        starter.start();
        boolean interrupted = false;
        while (true) {
            try {
                starter.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpServer configure(HttpServer s) {
        s.createContext("/", this::handle);
        s.setExecutor(httpThreads);
        return s;
    }

    private static URI uriOf(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip.isAnyLocalAddress() ? "127.0.0.1"
                : ip instanceof java.net.Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        return URI.create("http://" + host + ":" + address.getPort());
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---------------------------------------------------------------- requests

    private void handle(HttpExchange exchange) {
        try {
            if (!access.hostAllowed(exchange.getRequestHeaders().getFirst("Host"))) {
                refuse(exchange, 403, "the Host header must name this endpoint by IP address or localhost, or a "
                        + "name it was started to allow (--allow-host)");
                return;
            }
            String rawPath = exchange.getRequestURI().getRawPath();
            if (rawPath != null && (rawPath.equals(ADMIN_PREFIX) || rawPath.startsWith(ADMIN_PREFIX + "/"))) {
                if (!access.adminAllowed(exchange.getRequestHeaders().getFirst(EndpointAccess.TOKEN_HEADER))) {
                    refuse(exchange, 403, EndpointAccess.tokenMissing());
                    return;
                }
                admin.handle(exchange);
                return;
            }
            serve(exchange, rawPath);
        } catch (IOException e) {
            // The client went away, or the endpoint paused or closed under the request.
            LOG.log(System.Logger.Level.DEBUG, "request aborted", e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "local endpoint failed to answer a request", e);
        } finally {
            exchange.close();
        }
    }

    /** A refusal before the request is read: plain text, and the connection closes (its body is left unread). */
    private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * The request body, or null when it is larger than {@code limit}: a declared length is refused unread, a body
     * without one is read only up to the limit. Either way memory stays bounded.
     */
    static byte[] readBody(HttpExchange exchange, long limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    return null;
                }
            } catch (NumberFormatException e) {
                // The server has already refused a malformed length; read as usual.
            }
        }
        byte[] body = exchange.getRequestBody().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return body.length > limit ? null : body;
    }

    private void serve(HttpExchange exchange, String rawPath) throws IOException {
        long started = System.nanoTime();
        Instant at = Instant.now();
        Headers requestHeaders = exchange.getRequestHeaders();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        // Checked on the headers alone, before a byte of the body is read.
        AwsRequest unread = new AwsRequest(exchange.getRequestMethod(), rawPath, rawQuery, requestHeaders, new byte[0]);
        ServiceError refusal = null;
        byte[] body = null;
        if (!access.awsAllowed(requestHeaders.getFirst(EndpointAccess.TOKEN_HEADER), unread.accessKeyId,
                sts::issued)) {
            refusal = new ServiceError(switch (unread.signedService == null ? "s3" : unread.signedService) {
                case "s3" -> "InvalidAccessKeyId";
                case "sts" -> "InvalidClientTokenId";
                default -> "UnrecognizedClientException";
            }, 403, EndpointAccess.tokenMissing());
        } else {
            body = readBody(exchange, access.maxBodyBytes());
            if (body == null) {
                refusal = new ServiceError("EntityTooLarge", 413, "the request body is larger than this endpoint's "
                        + "limit of " + access.maxBodyBytes() + " bytes");
            }
        }
        if (refusal != null) {
            route(unread);
            requestLog.add(new RecordedRequest(at, unread.service, unread.operation, refusal.status, refusal.code,
                    unread.jobName, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), unread.detail));
            send(exchange, unread, renderError(unread, refusal).header("Connection", "close"));
            return;
        }
        AwsRequest request = new AwsRequest(exchange.getRequestMethod(), rawPath, rawQuery, requestHeaders, body);
        route(request);

        AwsResponse response = null;
        boolean reset = false;
        if (throttle != null && SERVICES.contains(request.service) && !throttle.tryAcquire()) {
            response = renderError(request, ErrorKind.THROTTLING.toError(request.service));
        } else {
            FaultRule fault = SERVICES.contains(request.service) ? faults.take(request) : null;
            if (fault == null) {
                response = dispatch(request);
            } else {
                AwsResponse real = fault.isAfterHandling() ? dispatch(request) : null;
                switch (fault.kind()) {
                    case DELAY -> {
                        sleep(fault.delayDuration());
                        response = real != null ? real : dispatch(request);
                    }
                    case UNREADABLE_TIMESTAMP, TRUNCATED_BODY, WRONG_CONTENT_TYPE -> response = SpoiledAnswer.spoil(
                            fault.kind(), request, real != null ? real : dispatch(request));
                    case ACCESS_DENIED -> response = renderError(request, fault.deniedAction() != null
                            ? ErrorKind.denied(request.service, fault.deniedAction())
                            : fault.kind().toError(request.service));
                    case CONNECTION_RESET -> reset = true;
                    case OUTAGE -> {
                        reset = true;
                        Duration outage = fault.delayDuration();
                        later(() -> pause(outage));
                    }
                    default -> response = renderError(request, fault.kind().toError(request.service));
                }
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        // Recorded before answering, so a test that has its answer also finds the request in the log.
        if (reset) {
            requestLog.add(new RecordedRequest(at, request.service, request.operation, 0, "ConnectionReset",
                    request.jobName, millis, request.detail));
            // Closing the exchange before any response header closes the connection: the client sees a reset.
            return;
        }
        requestLog.add(new RecordedRequest(at, request.service, request.operation, response.status,
                response.errorCode, request.jobName, millis, request.detail));
        send(exchange, request, response);
    }


    /** Sets the request's service and operation (and job) so faults can match them. */
    private static void route(AwsRequest request) {
        String service = request.signedService;
        if (service == null || !SERVICES.contains(service)) {
            String target = request.header("X-Amz-Target");
            if (target != null && target.startsWith(GlueApi.TARGET_PREFIX)) {
                service = "glue";
            } else if (target != null && target.startsWith(LogsApi.TARGET_PREFIX)) {
                service = "logs";
            } else if ("/".equals(request.rawPath) && request.formParam("Action") != null) {
                service = "sts";
            } else if (service == null) {
                service = "s3";
            } else {
                request.detail.put("signingName", service);
                service = "unknown";
            }
        }
        request.service = service;
        switch (service) {
            case "glue" -> GlueApi.classify(request);
            case "s3" -> S3Api.classify(request);
            case "logs" -> LogsApi.classify(request);
            case "sts" -> StsApi.classify(request);
            default -> {
                // Answered as an unknown service below.
            }
        }
    }

    private AwsResponse dispatch(AwsRequest request) {
        try {
            return switch (request.service) {
                case "glue" -> glue.handle(request);
                case "s3" -> s3.handle(request);
                case "logs" -> logs.handle(request);
                case "sts" -> sts.handle(request);
                default -> throw ServiceError.badRequest("UnrecognizedClientException",
                        "The local endpoint serves glue, s3, logs and sts only, not "
                                + request.detail.get("signingName"));
            };
        } catch (ServiceError e) {
            return renderError(request, e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "local endpoint failed on " + request.service + ":"
                    + request.operation, e);
            return renderError(request, ErrorKind.INTERNAL_ERROR.toError(request.service));
        }
    }

    private static AwsResponse renderError(AwsRequest request, ServiceError e) {
        return switch (request.service) {
            case "s3" -> S3Api.error(request, e);
            case "sts" -> StsApi.error(e);
            case "logs" -> LogsApi.error(e);
            default -> GlueApi.error(e);
        };
    }

    private static void send(HttpExchange exchange, AwsRequest request, AwsResponse response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        response.headers.forEach(headers::set);
        String requestId = UUID.randomUUID().toString();
        headers.set("x-amzn-RequestId", requestId);
        headers.set("x-amz-request-id", requestId);
        headers.set("x-amz-id-2", "local");
        headers.set(LOCAL_ENDPOINT_HEADER, "local");
        boolean noBody = "HEAD".equals(request.method) || response.status == 204 || response.body.length == 0;
        // -1 means "no body" to HttpServer; 0 would mean chunked.
        exchange.sendResponseHeaders(response.status, noBody ? -1 : response.body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A token bucket holding one second's worth of requests. */
    private static final class RequestRate {
        private final double perSecond;
        private double tokens;
        private long last = System.nanoTime();

        RequestRate(double perSecond) {
            this.perSecond = perSecond;
            this.tokens = Math.max(1, perSecond);
        }

        synchronized boolean tryAcquire() {
            long now = System.nanoTime();
            tokens = Math.min(Math.max(1, perSecond), tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
