package io.github.gluehealthcheck.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer-spoiling faults ({@link ErrorKind#spoilsTheAnswer()}): a real 2xx answer made unreadable on its way
 * back, as a non-AWS endpoint, a proxy or a cut connection would send it. Error answers pass unchanged.
 */
final class SpoiledAnswer {

    /** What a proxy's page looks like: HTML, and not well-formed XML either (an unclosed {@code <br>}). */
    static final String HTML_PAGE = "<!DOCTYPE html>\n<html><head><title>Sign in</title></head>"
            + "<body><p>Sign in to continue<br></body></html>\n";

    private static final Pattern XML_TIMESTAMP = Pattern.compile(
            "<(LastModified|Initiated|CreationDate)>([^<]+)</\\1>");
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private SpoiledAnswer() {
    }

    /**
     * The spoiled answer, or the same one when there was nothing to spoil (an error, or no timestamp / no body);
     * {@code spoiled} is set in the request's detail either way, for the request log.
     */
    static AwsResponse spoil(ErrorKind kind, AwsRequest request, AwsResponse real) {
        if (real.status < 200 || real.status > 299) {
            request.detail.put("spoiled", "no (an error answer)");
            return real;
        }
        AwsResponse out = switch (kind) {
            case UNREADABLE_TIMESTAMP -> timestamps(real);
            case TRUNCATED_BODY -> real.body.length < 2 || "HEAD".equals(request.method) ? real
                    : copy(real, Arrays.copyOf(real.body, real.body.length / 2));
            case WRONG_CONTENT_TYPE -> {
                boolean bodiless = "HEAD".equals(request.method) || real.status == 204;
                AwsResponse page = copy(real, bodiless ? new byte[0] : HTML_PAGE.getBytes(StandardCharsets.UTF_8));
                page.headers.put("Content-Type", "text/html; charset=utf-8");
                yield page;
            }
            default -> throw new IllegalArgumentException(kind + " does not spoil an answer");
        };
        request.detail.put("spoiled", out == real ? "no (nothing to spoil)" : kind.name());
        return out;
    }

    private static AwsResponse timestamps(AwsResponse real) {
        String contentType = real.headers.getOrDefault("Content-Type", "");
        AwsResponse out = real;
        if (real.body.length > 0 && contentType.contains("json")) {
            try {
                JsonNode node = Json.MAPPER.readTree(real.body);
                if (isoTimestamps(node)) {
                    out = copy(real, Json.MAPPER.writeValueAsBytes(node));
                }
            } catch (IOException e) {
                return real;
            }
        } else if (real.body.length > 0 && contentType.contains("xml")) {
            String xml = new String(real.body, StandardCharsets.UTF_8);
            Matcher m = XML_TIMESTAMP.matcher(xml);
            StringBuilder b = new StringBuilder();
            boolean any = false;
            while (m.find()) {
                any = true;
                String date;
                try {
                    date = RFC_1123.format(Instant.parse(m.group(2)));
                } catch (RuntimeException e) {
                    date = m.group(2) + "Z+00";
                }
                m.appendReplacement(b, Matcher.quoteReplacement("<" + m.group(1) + ">" + date + "</" + m.group(1) + ">"));
            }
            m.appendTail(b);
            if (any) {
                out = copy(real, b.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        // S3 sends Last-Modified in RFC 1123 form; the spoiled answer sends ISO-8601 instead.
        String lastModified = real.headers.get("Last-Modified");
        if (lastModified != null) {
            try {
                Instant at = Instant.from(RFC_1123.parse(lastModified));
                if (out == real) {
                    out = copy(real, real.body);
                }
                out.headers.put("Last-Modified", at.toString().replace("Z", ".000Z"));
            } catch (RuntimeException e) {
                // Not a date: leave the header alone.
            }
        }
        return out;
    }

    /**
     * Replaces each number under a name that says it is a time ({@code ...On}, {@code ...Time}, {@code ...Timestamp},
     * {@code timestamp}) by its ISO-8601 text, as the endpoint of the reported failure did; true if any was.
     */
    private static boolean isoTimestamps(JsonNode node) {
        boolean any = false;
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isNumber() && isTimeName(name)) {
                    double n = value.asDouble();
                    // Glue sends epoch seconds (with a fraction), Logs epoch milliseconds.
                    Instant at = n > 1e11 ? Instant.ofEpochMilli((long) n) : Instant.ofEpochMilli((long) (n * 1000));
                    object.set(name, TextNode.valueOf(at.toString()));
                    any = true;
                } else {
                    any |= isoTimestamps(value);
                }
            }
        } else if (node != null && node.isArray()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                any |= isoTimestamps(it.next());
            }
        }
        return any;
    }

    private static boolean isTimeName(String name) {
        return name.endsWith("On") || name.endsWith("Time") || name.endsWith("Timestamp") || name.equals("timestamp");
    }

    private static AwsResponse copy(AwsResponse real, byte[] body) {
        AwsResponse r = new AwsResponse(real.status, body);
        for (Map.Entry<String, String> h : real.headers.entrySet()) {
            r.headers.put(h.getKey(), h.getValue());
        }
        r.errorCode = real.errorCode;
        return r;
    }
}
