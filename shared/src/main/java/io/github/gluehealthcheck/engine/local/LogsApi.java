package io.github.gluehealthcheck.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The CloudWatch Logs subset, awsJson 1.1: FilterLogEvents, GetLogEvents, DescribeLogStreams. */
final class LogsApi {

    static final String TARGET_PREFIX = "Logs_20140328.";

    private final LogStore store;
    private final LocalEndpointOptions options;

    LogsApi(LogStore store, LocalEndpointOptions options) {
        this.store = store;
        this.options = options;
    }

    static void classify(AwsRequest request) {
        String target = request.header("X-Amz-Target");
        if (target != null && target.startsWith(TARGET_PREFIX)) {
            request.operation = target.substring(TARGET_PREFIX.length());
        }
        String group = groupName(request.json());
        if (group != null) {
            request.detail.put("logGroupName", group);
        }
    }

    AwsResponse handle(AwsRequest request) {
        JsonNode in = request.json();
        if (!in.isObject()) {
            throw ServiceError.badRequest("SerializationException", "Request body is not a JSON object");
        }
        ObjectNode out = switch (request.operation) {
            case "FilterLogEvents" -> filterLogEvents(in);
            case "GetLogEvents" -> getLogEvents(in);
            case "DescribeLogStreams" -> describeLogStreams(in, request.region);
            default -> throw ServiceError.badRequest("UnknownOperationException",
                    "The local endpoint does not implement CloudWatch Logs operation " + request.operation);
        };
        return AwsResponse.awsJson(out);
    }

    static AwsResponse error(ServiceError e) {
        ObjectNode body = Json.object();
        body.put("__type", e.code);
        body.put("message", e.getMessage());
        return AwsResponse.json(e.status, body, AwsResponse.AWS_JSON).header("x-amzn-ErrorType", e.code)
                .errorCode(e.code);
    }

    // ---------------------------------------------------------------- FilterLogEvents

    /**
     * Events across the group's streams in time order. The token names the last event returned, so a client
     * holding it sees later events too; {@link LocalEndpointOptions#emptyLogPages()} empty pages (with a token)
     * come before each page of events, as real searches sometimes do.
     */
    private ObjectNode filterLogEvents(JsonNode in) {
        String group = requireGroup(in);
        Predicate<String> streams = streamFilter(in);
        List<LogStore.Event> events = store.events(group, streams);
        if (events == null) {
            throw groupNotFound();
        }
        Long startTime = Json.longValue(in, "startTime");
        Long endTime = Json.longValue(in, "endTime");
        Predicate<String> pattern = filterPattern(Json.text(in, "filterPattern"));
        int limit = limit(in, 10_000, 10_000);

        long afterTimestamp = Long.MIN_VALUE;
        long afterSequence = Long.MIN_VALUE;
        int emptyPages = options.emptyLogPages();
        String token = Json.text(in, "nextToken");
        if (token != null) {
            String[] parts = decodeToken(token, "v1", 4);
            afterTimestamp = Long.parseLong(parts[1]);
            afterSequence = Long.parseLong(parts[2]);
            emptyPages = Integer.parseInt(parts[3]);
        }
        List<LogStore.Event> remaining = new ArrayList<>();
        for (LogStore.Event e : events) {
            boolean afterToken = e.timestamp() > afterTimestamp
                    || (e.timestamp() == afterTimestamp && e.sequence() > afterSequence);
            if (afterToken && (startTime == null || e.timestamp() >= startTime)
                    && (endTime == null || e.timestamp() <= endTime) && pattern.test(e.message())) {
                remaining.add(e);
            }
        }
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("events");
        if (emptyPages > 0 && !remaining.isEmpty()) {
            out.put("nextToken", encodeToken("v1", afterTimestamp, afterSequence, emptyPages - 1));
            return out;
        }
        List<LogStore.Event> page = remaining.subList(0, Math.min(limit, remaining.size()));
        for (LogStore.Event e : page) {
            ObjectNode event = list.addObject();
            event.put("logStreamName", e.stream());
            event.put("timestamp", e.timestamp());
            event.put("message", e.message());
            event.put("ingestionTime", e.ingestionTime());
            event.put("eventId", e.eventId());
        }
        if (page.size() < remaining.size()) {
            LogStore.Event last = page.get(page.size() - 1);
            out.put("nextToken", encodeToken("v1", last.timestamp(), last.sequence(), options.emptyLogPages()));
        }
        return out;
    }

