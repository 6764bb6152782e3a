package io.github.gluehealthcheck.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON conventions of the awsJson protocol and of the admin API. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** awsJson timestamps are epoch seconds with a fraction, written plainly (never in exponent form). */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }

    static Double decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asDouble();
    }

    static Long longValue(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }

    static boolean bool(JsonNode node, String field, boolean otherwise) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? otherwise : value.asBoolean();
    }

    /** A JSON object of strings as an ordered map; absent or null gives an empty map. */
    static Map<String, String> stringMap(JsonNode node, String field) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode value = node.get(field);
        if (value != null && value.isObject()) {
            value.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        }
        return map;
    }

    static ObjectNode toObject(Map<String, String> map) {
        ObjectNode node = object();
        map.forEach(node::put);
        return node;
    }
}
