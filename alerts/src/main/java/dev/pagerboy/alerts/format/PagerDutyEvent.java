package dev.pagerboy.alerts.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.alerts.AlertEvent;
import dev.pagerboy.alerts.AlertStatus;
import dev.pagerboy.alerts.Fingerprint;
import dev.pagerboy.alerts.GoJson;
import dev.pagerboy.alerts.LabelSet;
import dev.pagerboy.alerts.Rfc3339;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PagerDuty Events API v2 events ({@code trigger}, {@code acknowledge}, {@code resolve}).
 *
 * <p><b>Reading.</b> An incident's identity in PagerDuty is its {@code dedup_key} within an
 * integration ({@code routing_key}), and acknowledge/resolve events carry nothing else. So the
 * fingerprint is the Alertmanager fingerprint of the identity labels {@code {dedup_key,
 * routing_key}} only; a trigger also gets descriptive labels for routing ({@code severity}, {@code
 * source}, and {@code component}, {@code group}, {@code class} when present) that do not change its
 * fingerprint. {@code summary}, {@code timestamp}, {@code custom_details}, {@code client}, {@code
 * client_url}, {@code links} and {@code images} become annotations (structured values as JSON
 * text). {@code trigger} → firing, {@code resolve} → resolved, {@code acknowledge} → acknowledged.
 * A trigger without {@code dedup_key} is, as in PagerDuty, a new incident of its own: its dedup key
 * is its event id. The event id hashes the whole event and the record's timestamp ({@link
 * JsonFields#eventId}).
 *
 * <p><b>Writing.</b> Firing and repeat notifications are {@code trigger} events whose {@code
 * payload.timestamp} is the alert's start; a resolve is a {@code resolve} event whose timestamp is
 * the alert's end (an acknowledge, which the generator does not write, is stamped with its send
 * time). The dedup_key is the alert's fingerprint, the routing key a stable 32-hex-digit
 * integration key per team. Label mapping: summary = annotation summary, source = instance,
 * component = service, group = team, class = alertname, custom_details = all labels; severity
 * critical/warning/info maps to the same word (PagerDuty's "error" is not written).
 */
public final class PagerDutyEvent implements AlertFormat.AlertRenderer {
    static final String NAME = "pagerduty";
    private static final String PREFIX = NAME + ": ";
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final int MAX_DEDUP_KEY = 255;
    private static final int MAX_SUMMARY = 1024;

    private final Map<String, String> routingKeys = new ConcurrentHashMap<>();

    PagerDutyEvent() {}

    static boolean accepts(JsonNode root) {
        return root.has("event_action");
    }

    static List<AlertEvent> read(JsonNode root, long recordTimestamp) throws InvalidRecord {
        String routingKey = JsonFields.requiredString(root, "routing_key", "routing_key", PREFIX);
        if (routingKey.isBlank()) {
            throw new InvalidRecord(PREFIX + "routing_key is empty");
        }
        String action = JsonFields.requiredString(root, "event_action", "event_action", PREFIX);
        String eventId = JsonFields.eventId(NAME, recordTimestamp, root);
        String dedupKey = JsonFields.optionalString(root, "dedup_key", "dedup_key", PREFIX);
        if (dedupKey != null && (dedupKey.isEmpty() || dedupKey.length() > MAX_DEDUP_KEY)) {
            throw new InvalidRecord(PREFIX + "dedup_key must have 1 to 255 characters");
        }
        Map<String, String> identity = new HashMap<>();
        identity.put("routing_key", routingKey);
        return switch (action) {
            case "trigger" -> {
                identity.put("dedup_key", dedupKey != null ? dedupKey : eventId);
                yield List.of(trigger(root, identity, eventId, recordTimestamp));
            }
            case "acknowledge", "resolve" -> {
                if (dedupKey == null) {
                    throw new InvalidRecord(
                            PREFIX + "dedup_key missing (required for " + action + ")");
                }
                identity.put("dedup_key", dedupKey);
                AlertmanagerLabels.replaceLoneSurrogates(identity);
                checkOptionalPayload(root);
                boolean resolve = action.equals("resolve");
                LabelSet labels = LabelSet.of(identity);
                yield List.of(
                        new AlertEvent(
                                eventId,
                                resolve ? AlertStatus.RESOLVED : AlertStatus.ACKNOWLEDGED,
                                labels,
                                LabelSet.empty(),
                                0L,
                                resolve ? recordTimestamp : AlertEvent.NOT_ENDED,
                                recordTimestamp,
                                Fingerprint.hex(labels)));
            }
            default ->
                    throw new InvalidRecord(
                            PREFIX
                                    + "event_action must be trigger, acknowledge or resolve, not \""
                                    + action
                                    + "\"");
        };
    }

    private static AlertEvent trigger(
            JsonNode root, Map<String, String> identity, String eventId, long recordTimestamp)
            throws InvalidRecord {
        AlertmanagerLabels.replaceLoneSurrogates(identity);
        JsonNode payload = JsonFields.object(root.get("payload"), "payload", PREFIX);
        String summary = JsonFields.requiredString(payload, "summary", "payload.summary", PREFIX);
        if (summary.isBlank() || summary.length() > MAX_SUMMARY) {
            throw new InvalidRecord(PREFIX + "payload.summary must have 1 to 1024 characters");
        }
        String source = JsonFields.requiredString(payload, "source", "payload.source", PREFIX);
        if (source.isBlank()) {
            throw new InvalidRecord(PREFIX + "payload.source is empty");
        }
        String severity =
                JsonFields.requiredString(payload, "severity", "payload.severity", PREFIX);
        if (!SEVERITIES.contains(severity)) {
            throw new InvalidRecord(
                    PREFIX
                            + "payload.severity must be critical, error, warning or info, not \""
                            + severity
                            + "\"");
        }
        long startsAt = JsonFields.time(payload, "timestamp", "payload.timestamp", PREFIX, false);
        if (startsAt == 0) {
            startsAt = recordTimestamp;
        } else {
            InputLimits.checkTime(startsAt, "payload.timestamp", PREFIX);
        }

        Map<String, String> labels = new HashMap<>(identity);
        labels.put("severity", severity);
        labels.put("source", source);
        for (String name : new String[] {"component", "group", "class"}) {
            String v = JsonFields.optionalString(payload, name, "payload." + name, PREFIX);
            if (v != null && !v.isEmpty()) {
                labels.put(name, v);
            }
        }
        AlertmanagerLabels.replaceLoneSurrogates(labels);
        Map<String, String> annotations = new HashMap<>();
        annotations.put("summary", summary);
        putJson(annotations, "custom_details", payload.get("custom_details"));
        putJson(annotations, "timestamp", payload.get("timestamp"));
        for (String name : new String[] {"client", "client_url", "links", "images"}) {
            putJson(annotations, name, root.get(name));
        }
        InputLimits.checkLabels(labels, "payload", PREFIX);
        InputLimits.checkAnnotations(annotations, "annotations", PREFIX);
        return new AlertEvent(
                eventId,
                AlertStatus.FIRING,
                LabelSet.of(labels),
                LabelSet.of(annotations),
                startsAt,
                AlertEvent.NOT_ENDED,
                recordTimestamp,
                Fingerprint.hex(identity));
    }

    /**
     * PagerDuty ignores the payload of acknowledge and resolve events; a payload that is present
     * but broken still says the producer is broken, so it is not silently accepted.
     */
    private static void checkOptionalPayload(JsonNode root) throws InvalidRecord {
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

    @Override
    public String render(AlertEvent event, Rfc3339 times) {
        LabelSet labels = event.labels();
        StringBuilder out = new StringBuilder(640);
        out.append("{\"routing_key\":\"").append(routingKey(labels.get("team")));
        out.append("\",\"event_action\":\"").append(action(event.status()));
        out.append("\",\"dedup_key\":\"").append(event.fingerprint());
        out.append("\",\"payload\":{\"summary\":");
        GoJson.string(out, summary(event));
        out.append(",\"source\":");
        GoJson.string(out, orEmpty(labels.get("instance")));
        out.append(",\"severity\":");
        GoJson.string(out, severity(labels.get("severity")));
        out.append(",\"timestamp\":\"");
        times.appendTo(
                out,
                switch (event.status()) {
                    case FIRING -> event.startsAtMs();
                    case RESOLVED -> event.endsAtMs();
                    case ACKNOWLEDGED -> event.sendTimeMs();
                });
        out.append("\",\"component\":");
        GoJson.string(out, orEmpty(labels.get("service")));
        out.append(",\"group\":");
        GoJson.string(out, orEmpty(labels.get("team")));
        out.append(",\"class\":");
        GoJson.string(out, orEmpty(labels.get("alertname")));
        out.append(",\"custom_details\":");
        GoJson.object(out, labels);
        return out.append("}}").toString();
    }

    private static String action(AlertStatus status) {
        return switch (status) {
            case FIRING -> "trigger";
            case RESOLVED -> "resolve";
            case ACKNOWLEDGED -> "acknowledge";
        };
    }

    /** A stable integration key per team: the team name's FNV-1a hash, twice, as 32 hex digits. */
    public String routingKey(String team) {
        return routingKeys.computeIfAbsent(
                orEmpty(team),
                t ->
                        Fingerprint.hex(Fingerprint.of(LabelSet.of("routing_key", t)))
                                + Fingerprint.hex(Fingerprint.of(LabelSet.of("team", t))));
    }

    private static String summary(AlertEvent event) {
        String summary = event.annotations().get("summary");
        if (summary == null) {
            summary = orEmpty(event.labels().get("alertname"));
        }
        return summary.length() <= 1024 ? summary : summary.substring(0, 1024);
    }

    private static String severity(String severity) {
        if ("critical".equals(severity) || "warning".equals(severity)) {
            return severity;
        }
        return "info";
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