    private static Predicate<String> streamFilter(JsonNode in) {
        JsonNode names = in.get("logStreamNames");
        String prefix = Json.text(in, "logStreamNamePrefix");
        if (names != null && names.isArray() && prefix != null) {
            throw ServiceError.badRequest("InvalidParameterException",
                    "logStreamNames and logStreamNamePrefix are mutually exclusive");
        }
        if (names != null && names.isArray()) {
            Set<String> wanted = new HashSet<>();
            names.forEach(n -> wanted.add(n.asText()));
            return wanted::contains;
        }
        return prefix == null ? name -> true : name -> name.startsWith(prefix);
    }

    /** A small part of the filter pattern syntax: space-separated terms (or quoted phrases) that must all occur. */
    private static Predicate<String> filterPattern(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return message -> true;
        }
        List<String> terms = new ArrayList<>();
        String p = pattern.trim();
        int i = 0;
        while (i < p.length()) {
            if (p.charAt(i) == ' ') {
                i++;
            } else if (p.charAt(i) == '"') {
                int end = p.indexOf('"', i + 1);
                end = end < 0 ? p.length() : end;
                terms.add(p.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = p.indexOf(' ', i);
                end = end < 0 ? p.length() : end;
                terms.add(p.substring(i, end));
                i = end;
            }
        }
        return message -> terms.stream().allMatch(message::contains);
    }

    // ---------------------------------------------------------------- GetLogEvents

    private ObjectNode getLogEvents(JsonNode in) {
        String group = requireGroup(in);
        String stream = Json.text(in, "logStreamName");
        if (stream == null) {
            throw ServiceError.badRequest("InvalidParameterException", "logStreamName is required");
        }
        if (!store.groupExists(group)) {
            throw groupNotFound();
        }
        List<LogStore.Event> all = store.streamEvents(group, stream);
        if (all == null) {
            throw ServiceError.badRequest("ResourceNotFoundException", "The specified log stream does not exist.");
        }
        Long startTime = Json.longValue(in, "startTime");
        Long endTime = Json.longValue(in, "endTime");
        List<LogStore.Event> events = all.stream()
                .filter(e -> (startTime == null || e.timestamp() >= startTime)
                        && (endTime == null || e.timestamp() < endTime))
                .toList();
        int limit = limit(in, 10_000, 10_000);
        int from;
        int to;
        String token = Json.text(in, "nextToken");
        if (token == null) {
            if (Json.bool(in, "startFromHead", false)) {
                from = 0;
                to = Math.min(events.size(), limit);
            } else {
                to = events.size();
                from = Math.max(0, to - limit);
            }
        } else if (token.startsWith("f/") || token.startsWith("b/")) {
            int index = indexOf(token);
            if (token.startsWith("f/")) {
                from = Math.min(index, events.size());
                to = Math.min(events.size(), from + limit);
            } else {
                to = Math.min(index, events.size());
                from = Math.max(0, to - limit);
            }
        } else {
            throw ServiceError.badRequest("InvalidParameterException", "The specified nextToken is invalid.");
        }
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("events");
        for (LogStore.Event e : events.subList(from, to)) {
            ObjectNode event = list.addObject();
            event.put("timestamp", e.timestamp());
            event.put("message", e.message());
            event.put("ingestionTime", e.ingestionTime());
        }
        // At the end, the forward token comes back unchanged: that is how a reader knows it has caught up.
        out.put("nextForwardToken", String.format("f/%020d", to));
        out.put("nextBackwardToken", String.format("b/%020d", from));
        return out;
    }

    private static int indexOf(String token) {
        try {
            return Integer.parseInt(token.substring(2));
        } catch (NumberFormatException e) {
            throw ServiceError.badRequest("InvalidParameterException", "The specified nextToken is invalid.");
        }
    }

    // ---------------------------------------------------------------- DescribeLogStreams

