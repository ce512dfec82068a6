package dev.pagerboy.streaming.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strict JSON reading shared by the input formats: parsing with positions in error messages, typed
 * field access whose errors name the field's path ({@code alerts[2].labels}), RFC 3339 times, and a
 * stable content hash used as event id.
 */
final class JsonFields {

    /** Go's zero {@code time.Time}, which Alertmanager sends as endsAt of an open alert. */
    private static final String GO_ZERO_TIME_PREFIX = "0001-01-01T00:00:00";

    static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .build();

    private JsonFields() {}

    /** Parses {@code bytes} as one JSON value; a syntax error names line and column. */
    static JsonNode parse(byte[] bytes) throws InvalidInput {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInput("empty record");
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInput("empty record");
            }
            return node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where =
                    loc == null
                            ? ""
                            : " at line " + loc.getLineNr() + " column " + loc.getColumnNr();
            throw new InvalidInput(
                    "invalid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidInput("invalid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static ObjectNode object(JsonNode node, String path, String prefix) throws InvalidInput {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new InvalidInput(prefix + path + " missing");
        }
        if (!node.isObject()) {
            throw new InvalidInput(prefix + path + " must be an object");
        }
        return (ObjectNode) node;
    }

    static String requiredString(JsonNode parent, String field, String path, String prefix)
            throws InvalidInput {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidInput(prefix + path + " missing");
        }
        if (!node.isTextual()) {
            throw new InvalidInput(prefix + path + " must be a string");
        }
        return node.textValue();
    }

    /** The string value of {@code field}, or {@code null} when it is absent or JSON null. */
    static String optionalString(JsonNode parent, String field, String path, String prefix)
            throws InvalidInput {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidInput(prefix + path + " must be a string");
        }
        return node.textValue();
    }

    /** A JSON object of strings, as a sorted map; absent when {@code required} is false → empty. */
    static TreeMap<String, String> stringMap(
            JsonNode parent, String field, String path, String prefix, boolean required)
            throws InvalidInput {
        JsonNode node = parent.get(field);
        TreeMap<String, String> out = new TreeMap<>();
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidInput(prefix + path + " missing");
            }
            return out;
        }
        if (!node.isObject()) {
            throw new InvalidInput(prefix + path + " must be an object");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (e.getKey().isEmpty()) {
                throw new InvalidInput(prefix + path + " has an empty name");
            }
            if (!e.getValue().isTextual()) {
                throw new InvalidInput(prefix + path + "." + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /**
     * A time as epoch milliseconds: an RFC 3339 string (fractional seconds allowed) or an integer
     * of epoch milliseconds. Go's zero time and JSON null mean "unset" and give 0.
     */
    static long time(JsonNode parent, String field, String path, String prefix, boolean required)
            throws InvalidInput {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidInput(prefix + path + " missing");
            }
            return 0L;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            long ms = node.longValue();
            if (ms < 0) {
                throw new InvalidInput(prefix + path + " must not be negative");
            }
            return ms;
        }
        if (!node.isTextual()) {
            throw new InvalidInput(
                    prefix + path + " must be an RFC 3339 time or epoch milliseconds");
        }
        String text = node.textValue();
        if (text.startsWith(GO_ZERO_TIME_PREFIX)) {
            return 0L;
        }
        try {
            Instant instant =
                    OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return instant.toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidInput(prefix + path + " invalid time \"" + text + "\"");
        }
    }

    static List<JsonNode> array(JsonNode parent, String field, String path, String prefix)
            throws InvalidInput {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidInput(prefix + path + " missing");
        }
        if (!node.isArray()) {
            throw new InvalidInput(prefix + path + " must be an array");
        }
        List<JsonNode> out = new ArrayList<>(node.size());
        node.forEach(out::add);
        return out;
    }

    /**
     * The id of one source event sent at {@code recordTimestamp}: the {@link #contentId} of the
     * value, salted with the record's timestamp. Alertmanager and PagerDuty carry no event id and
     * re-send unchanged content on purpose (a firing alert every repeat_interval), so only the same
     * content at the same record time is the same event, i.e. an exact re-delivery.
     */
    static String eventId(String kind, long recordTimestamp, JsonNode value) {
        return contentId(kind + "@" + recordTimestamp, value);
    }

    /**
     * A stable id for a JSON value: the first 128 bits of the SHA-256 of {@code kind}, a NUL and
     * the value's canonical form (object keys sorted, no whitespace), as 32 hex digits. Equal for
     * exact re-deliveries even if a producer reorders keys or reformats; different for any change
     * of content.
     */
    static String contentId(String kind, JsonNode value) {
        StringBuilder canonical = new StringBuilder(1024).append(kind).append('\0');
        writeCanonical(value, canonical);
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static void writeCanonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            String[] names = new String[node.size()];
            Iterator<String> it = node.fieldNames();
            for (int i = 0; it.hasNext(); i++) {
                names[i] = it.next();
            }
            Arrays.sort(names);
            out.append('{');
            for (int i = 0; i < names.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                quote(names[i], out);
                out.append(':');
                writeCanonical(node.get(names[i]), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeCanonical(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else {
            out.append(node.toString());
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, out);
        out.append('"');
    }

    /** The JSON text of a node, for annotations that keep structured values. */
    static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : node.toString();
    }

    static boolean has(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n != null && !n.isNull();
    }
}
