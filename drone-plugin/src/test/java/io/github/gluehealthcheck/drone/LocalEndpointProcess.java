package io.github.gluehealthcheck.drone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jar's own {@code local-endpoint} subcommand, running as a separate process like a CI service would, with its
 * {@code /_local/} admin API: the request log and the state tell what a run of the CLI did and left behind.
 */
final class LocalEndpointProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI uri;
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalEndpointProcess(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /** Starts on a free port with short STARTING and syntax-check times, and waits until it listens. */
    static LocalEndpointProcess start(String... moreOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Cli.java(), "-jar", Cli.JAR.toString(), "local-endpoint",
                "--port", "0", "--host", "127.0.0.1", "--starting-delay-ms", "100", "--checked-only-run-ms", "300"));
        command.addAll(List.of(moreOptions));
        // The endpoint runs Python shell jobs with this machine's python3: it keeps the test's environment.
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The endpoint requires a token on every request; a CI service fixes it the same way.
        builder.environment().put("LOCAL_ENDPOINT_TOKEN", StepEnv.ACCESS_KEY);
        Process process = builder.start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (reader.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                }, "local-endpoint-output");
                drain.setDaemon(true);
                drain.start();
                return new LocalEndpointProcess(process, URI.create(m.group(1)));
            }
        }
        throw new IllegalStateException("the local endpoint did not start:\n" + seen);
    }

    URI uri() {
        return uri;
    }

    String url() {
        return uri.toString();
    }

    JsonNode state() {
        return get("/_local/state");
    }

    JsonNode requests() {
        return get("/_local/requests").get("requests");
    }

    /** {@code service:Operation} of every request since the last reset, in order. */
    List<String> operations() {
        List<String> out = new ArrayList<>();
        requests().forEach(r -> out.add(r.get("service").asText() + ":" + r.get("operation").asText()));
        return out;
    }

    /** Forgets requests, run scripts and faults from earlier tests. */
    void reset() {
        send("DELETE", "/_local/requests", null);
        send("DELETE", "/_local/run-scripts", null);
        send("DELETE", "/_local/faults", null);
    }

    /** Adds a fault (see LocalAwsEndpoint's admin API), e.g. {@code {"deny":"glue:DeleteJob"}}. */
    void fault(String json) {
        send("POST", "/_local/faults", json);
    }

    /** Adds a run script (see LocalAwsEndpoint's admin API), e.g. a run that stays RUNNING until stopped. */
    void runScript(String json) {
        send("POST", "/_local/run-scripts", json);
    }

    private JsonNode get(String path) {
        try {
            return JSON.readTree(send("GET", path, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String send(String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri.resolve(path));
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            b.header("X-Local-Endpoint-Token", StepEnv.ACCESS_KEY);
            if ("POST".equals(method)) {
                b.header("Content-Type", "application/json");
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
