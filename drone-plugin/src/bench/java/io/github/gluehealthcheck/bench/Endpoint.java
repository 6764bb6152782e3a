package io.github.gluehealthcheck.bench;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local AWS endpoint as its own process ({@code java -jar glue-health-check.jar local-endpoint}), as a CI
 * service would run it, and its {@code /_local/} admin API: request log, state, scripted runs.
 */
final class Endpoint implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    private Endpoint(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static Endpoint start(String java, String jar, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar, "local-endpoint", "--port", "0", "--host",
                "127.0.0.1"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The endpoint requires a token on every request; a CI service fixes it the same way.
        builder.environment().put("LOCAL_ENDPOINT_TOKEN", Bench.ACCESS);
        Process p = builder.start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
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
                        // ended
                    }
                }, "endpoint-output");
                drain.setDaemon(true);
                drain.start();
                return new Endpoint(p, m.group(1));
            }
        }
        throw new IllegalStateException("the local endpoint did not start:\n" + seen);
    }

    String url() {
        return url;
    }

    int port() {
        return URI.create(url).getPort();
    }

    /** Every recorded request. */
    List<Request> requests() {
        List<Request> out = new ArrayList<>();
        for (JsonNode r : get("/_local/requests").get("requests")) {
            out.add(new Request(Instant.parse(r.get("at").asText()), r.get("service").asText(),
                    r.get("operation").asText(), r.get("httpStatus").asInt(), text(r, "errorCode"), text(r, "jobName")));
        }
        return out;
    }

    void clearRequests() {
        send("DELETE", "/_local/requests", null);
    }

    /** Every run, of deleted jobs too. */
    List<Run> runs() {
        List<Run> out = new ArrayList<>();
        for (JsonNode r : get("/_local/state").get("runs")) {
            String completed = text(r, "completedOn");
            out.add(new Run(r.get("id").asText(), r.get("jobName").asText(), r.get("state").asText(),
                    Instant.parse(r.get("startedOn").asText()), completed == null ? null : Instant.parse(completed)));
        }
        return out;
    }

    int jobCount() {
        return get("/_local/state").get("jobs").size();
    }

    /** A scripted run for jobs whose name contains {@code contains}: STARTING, then RUNNING, then SUCCEEDED. */
    void scriptRun(String contains, long startingMillis, long runningMillis) {
        String body = "{\"jobNameContains\":\"" + contains + "\",\"steps\":[{\"state\":\"STARTING\",\"millis\":"
                + startingMillis + "},{\"state\":\"RUNNING\",\"millis\":" + runningMillis
                + "},{\"output\":[\"scripted run done\"]}],\"end\":\"SUCCEEDED\"}";
        send("POST", "/_local/run-scripts", body);
    }

    /** Every call to the four services answered {@code millis} late (a delay fault on each), until {@link #clearFaults}. */
    void delayEveryCall(long millis) {
        for (String service : List.of("sts", "glue", "s3", "logs")) {
            send("POST", "/_local/faults", "{\"service\":\"" + service + "\",\"operation\":\"*\",\"error\":\"delay\","
                    + "\"delayMillis\":" + millis + "}");
        }
    }

    void clearFaults() {
        send("DELETE", "/_local/faults", null);
    }

    void clearRunScripts() {
        send("DELETE", "/_local/run-scripts", null);
    }

    private JsonNode get(String path) {
        try {
            return JSON.readTree(send("GET", path, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        b.header("X-Local-Endpoint-Token", Bench.ACCESS);
        if ("POST".equals(method)) {
            b.header("Content-Type", "application/json");
        }
        try {
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

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record Request(Instant at, String service, String operation, int status, String errorCode, String jobName) {
        boolean throttled() {
            return errorCode != null && (errorCode.startsWith("Throttling") || errorCode.equals("SlowDown"));
        }

        String name() {
            return service + ":" + operation;
        }
    }

    record Run(String id, String jobName, String state, Instant startedOn, Instant completedOn) {
        double seconds() {
            return completedOn == null ? Double.NaN : java.time.Duration.between(startedOn, completedOn).toNanos() / 1e9;
        }
    }
}
