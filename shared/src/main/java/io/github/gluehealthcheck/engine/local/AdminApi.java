package io.github.gluehealthcheck.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code /_local/} control API, for processes that cannot reach the Java objects (CLI, containers). Its JSON
 * forms are documented on {@link LocalAwsEndpoint}.
 */
final class AdminApi {

    /** Fault rules and run scripts are small; nothing legitimate comes near this. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final LocalAwsEndpoint endpoint;

    AdminApi(LocalAwsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/_local".length());
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        Map<String, java.util.List<String>> query = AwsRequest.parseForm(exchange.getRequestURI().getRawQuery());
        try {
            if ("POST".equals(method) && !isJson(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                // A web page can send text/plain and form POSTs to any address without asking first (no CORS
                // preflight); a JSON POST it cannot.
                throw new AdminError(415, "admin POSTs must be Content-Type: application/json");
            }
            byte[] body = LocalAwsEndpoint.readBody(exchange, MAX_BODY_BYTES);
            if (body == null) {
                throw new AdminError(413, "admin request bodies are limited to " + MAX_BODY_BYTES + " bytes");
            }
            switch (path) {
                case "/health" -> {
                    requireMethod(method, "GET");
                    ObjectNode out = Json.object().put("status", "ok").put("paused", endpoint.faults().paused());
                    send(exchange, 200, out);
                }
                case "/requests" -> {
                    if ("DELETE".equals(method)) {
                        endpoint.requests().clear();
                        send(exchange, 204, null);
                    } else {
                        requireMethod(method, "GET");
                        send(exchange, 200, requests());
                    }
                }
                case "/faults" -> {
                    switch (method) {
                        case "POST" -> {
                            FaultRule rule = faultRule(parse(body));
                            endpoint.faults().add(rule);
                            send(exchange, 201, Json.object().put("added", rule.toString()));
                        }
                        case "DELETE" -> {
                            endpoint.faults().clear();
                            send(exchange, 204, null);
                        }
                        case "GET" -> {
                            ObjectNode out = Json.object();
                            ArrayNode rules = out.putArray("faults");
                            endpoint.faults().rules().forEach(r -> rules.add(r.toString()));
                            send(exchange, 200, out);
                        }
                        default -> throw new AdminError(405, "use POST, GET or DELETE");
                    }
                }
                case "/pause" -> {
                    requireMethod(method, "POST");
                    Duration duration = pauseDuration(query);
                    send(exchange, 202, Json.object().put("pausedForMillis", duration.toMillis()));
                    exchange.close();
                    // Stop listening only after the answer has left.
                    endpoint.later(() -> endpoint.pauseFor(duration));
                }
                case "/resume" -> {
                    requireMethod(method, "POST");
                    endpoint.resumeNow();
                    send(exchange, 200, Json.object().put("paused", false));
                }
                case "/run-scripts" -> {
                    if ("DELETE".equals(method)) {
                        endpoint.runScripts().clear();
                        send(exchange, 204, null);
                    } else {
                        requireMethod(method, "POST");
                        addRunScript(parse(body));
                        send(exchange, 201, Json.object().put("scripts", endpoint.runScripts().size()));
                    }
                }
                case "/state" -> {
                    requireMethod(method, "GET");
                    send(exchange, 200, state());
                }
                default -> throw new AdminError(404, "no such admin resource: /_local" + path);
            }
        } catch (AdminError e) {
            send(exchange, e.status, Json.object().put("error", e.getMessage()));
        } catch (IllegalArgumentException e) {
            send(exchange, 400, Json.object().put("error", e.getMessage()));
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    private static final class AdminError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        AdminError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private static void requireMethod(String method, String expected) {
        if (!expected.equals(method)) {
            throw new AdminError(405, "use " + expected);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
    }

    private static Duration pauseDuration(Map<String, List<String>> query) {
        String seconds = AwsRequest.first(query, "seconds");
        String millis = AwsRequest.first(query, "millis");
        try {
            if (millis != null) {
                return Duration.ofMillis(Long.parseLong(millis));
            }
            if (seconds != null) {
                return Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seconds/millis must be a number");
        }
        throw new IllegalArgumentException("say how long: ?seconds=N or ?millis=N");
    }

    // ---------------------------------------------------------------- JSON forms

    static FaultRule faultRule(JsonNode in) {
        String deny = Json.text(in, "deny");
        if (deny != null) {
            FaultRule rule = FaultRule.deny(deny);
            Integer times = Json.integer(in, "times");
            return times == null ? rule : rule.times(times);
        }
        String service = Json.text(in, "service");
        String operation = Json.text(in, "operation");
        String error = Json.text(in, "error");
        if (service == null || operation == null || error == null) {
            throw new IllegalArgumentException("a fault needs service, operation and error (or deny: an IAM action)");
        }
        FaultRule rule = FaultRule.on(service, operation);
        ErrorKind kind;
        try {
            kind = ErrorKind.valueOf(error.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown error kind " + error + "; one of "
                    + java.util.Arrays.toString(ErrorKind.values()));
        }
        if (kind == ErrorKind.DELAY || kind == ErrorKind.OUTAGE) {
            Long delay = Json.longValue(in, "delayMillis");
            if (delay == null) {
                throw new IllegalArgumentException("a " + kind + " fault needs delayMillis");
            }
            rule = kind == ErrorKind.DELAY ? rule.delay(Duration.ofMillis(delay)) : rule.outage(Duration.ofMillis(delay));
        } else {
            rule = rule.error(kind);
        }
        Integer times = Json.integer(in, "times");
        if (times != null) {
            rule = rule.times(times);
        }
        String job = Json.text(in, "job");
        if (job != null) {
            rule = rule.forJob(job);
        }
        if (Json.bool(in, "afterHandling", false)) {
            rule = rule.afterHandling();
        }
        return rule;
    }

    private void addRunScript(JsonNode in) {
        RunScript script = runScript(in);
        String contains = Json.text(in, "jobNameContains");
        String regex = Json.text(in, "jobNameRegex");
        if (contains != null) {
            endpoint.runScripts().forJobsContaining(contains, script);
        } else if (regex != null) {
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("jobNameRegex does not compile: " + e.getDescription());
            }
            endpoint.runScripts().forJobsMatching(name -> pattern.matcher(name).matches(), script);
        } else {
            endpoint.runScripts().forAllJobs(script);
        }
    }

    static RunScript runScript(JsonNode in) {
        RunScript.Builder b = RunScript.builder();
        JsonNode steps = in.path("steps");
        for (JsonNode step : steps) {
            if (step.has("state")) {
                Long millis = Json.longValue(step, "millis");
                b.state(Json.text(step, "state"), Duration.ofMillis(millis == null ? 0 : millis),
                        Json.text(step, "detail"));
            } else if (step.has("output")) {
                b.logOutput(lines(step.get("output")));
            } else if (step.has("error")) {
                b.logError(lines(step.get("error")));
            } else {
                throw new IllegalArgumentException("a step has state, output or error: " + step);
            }
        }
        if (Json.bool(in, "stuckInStopping", false)) {
            b.stuckInStoppingWhenStopped();
        }
        Long stopping = Json.longValue(in, "stoppingMillis");
        if (stopping != null) {
            b.stoppingTakes(Duration.ofMillis(stopping));
        }
        String end = Json.text(in, "end");
        String message = Json.text(in, "errorMessage");
        if (end == null) {
            return message == null ? b.thenSucceed() : b.thenFail(message);
        }
        return switch (end.toUpperCase(Locale.ROOT)) {
            case "UNTIL_STOPPED" -> b.thenRunUntilStopped();
            case "NORMALLY" -> b.thenRunNormally();
            default -> b.thenEnd(end, message);
        };
    }

    private static String[] lines(JsonNode node) {
        List<String> lines = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> lines.add(n.asText()));
        } else {
            lines.add(node.asText());
        }
        return lines.toArray(String[]::new);
    }

    private ObjectNode requests() {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("requests");
        for (RecordedRequest r : endpoint.requests().all()) {
            ObjectNode n = list.addObject();
            n.put("at", r.at().toString());
            n.put("service", r.service());
            n.put("operation", r.operation());
            n.put("httpStatus", r.httpStatus());
            n.put("errorCode", r.errorCode());
            n.put("jobName", r.jobName());
            n.put("durationMillis", r.durationMillis());
            n.set("detail", Json.toObject(r.detail()));
        }
        return out;
    }

    private ObjectNode state() {
        LocalState state = endpoint.state();
        ObjectNode out = Json.object();
        ArrayNode jobs = out.putArray("jobs");
        for (LocalState.Job j : state.jobs()) {
            ObjectNode n = jobs.addObject();
            n.put("name", j.name());
            n.put("role", j.role());
            n.put("commandName", j.commandName());
            n.put("scriptLocation", j.scriptLocation());
            n.put("glueVersion", j.glueVersion());
            n.set("defaultArguments", Json.toObject(j.defaultArguments()));
            n.set("tags", Json.toObject(j.tags()));
            n.put("timeoutMinutes", j.timeoutMinutes());
            n.put("maxRetries", j.maxRetries());
            n.put("maxConcurrentRuns", j.maxConcurrentRuns());
            if (j.maxCapacity() != null) {
                n.put("maxCapacity", j.maxCapacity());
            }
            n.put("workerType", j.workerType());
            if (j.numberOfWorkers() != null) {
                n.put("numberOfWorkers", j.numberOfWorkers());
            }
            n.put("executionClass", j.executionClass());
            n.put("createdOn", j.createdOn().toString());
        }
        ArrayNode runs = out.putArray("runs");
        for (LocalState.Run r : state.runs()) {
            ObjectNode n = runs.addObject();
            n.put("id", r.id());
            n.put("jobName", r.jobName());
            n.put("state", r.state());
            n.put("stateDetail", r.stateDetail());
            n.put("startedOn", r.startedOn().toString());
            n.put("lastModifiedOn", r.lastModifiedOn().toString());
            n.put("completedOn", r.completedOn() == null ? null : r.completedOn().toString());
            n.put("errorMessage", r.errorMessage());
            n.set("arguments", Json.toObject(r.arguments()));
            ArrayNode argv = n.putArray("scriptArguments");
            r.scriptArguments().forEach(argv::add);
            n.put("timeoutMinutes", r.timeoutMinutes());
            n.put("executionTimeSeconds", r.executionTimeSeconds());
            n.put("active", r.active());
        }
        ArrayNode objects = out.putArray("objects");
        for (LocalState.StoredObject o : state.objects()) {
            ObjectNode n = objects.addObject();
            n.put("bucket", o.bucket());
            n.put("key", o.key());
            n.put("size", o.size());
            n.put("etag", o.etag());
            n.put("lastModified", o.lastModified().toString());
            n.put("contentType", o.contentType());
        }
        ArrayNode groups = out.putArray("logGroups");
        for (String group : state.logGroups()) {
            groups.addObject().put("name", group).put("events", state.logEvents(group).size());
        }
        out.put("at", Instant.now().toString());
        return out;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
