package dev.pagerboy.vm.handler;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one alert in the native JSON shape (the fields of an Alertmanager alert) into a {@link
 * HandlerInput}:
 *
 * <pre>
 * {"status": "firing", "labels": {"alertname": "...", "severity": "...", ...},
 *  "annotations": {"summary": "..."}, "startsAt": "2026-11-28T09:15:00Z",
 *  "repeatCount": 0, "fingerprint": "c0ffee00c0ffee00"}
 * </pre>
 *
 * {@code status} defaults to firing, {@code repeatCount} to 0; {@code startsAt} (RFC 3339) is
 * required. Without {@code fingerprint}, it is computed as Alertmanager does: FNV-1a 64 over the
 * sorted label names and values, as 16 hex digits.
 */
public final class AlertJson {

    private AlertJson() {}

    /** One native alert. @throws IllegalArgumentException with a message naming the bad field */
    public static HandlerInput parse(String json) {
        return alert(Json.parse(json));
    }

    /**
     * The alerts of one line of a JSON-lines file, which may hold one native alert, an Alertmanager
     * webhook message (its {@code alerts}), or a datasets envelope ({@code {"ts", "key", "topic",
     * "payload"}}) around either.
     *
     * @throws IllegalArgumentException with a message naming the bad field
     */
    public static List<HandlerInput> parseLine(String line) {
        Object root = Json.parse(line);
        if (root instanceof Map<?, ?> envelope
                && envelope.containsKey("payload")
                && envelope.containsKey("topic")) {
            Object payload = envelope.get("payload");
            root = payload instanceof String text ? Json.parse(text) : payload;
        }
        if (root instanceof Map<?, ?> message && message.get("alerts") instanceof List<?> alerts) {
            List<HandlerInput> inputs = new ArrayList<>();
            for (Object alert : alerts) {
                inputs.add(alert(alert));
            }
            return inputs;
        }
        return List.of(alert(root));
    }

    private static HandlerInput alert(Object root) {
        if (!(root instanceof Map<?, ?> alert)) {
            throw new IllegalArgumentException("an alert must be a JSON object");
        }
        Map<String, String> labels = stringMap(alert.get("labels"), "labels");
        Map<String, String> annotations = stringMap(alert.get("annotations"), "annotations");
        String status = optionalString(alert, "status", "firing");
        Object startsAt = alert.get("startsAt");
        if (!(startsAt instanceof String text)) {
            throw new IllegalArgumentException("startsAt is required, as an RFC 3339 time string");
        }
        long startsAtMillis;
        try {
            startsAtMillis = OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("startsAt '" + text + "' is not an RFC 3339 time");
        }
        Object repeat = alert.get("repeatCount");
        int repeatCount = 0;
        if (repeat != null) {
            if (!(repeat instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("repeatCount must be a non-negative integer");
            }
            repeatCount = (int) (long) n;
        }
        String fingerprint = optionalString(alert, "fingerprint", null);
        if (fingerprint == null) {
            fingerprint = fingerprint(labels);
        }
        return new HandlerInput(
                status,
                labels.getOrDefault("severity", ""),
                labels.getOrDefault("alertname", ""),
                fingerprint,
                labels,
                annotations.getOrDefault("summary", ""),
                startsAtMillis,
                repeatCount);
    }

    /** Alertmanager's label-set fingerprint: FNV-1a 64 of sorted name, 0xFF, value, 0xFF. */
    public static String fingerprint(Map<String, String> labels) {
        long hash = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            for (String part : List.of(e.getKey(), e.getValue())) {
                for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
                    hash ^= b & 0xFF;
                    hash *= 0x100000001b3L;
                }
                hash ^= 0xFF;
                hash *= 0x100000001b3L;
            }
        }
        return String.format("%016x", hash);
    }

    private static String optionalString(Map<?, ?> alert, String field, String fallback) {
        Object v = alert.get(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return s;
    }

    private static Map<String, String> stringMap(Object value, String field) {
        Map<String, String> out = new TreeMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(field + " must be an object of strings");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new IllegalArgumentException(field + "." + e.getKey() + " must be a string");
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }
}
