package dev.pagerboy.streaming.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.RawInput;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * PagerDuty Events API v2 events ({@code trigger}, {@code acknowledge}, {@code resolve}).
 *
 * <p>An incident's identity in PagerDuty is its {@code dedup_key} within an integration ({@code
 * routing_key}), and acknowledge/resolve events carry nothing else. So the fingerprint is the
 * Alertmanager fingerprint of the identity labels {@code {dedup_key, routing_key}} only; a trigger
 * also gets descriptive labels for routing ({@code severity}, {@code source}, and {@code
 * component}, {@code group}, {@code class} when present) that do not change its fingerprint. {@code
 * summary}, {@code timestamp}, {@code custom_details}, {@code client}, {@code client_url}, {@code
 * links} and {@code images} become annotations (structured values as JSON text).
 *
 * <p>{@code trigger} → status {@code firing}, {@code resolve} → {@code resolved}, {@code
 * acknowledge} → {@code acknowledged}. A trigger without {@code dedup_key} is, as in PagerDuty, a
 * new incident of its own: its dedup key is its event id. The event id hashes the whole event and
 * the record's timestamp (see {@code JsonFields.eventId}).
 */
final class PagerDutyEventFormat {

    static final String NAME = "pagerduty";
    private static final String PREFIX = NAME + ": ";
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final int MAX_DEDUP_KEY = 255;
    private static final int MAX_SUMMARY = 1024;

    private PagerDutyEventFormat() {}

    static boolean accepts(JsonNode root) {
        return root.has("event_action");
    }

    static List<Alert> parse(JsonNode root, RawInput input) throws InvalidInput {
        String routingKey = JsonFields.requiredString(root, "routing_key", "routing_key", PREFIX);
        if (routingKey.isBlank()) {
            throw new InvalidInput(PREFIX + "routing_key is empty");
        }
        String action = JsonFields.requiredString(root, "event_action", "event_action", PREFIX);
        String eventId = JsonFields.eventId(NAME, input.timestamp(), root);
        String dedupKey = JsonFields.optionalString(root, "dedup_key", "dedup_key", PREFIX);
        if (dedupKey != null && (dedupKey.isEmpty() || dedupKey.length() > MAX_DEDUP_KEY)) {
            throw new InvalidInput(PREFIX + "dedup_key must have 1 to 255 characters");
        }
        TreeMap<String, String> identity = new TreeMap<>();
        identity.put("routing_key", routingKey);
        long now = input.timestamp();
        return switch (action) {
            case "trigger" -> {
                identity.put("dedup_key", dedupKey != null ? dedupKey : eventId);
                yield List.of(trigger(root, identity, eventId, input));
            }
            case "acknowledge", "resolve" -> {
                if (dedupKey == null) {
                    throw new InvalidInput(
                            PREFIX + "dedup_key missing (required for " + action + ")");
                }
                identity.put("dedup_key", dedupKey);
                AlertmanagerLabels.replaceLoneSurrogates(identity);
                checkOptionalPayload(root);
                boolean resolve = action.equals("resolve");
                yield List.of(
                        new Alert(
                                Fingerprint.hex(identity),
                                resolve ? Alert.RESOLVED : Alert.ACKNOWLEDGED,
                                identity,
                                new TreeMap<>(),
                                0L,
                                resolve ? now : 0L,
                                now,
                                NAME,
                                eventId,
                                input.sourceRef()));
            }
            default ->
                    throw new InvalidInput(
                            PREFIX
                                    + "event_action must be trigger, acknowledge or resolve, not \""
                                    + action
                                    + "\"");
        };
    }

    private static Alert trigger(
            JsonNode root, TreeMap<String, String> identity, String eventId, RawInput input)
            throws InvalidInput {
        AlertmanagerLabels.replaceLoneSurrogates(identity);
        JsonNode payload = JsonFields.object(root.get("payload"), "payload", PREFIX);
        String summary = JsonFields.requiredString(payload, "summary", "payload.summary", PREFIX);
        if (summary.isBlank() || summary.length() > MAX_SUMMARY) {
            throw new InvalidInput(PREFIX + "payload.summary must have 1 to 1024 characters");
        }
        String source = JsonFields.requiredString(payload, "source", "payload.source", PREFIX);
        if (source.isBlank()) {
            throw new InvalidInput(PREFIX + "payload.source is empty");
        }
        String severity =
                JsonFields.requiredString(payload, "severity", "payload.severity", PREFIX);
        if (!SEVERITIES.contains(severity)) {
            throw new InvalidInput(
                    PREFIX
                            + "payload.severity must be critical, error, warning or info, not \""
                            + severity
                            + "\"");
        }
        long startsAt = JsonFields.time(payload, "timestamp", "payload.timestamp", PREFIX, false);
        if (startsAt == 0) {
            startsAt = input.timestamp();
        }

        TreeMap<String, String> labels = new TreeMap<>(identity);
        labels.put("severity", severity);
        labels.put("source", source);
        for (String name : new String[] {"component", "group", "class"}) {
            String v = JsonFields.optionalString(payload, name, "payload." + name, PREFIX);
            if (v != null && !v.isEmpty()) {
                labels.put(name, v);
            }
        }
        AlertmanagerLabels.replaceLoneSurrogates(labels);
        TreeMap<String, String> annotations = new TreeMap<>();
        annotations.put("summary", summary);
        putJson(annotations, "custom_details", payload.get("custom_details"));
        putJson(annotations, "timestamp", payload.get("timestamp"));
        for (String name : new String[] {"client", "client_url", "links", "images"}) {
            putJson(annotations, name, root.get(name));
        }
        return new Alert(
                Fingerprint.hex(identity),
                Alert.FIRING,
                labels,
                annotations,
                startsAt,
                0L,
                input.timestamp(),
                NAME,
                eventId,
                input.sourceRef());
    }

    /**
     * PagerDuty ignores the payload of acknowledge and resolve events; a payload that is present
     * but broken still says the producer is broken, so it is not silently accepted.
     */
    private static void checkOptionalPayload(JsonNode root) throws InvalidInput {
        if (JsonFields.has(root, "payload")) {
            JsonNode payload = JsonFields.object(root.get("payload"), "payload", PREFIX);
            JsonFields.time(payload, "timestamp", "payload.timestamp", PREFIX, false);
        }
    }

    private static void putJson(Map<String, String> into, String name, JsonNode value) {
        if (value != null && !value.isNull()) {
            into.put(name, JsonFields.text(value));
        }
    }
}
