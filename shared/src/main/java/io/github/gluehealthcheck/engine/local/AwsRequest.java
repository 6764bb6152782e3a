package io.github.gluehealthcheck.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One parsed HTTP request, with what routing learned about it (service, region, operation, job). */
final class AwsRequest {

    final String method;
    final String rawPath;
    final String rawQuery;
    final Map<String, List<String>> query;
    final Headers headers;
    final byte[] body;

    /** Signing scope of the Authorization header (or presigned query), when the request was signed. */
    final String signedService;
    final String region;
    /** Access key id (an identifier, not a secret): lets STS answer "who am I" for credentials it issued. */
    final String accessKeyId;

    String service = "unknown";
    String operation = "Unknown";
    String jobName;
    final Map<String, String> detail = new LinkedHashMap<>();

    private JsonNode json;
    private Map<String, List<String>> form;

    AwsRequest(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        this.rawQuery = rawQuery;
        this.query = parseForm(rawQuery);
        this.headers = headers;
        this.body = body;
        String[] scope = credentialScope(headers.getFirst("Authorization"), first(query, "X-Amz-Credential"));
        if (scope != null) {
            this.accessKeyId = scope[0];
            this.signedService = scope[scope.length - 2];
            this.region = scope.length >= 5 ? scope[2] : "us-east-1";
        } else {
            this.accessKeyId = null;
            this.signedService = null;
            this.region = "us-east-1";
        }
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    String queryParam(String name) {
        return first(query, name);
    }

    boolean hasQueryParam(String name) {
        return query.containsKey(name);
    }

    /** The body as JSON (awsJson services); an empty body reads as an empty object. */
    JsonNode json() {
        if (json == null) {
            if (body.length == 0) {
                json = Json.MAPPER.createObjectNode();
            } else {
                try {
                    json = Json.MAPPER.readTree(body);
                } catch (IOException e) {
                    json = MissingNode.getInstance();
                }
            }
        }
        return json;
    }

    /** Query-protocol parameters: the form body of a POST, else the URL query. */
    Map<String, List<String>> form() {
        if (form == null) {
            String contentType = header("Content-Type");
            if ("POST".equals(method) && contentType != null
                    && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                form = parseForm(new String(body, StandardCharsets.UTF_8));
            } else {
                form = query;
            }
        }
        return form;
    }

    String formParam(String name) {
        return first(form(), name);
    }

    static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static Map<String, List<String>> parseForm(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /**
     * Splits {@code Credential=AKID/20240101/us-east-1/glue/aws4_request} into its parts. SigV4a scopes have no
     * region, so the service is always the second to last part.
     */
    private static String[] credentialScope(String authorization, String presignedCredential) {
        String credential = presignedCredential;
        if (authorization != null) {
            int at = authorization.indexOf("Credential=");
            if (at >= 0) {
                int end = authorization.indexOf(',', at);
                credential = authorization.substring(at + "Credential=".length(), end < 0 ? authorization.length() : end)
                        .trim();
            }
        }
        if (credential == null) {
            return null;
        }
        String[] parts = credential.split("/");
        return parts.length >= 4 ? parts : null;
    }
}
