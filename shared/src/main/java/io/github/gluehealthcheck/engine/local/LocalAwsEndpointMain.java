package io.github.gluehealthcheck.engine.local;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalAwsEndpoint} as its own process, for tests that drive the CLI or a container against it:
 *
 * <pre>
 * java -cp ... io.github.gluehealthcheck.engine.local.LocalAwsEndpointMain --port 4566
 * local AWS endpoint token: LOCAL3F9A... (AWS_ACCESS_KEY_ID=&lt;token&gt;; admin API: X-Local-Endpoint-Token: &lt;token&gt;)
 * local AWS endpoint listening on http://127.0.0.1:4566
 * </pre>
 *
 * Every request must prove the token (see {@link LocalAwsEndpoint#token()}): whoever else can reach the port (other
 * users of the machine, a web page in a browser here, other containers) cannot use it.
 *
 * It serves until SIGTERM or SIGINT, then kills its Python processes and exits 0. The CLI's
 * {@code local-endpoint} subcommand calls {@link #run(String[], PrintStream)}.
 */
public final class LocalAwsEndpointMain {

    /** A fixed token, for a CI service whose clients must know it in advance; random when unset. */
    static final String TOKEN_VARIABLE = "LOCAL_ENDPOINT_TOKEN";

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: local-endpoint [options]",
            "Serves the Glue, S3, CloudWatch Logs and STS subsets of a health check on this machine until",
            "SIGTERM or SIGINT. Control it over HTTP under /_local/ (see LocalAwsEndpoint).",
            "",
            "  --port N                 port to listen on (default 4566; 0 picks a free one)",
            "  --host ADDRESS           address to listen on (default 127.0.0.1; 0.0.0.0 serves other machines,",
            "                           who then need only the token)",
            "  --allow-host NAME        accept requests that name this endpoint NAME (e.g. a CI service name);",
            "                           IP addresses and localhost are always accepted; repeatable",
            "  --max-body-mb N          refuse request bodies larger than N MiB with 413 (default 64)",
            "  --python PATH            Python for Python shell runs and syntax checks (default python3)",
            "  --account-id ID          12-digit account STS reports (default 123456789012)",
            "  --starting-delay-ms N    how long a run stays STARTING (default 300)",
            "  --checked-only-run-ms N  how long a syntax-checked Spark/Ray run stays RUNNING (default 1000)",
            "  --minute-seconds S       length of one Glue minute for job Timeouts (default 60)",
            "  --throttle-rps R         throttle requests beyond R per second (default 0 = off)",
            "  --max-concurrent-runs N  account-wide limit of active runs (default 0 = unlimited)",
            "  --empty-log-pages N      empty FilterLogEvents pages (with a token) before each page (default 0)",
            "  --no-auto-create-buckets PutObject to a missing bucket fails with NoSuchBucket, as in S3",
            "  --deployed-jobs FILE     jobs that exist from the start: {\"jobs\":[CreateJob requests]}",
            "  --help                   print this help",
            "",
            "Every request must carry the token printed at start: AWS tools sign with it as the access key id",
            "(AWS_ACCESS_KEY_ID=<token>, any secret key), the admin API takes it in the " + EndpointAccess.TOKEN_HEADER,
            "header. " + TOKEN_VARIABLE + " in the environment sets the token (16 to 128 letters, digits, '.', '_', '-').");

    private LocalAwsEndpointMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /**
     * Parses the options, serves until SIGTERM/SIGINT, and returns the exit code: 0 after a clean stop or
     * {@code --help}, 2 for bad options (one line saying which), 3 when it cannot listen.
     */
    public static int run(String[] args, PrintStream out) {
        return run(args, System.getenv(TOKEN_VARIABLE), out);
    }

    static int run(String[] args, String fixedToken, PrintStream out) {
        LocalEndpointOptions options;
        try {
            options = parse(args);
            if (options != null) {
                if (fixedToken != null && !fixedToken.isEmpty() && !fixedToken.matches(LocalEndpointOptions.TOKEN_PATTERN)) {
                    throw new IllegalArgumentException(TOKEN_VARIABLE
                            + " must be 16 to 128 letters, digits, '.', '_' or '-'");
                }
                options = options.toBuilder().requireToken(true)
                        .token(fixedToken == null || fixedToken.isEmpty() ? null : fixedToken).build();
            }
        } catch (IllegalArgumentException e) {
            out.println("local-endpoint: " + e.getMessage() + " (see --help)");
            return 2;
        }
        if (options == null) {
            out.println(USAGE);
            return 0;
        }
        LocalAwsEndpoint endpoint;
        try {
            endpoint = LocalAwsEndpoint.start(options);
        } catch (IllegalArgumentException e) {
            out.println("local-endpoint: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            out.println("local-endpoint: cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage());
            return 3;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(endpoint::close, "local-endpoint-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Runnable restoreSignals = onSignals(stop::countDown, "TERM", "INT");
        out.println("local AWS endpoint token: " + endpoint.token().orElseThrow() + " (AWS_ACCESS_KEY_ID=<token>, "
                + "any secret key; admin API: " + EndpointAccess.TOKEN_HEADER + ": <token>)");
        out.println("local AWS endpoint listening on " + endpoint.uri());
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            endpoint.close();
            restoreSignals.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down.
            }
        }
        out.println("local AWS endpoint stopped");
        out.flush();
        return 0;
    }

    /** The options, or null when help was asked for. */
    static LocalEndpointOptions parse(String[] args) {
        LocalEndpointOptions.Builder b = LocalEndpointOptions.builder().port(4566);
        List<String> allowedHosts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--no-auto-create-buckets" -> b.autoCreateBuckets(false);
                case "--port", "--host", "--python", "--account-id", "--starting-delay-ms", "--checked-only-run-ms",
                        "--minute-seconds", "--throttle-rps", "--max-concurrent-runs", "--empty-log-pages",
                        "--allow-host", "--max-body-mb", "--deployed-jobs" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (arg.equals("--allow-host")) {
                        allowedHosts.add(value);
                    } else {
                        apply(b, arg, value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return b.allowedHosts(allowedHosts).build();
    }

    private static void apply(LocalEndpointOptions.Builder b, String option, String value) {
        try {
            switch (option) {
                case "--port" -> b.port(Integer.parseInt(value));
                case "--host" -> b.host(value);
                case "--python" -> b.pythonExecutable(value);
                case "--account-id" -> b.accountId(value);
                case "--starting-delay-ms" -> b.startingDelay(Duration.ofMillis(Long.parseLong(value)));
                case "--checked-only-run-ms" -> b.checkedOnlyRunDuration(Duration.ofMillis(Long.parseLong(value)));
                case "--minute-seconds" -> b.minuteLength(Duration.ofMillis(Math.round(Double.parseDouble(value)
                        * 1000)));
                case "--throttle-rps" -> b.throttleRequestsPerSecond(Double.parseDouble(value));
                case "--max-concurrent-runs" -> b.maxConcurrentRunsPerAccount(Integer.parseInt(value));
                case "--empty-log-pages" -> b.emptyLogPages(Integer.parseInt(value));
                case "--max-body-mb" -> b.maxBodyBytes(Long.parseLong(value) * 1024 * 1024);
                case "--deployed-jobs" -> b.deployedJobsFile(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was '" + value + "'");
        }
    }

    /**
     * Runs {@code action} on the named signals instead of the JVM's default (exit 143 for TERM), so the process
     * can stop its Python children and exit 0. {@code sun.misc.Signal} (module jdk.unsupported) is reached
     * reflectively; where it is missing the shutdown hook still cleans up. Returns a task that restores the
     * previous handlers.
     */
    private static Runnable onSignals(Runnable action, String... names) {
        List<Runnable> restore = new ArrayList<>();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, methodArgs) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == methodArgs[0];
                        default -> "local-endpoint signal handler";
                    });
            for (String name : names) {
                try {
                    Object signal = signalClass.getConstructor(String.class).newInstance(name);
                    Object previous = handle.invoke(null, signal, handler);
                    restore.add(() -> {
                        try {
                            handle.invoke(null, signal, previous);
                        } catch (ReflectiveOperationException e) {
                            // Leave ours in place.
                        }
                    });
                } catch (ReflectiveOperationException e) {
                    // e.g. INT is ignored (background job) or reserved (-Xrs): that signal keeps its default.
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // No sun.misc.Signal: the shutdown hook closes the endpoint instead.
        }
        return () -> restore.forEach(Runnable::run);
    }
}