    private ObjectNode describeLogStreams(JsonNode in, String region) {
        String group = requireGroup(in);
        List<LogStore.StreamInfo> streams = store.streams(group);
        if (streams == null) {
            throw groupNotFound();
        }
        String prefix = Json.text(in, "logStreamNamePrefix");
        String orderBy = Json.text(in, "orderBy");
        boolean byTime = "LastEventTime".equals(orderBy);
        if (byTime && prefix != null) {
            throw ServiceError.badRequest("InvalidParameterException",
                    "Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        List<LogStore.StreamInfo> selected = new ArrayList<>(streams.stream()
                .filter(s -> prefix == null || s.name().startsWith(prefix)).toList());
        Comparator<LogStore.StreamInfo> order = byTime
                ? Comparator.comparing((LogStore.StreamInfo s) -> s.lastEventTimestamp() == null
                        ? Long.MIN_VALUE : s.lastEventTimestamp()).thenComparing(LogStore.StreamInfo::name)
                : Comparator.comparing(LogStore.StreamInfo::name);
        selected.sort(Json.bool(in, "descending", false) ? order.reversed() : order);
        int limit = limit(in, 50, 50);
        int from = 0;
        String token = Json.text(in, "nextToken");
        if (token != null) {
            from = Integer.parseInt(decodeToken(token, "s", 2)[1]);
        }
        int to = Math.min(selected.size(), from + limit);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("logStreams");
        for (LogStore.StreamInfo s : selected.subList(Math.min(from, to), to)) {
            ObjectNode stream = list.addObject();
            stream.put("logStreamName", s.name());
            stream.put("creationTime", s.creationTime());
            if (s.firstEventTimestamp() != null) {
                stream.put("firstEventTimestamp", s.firstEventTimestamp());
                stream.put("lastEventTimestamp", s.lastEventTimestamp());
                stream.put("lastIngestionTime", s.lastIngestionTime());
            }
            stream.put("arn", "arn:aws:logs:" + region + ":" + options.accountId() + ":log-group:" + group
                    + ":log-stream:" + s.name());
            stream.put("storedBytes", 0);
        }
        if (to < selected.size()) {
            out.put("nextToken", encodeToken("s", to));
        }
        return out;
    }

    // ---------------------------------------------------------------- shared

    /** The group from logGroupName, or from logGroupIdentifier (a name or an ARN). */
    static String groupName(JsonNode in) {
        String name = Json.text(in, "logGroupName");
        if (name != null) {
            return name;
        }
        String identifier = Json.text(in, "logGroupIdentifier");
        if (identifier != null && identifier.startsWith("arn:")) {
            int at = identifier.indexOf(":log-group:");
            if (at >= 0) {
                String rest = identifier.substring(at + ":log-group:".length());
                return rest.endsWith(":*") ? rest.substring(0, rest.length() - 2) : rest;
            }
        }
        return identifier;
    }

    private static String requireGroup(JsonNode in) {
        String group = groupName(in);
        if (group == null || group.isEmpty()) {
            throw ServiceError.badRequest("InvalidParameterException",
                    "Either logGroupName or logGroupIdentifier is required");
        }
        return group;
    }

    private static int limit(JsonNode in, int otherwise, int max) {
        Integer limit = Json.integer(in, "limit");
        if (limit == null) {
            return otherwise;
        }
        if (limit < 1 || limit > max) {
            throw ServiceError.badRequest("InvalidParameterException",
                    "1 validation error detected: Value '" + limit + "' at 'limit' failed to satisfy constraint: "
                            + "Member must have value between 1 and " + max);
        }
        return limit;
    }

    private static ServiceError groupNotFound() {
        return ServiceError.badRequest("ResourceNotFoundException", "The specified log group does not exist.");
    }

    private static String encodeToken(String kind, Object... parts) {
        StringBuilder b = new StringBuilder(kind);
        for (Object p : parts) {
            b.append(':').append(p);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decodeToken(String token, String kind, int parts) {
        try {
            String[] split = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (split.length != parts || !split[0].equals(kind)) {
                throw new IllegalArgumentException();
            }
            for (int i = 1; i < split.length; i++) {
                Long.parseLong(split[i]);
            }
            return split;
        } catch (IllegalArgumentException e) {
            throw ServiceError.badRequest("InvalidParameterException", "The specified nextToken is invalid.");
        }
    }
}
