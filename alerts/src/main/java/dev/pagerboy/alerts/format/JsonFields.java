package dev.pagerboy.alerts.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pagerboy.alerts.LabelSet;
import dev.pagerboy.alerts.Rfc3339;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON reading shared by the wire formats and by the job's other inputs (silences): parsing
 * with positions in error messages, typed field access whose errors name the field's path ({@code
 * alerts[2].labels}) after a caller's prefix ({@code alertmanager: }), RFC 3339 times, and a stable
 * content hash used as event id. Strict means: duplicate keys, trailing tokens and NaN are errors,
 * because two readers of the same bytes must never disagree about what they say.
 */
public final class JsonFields {

    public static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .build();

    private JsonFields() {}

    /** Parses {@code bytes} as one JSON value; a syntax error names line and column. */
    public static JsonNode parse(byte[] bytes) throws InvalidRecord {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidRecord("empty record");
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new InvalidRecord("empty record");
            }
            return node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where =
                    loc == null
                            ? ""
                            : " at line " + loc.getLineNr() + " column " + loc.getColumnNr();
            throw new InvalidRecord(
                    "invalid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidRecord("invalid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public static ObjectNode object(JsonNode node, String path, String prefix)
            throws InvalidRecord {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new InvalidRecord(prefix + path + " missing");
        }
        if (!node.isObject()) {
            throw new InvalidRecord(prefix + path + " must be an object");
        }
        return (ObjectNode) node;
    }

    public static String requiredString(JsonNode parent, String field, String path, String prefix)
            throws InvalidRecord {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRecord(prefix + path + " missing");
        }
        if (!node.isTextual()) {
            throw new InvalidRecord(prefix + path + " must be a string");
        }
        return node.textValue();
    }

    /** The string value of {@code field}, or {@code null} when it is absent or JSON null. */
    public static String optionalString(JsonNode parent, String field, String path, String prefix)
            throws InvalidRecord {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidRecord(prefix + path + " must be a string");
        }
        return node.textValue();
    }

    /**
     * A JSON object of strings, as a label set; absent or null gives the empty set when {@code
     * required} is false.
     */
    public static LabelSet stringMap(
            JsonNode parent, String field, String path, String prefix, boolean required)
            throws InvalidRecord {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidRecord(prefix + path + " missing");
            }
            return LabelSet.empty();
        }
        if (!node.isObject()) {
            throw new InvalidRecord(prefix + path + " must be an object");
        }
        Map<String, String> out = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (e.getKey().isEmpty()) {
                throw new InvalidRecord(prefix + path + " has an empty name");
            }
            if (!e.getValue().isTextual()) {
                throw new InvalidRecord(prefix + path + "." + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return LabelSet.of(out);
    }

    /**
     * A time as epoch milliseconds: an RFC 3339 string (fractional seconds allowed) or an integer
     * of epoch milliseconds. Go's zero time and JSON null mean "unset" and give 0.
     */
    public static long time(
            JsonNode parent, String field, String path, String prefix, boolean required)
            throws InvalidRecord {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidRecord(prefix + path + " missing");
            }
            return 0L;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            long ms = node.longValue();
            if (ms < 0) {
                throw new InvalidRecord(prefix + path + " must not be negative");
            }
            return ms;
        }
        if (!node.isTextual()) {
            throw new InvalidRecord(
                    prefix + path + " must be an RFC 3339 time or epoch milliseconds");
        }
        String text = node.textValue();
        if (Rfc3339.isGoZeroTime(text)) {
            return 0L;
        }
        try {
            return Rfc3339.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecord(prefix + path + " invalid time \"" + text + "\"");
        }
    }

    public static List<JsonNode> array(JsonNode parent, String field, String path, String prefix)
            throws InvalidRecord {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRecord(prefix + path + " missing");
        }
        if (!node.isArray()) {
            throw new InvalidRecord(prefix + path + " must be an array");
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
    public static String eventId(String kind, long recordTimestamp, JsonNode value) {
        return contentId(kind + "@" + recordTimestamp, value);
    }

    /**
     * A stable id for a JSON value: the first 128 bits of the SHA-256 of {@code kind}, a NUL and
     * the value's canonical form (object keys sorted, no whitespace), as 32 hex digits. Equal for
     * exact re-deliveries even if a producer reorders keys or reformats; different for any change
     * of content.
     */
    public static String contentId(String kind, JsonNode value) {
        StringBuilder canonical = new StringBuilder(1024).append(kind).append('\0');
        writeCanonical(value, canonical);
        return sha256Id(canonical);
    }

    // MessageDigest.getInstance looks the provider up on every call; a digest is reset by digest().
    private static final ThreadLocal<MessageDigest> SHA_256 =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return MessageDigest.getInstance("SHA-256");
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException("SHA-256 is part of every JVM", e);
                        }
                    });

    /** The first 128 bits of the SHA-256 of {@code text}'s UTF-8, as 32 hex digits. */
    static String sha256Id(CharSequence text) {
        byte[] digest = SHA_256.get().digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
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

    static void quote(String s, StringBuilder out) {
        out.append('"');
        if (needsEscape(s)) {
            JsonStringEncoder.getInstance().quoteAsString(s, out);
        } else {
            out.append(s); // one copy instead of Jackson's append per character
        }
        out.append('"');
    }

    /** True when Jackson's encoder would escape a character of {@code s}: controls, '"', '\'. */
    private static boolean needsEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /** The JSON text of a node, for annotations that keep structured values. */
    public static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : node.toString();
    }

    public static boolean has(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n != null && !n.isNull();
    }
}
