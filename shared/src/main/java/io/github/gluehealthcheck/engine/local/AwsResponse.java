package io.github.gluehealthcheck.engine.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response to send: status, headers and body. */
final class AwsResponse {

    static final String AWS_JSON = "application/x-amz-json-1.1";

    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final byte[] body;
    /** The error code this response carries, for the request log; null for a success. */
    String errorCode;

    AwsResponse(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    static AwsResponse empty(int status) {
        return new AwsResponse(status, new byte[0]);
    }

    static AwsResponse json(int status, JsonNode node, String contentType) {
        try {
            AwsResponse r = new AwsResponse(status, Json.MAPPER.writeValueAsBytes(node));
            r.header("Content-Type", contentType);
            return r;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON response", e);
        }
    }

    static AwsResponse awsJson(JsonNode node) {
        return json(200, node, AWS_JSON);
    }

    static AwsResponse xml(int status, String xml) {
        AwsResponse r = new AwsResponse(status, xml.getBytes(StandardCharsets.UTF_8));
        r.header("Content-Type", "application/xml");
        return r;
    }

    AwsResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    AwsResponse errorCode(String code) {
        this.errorCode = code;
        return this;
    }
}
