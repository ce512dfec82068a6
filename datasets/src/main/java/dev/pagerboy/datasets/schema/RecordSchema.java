package dev.pagerboy.datasets.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.alerts.Fingerprint;
import dev.pagerboy.alerts.LabelSet;
import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.Envelope;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks a record against the documented schema of its format (datasets/README.md): the field names
 * and types, the allowed words, RFC 3339 times, and that an Alertmanager fingerprint really is the
 * fingerprint of the alert's labels. {@link #problem} returns {@code null} for a valid record and
 * otherwise says what is wrong.
 */
public final class RecordSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RFC3339 =
            Pattern.compile(
                    "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-f]{130}");
    private static final Pattern INCIDENT = Pattern.compile("([0-9a-f]{16}):(-?\\d+)");
    private static final Set<String> STATUSES = Set.of("firing", "resolved");
    private static final Set<String> ACK_ACTIONS = Set.of("ack", "unack", "resolve");
    private static final Set<String> PD_ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> PD_SEVERITIES = Set.of("critical", "error", "warning", "info");

    private RecordSchema() {}

    /** Why an envelope's payload is not a valid record of its topic and format, or null. */
    public static String problem(Envelope envelope, AlertFormat alertFormat) {
        JsonNode root = parse(envelope);
        return root == null
                ? "payload is not a JSON object"
                : problem(root, envelope.topic(), alertFormat);
    }

    /** The payload as a JSON object, or null when it is text, not JSON or not an object. */
    public static JsonNode parse(Envelope envelope) {
        if (envelope.payloadIsText()) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(envelope.payload());
            return root != null && root.isObject() ? root : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Why a parsed payload is not a valid record of its topic and format, or null. */
    public static String problem(JsonNode root, String topic, AlertFormat alertFormat) {
        try {
            if (Envelope.ACKS.equals(topic)) {
                checkAck(root);
            } else {
                switch (alertFormat) {
                    case ALERTMANAGER -> checkAlertmanager(root);
                    case PAGERDUTY -> checkPagerDuty(root);
                    case NATIVE -> checkNative(root);
                }
            }
            return null;
        } catch (SchemaViolation v) {
            return v.getMessage();
        }
    }

    private static void checkAlertmanager(JsonNode m) {
        equal(m, "version", "4");
        text(m, "groupKey");
        if (!m.path("truncatedAlerts").canConvertToInt() || m.path("truncatedAlerts").asInt() < 0) {
            throw new SchemaViolation("truncatedAlerts must be a non-negative integer");
        }
        oneOf(m, "status", STATUSES);
        text(m, "receiver");
        stringMap(m, "groupLabels");
        stringMap(m, "commonLabels");
        stringMap(m, "commonAnnotations");
        text(m, "externalURL");
        JsonNode alerts = m.path("alerts");
        if (!alerts.isArray() || alerts.isEmpty()) {
            throw new SchemaViolation("alerts must be a non-empty array");
        }
        for (JsonNode alert : alerts) {
            oneOf(alert, "status", STATUSES);
            LabelSet labels = stringMap(alert, "labels");
            if (labels.size() == 0) {
                throw new SchemaViolation("alerts[].labels must not be empty");
            }
            stringMap(alert, "annotations");
            time(alert, "startsAt");
            time(alert, "endsAt");
            text(alert, "generatorURL");
            String fingerprint = text(alert, "fingerprint");
            if (!fingerprint.equals(Fingerprint.hex(labels))) {
                throw new SchemaViolation("alerts[].fingerprint is not the labels' fingerprint");
            }
        }
    }

    private static void checkPagerDuty(JsonNode m) {
        String key = text(m, "routing_key");
        if (key.length() != 32) {
            throw new SchemaViolation("routing_key must be 32 characters");
        }
        oneOf(m, "event_action", PD_ACTIONS);
        if (text(m, "dedup_key").isEmpty()) {
            throw new SchemaViolation("dedup_key must not be empty");
        }
        JsonNode p = m.path("payload");
        if (!p.isObject()) {
            throw new SchemaViolation("payload must be an object");
        }
        String summary = text(p, "summary");
        if (summary.isEmpty() || summary.length() > 1024) {
            throw new SchemaViolation("payload.summary must have 1 to 1024 characters");
        }
        if (text(p, "source").isEmpty()) {
            throw new SchemaViolation("payload.source must not be empty");
        }
        oneOf(p, "severity", PD_SEVERITIES);
        time(p, "timestamp");
        text(p, "component");
        text(p, "group");
        text(p, "class");
        stringMap(p, "custom_details");
    }

    private static void checkNative(JsonNode m) {
        equal(m, "version", "pagerboy/v1");
        text(m, "id");
        String status = oneOf(m, "status", STATUSES);
        stringMap(m, "labels");
        stringMap(m, "annotations");
        time(m, "startsAt");
        if (status.equals("resolved")) {
            time(m, "endsAt");
        } else if (m.has("endsAt")) {
            throw new SchemaViolation("a firing alert has no endsAt");
        }
    }

    private static void checkAck(JsonNode m) {
        equal(m, "version", "pagerboy/v1");
        equal(m, "kind", "ack");
        String fingerprint = text(m, "fingerprint");
        if (!HEX16.matcher(fingerprint).matches()) {
            throw new SchemaViolation("fingerprint must be 16 lowercase hex digits");
        }
        var incident = INCIDENT.matcher(text(m, "incident"));
        if (!incident.matches() || !incident.group(1).equals(fingerprint)) {
            throw new SchemaViolation("incident must be <fingerprint>:<startsAt epoch ms>");
        }
        if (!ADDRESS.matcher(text(m, "engineer")).matches()) {
            throw new SchemaViolation("engineer must be 0x and 40 lowercase hex digits");
        }
        String action = text(m, "action");
        if (!ACK_ACTIONS.contains(action)) {
            throw new SchemaViolation("action must be ack, unack or resolve");
        }
        time(m, "ackedAt");
        if (!SIGNATURE.matcher(text(m, "signature")).matches()) {
            throw new SchemaViolation("signature must be 0x and 130 lowercase hex digits");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new SchemaViolation(field + " must be a string");
        }
        return value.asText();
    }

    private static void equal(JsonNode node, String field, String expected) {
        if (!expected.equals(text(node, field))) {
            throw new SchemaViolation(field + " must be \"" + expected + "\"");
        }
    }

    private static String oneOf(JsonNode node, String field, Set<String> allowed) {
        String value = text(node, field);
        if (!allowed.contains(value)) {
            throw new SchemaViolation(field + " must be one of " + allowed + ", got " + value);
        }
        return value;
    }

    private static void time(JsonNode node, String field) {
        String value = text(node, field);
        if (!RFC3339.matcher(value).matches()) {
            throw new SchemaViolation(field + " must be an RFC 3339 time, got " + value);
        }
        try {
            Rfc3339.parse(value);
        } catch (IllegalArgumentException e) {
            throw new SchemaViolation(field + " is not a valid time: " + value);
        }
    }

    private static LabelSet stringMap(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new SchemaViolation(field + " must be an object");
        }
        Map<String, String> pairs = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new SchemaViolation(field + "." + entry.getKey() + " must be a string");
            }
            pairs.put(entry.getKey(), entry.getValue().asText());
        }
        return LabelSet.of(pairs);
    }

    private static final class SchemaViolation extends RuntimeException {
        SchemaViolation(String message) {
            super(message, null, false, false);
        }
    }
}
