package dev.pagerboy.vm.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pagerboy.alerts.AlertEvent;
import dev.pagerboy.alerts.format.AlertReader;
import dev.pagerboy.alerts.format.AlertmanagerWebhook;
import dev.pagerboy.alerts.format.InvalidRecord;
import dev.pagerboy.alerts.format.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads alert files for the VM's tools ({@code vm trace --alert}, {@code vm handler test --alerts},
 * {@code vm asm --embed-alert}) into {@link HandlerInput}s, with the same readers the job uses
 * ({@code dev.pagerboy.alerts.format}), so a file means the same alerts to both. A value may be:
 *
 * <ul>
 *   <li>one alert in the shape of an Alertmanager alert, the VM's own alert file:
 *       <pre>
 * {"status": "firing", "labels": {"alertname": "...", "severity": "...", ...},
 *  "annotations": {"summary": "..."}, "startsAt": "2026-11-28T09:15:00Z",
 *  "repeatCount": 0, "fingerprint": "c0ffee00c0ffee00"}
 * </pre>
 *       {@code status} defaults to firing, {@code repeatCount} to 0; {@code startsAt} (RFC 3339) is
 *       required. Without {@code fingerprint}, the shared Alertmanager fingerprint of the labels;
 *   <li>a record in any of the job's wire formats (Alertmanager webhook, PagerDuty event, native),
 *       each alert with repeat count 0;
 *   <li>a datasets envelope ({@code {"ts", "key", "topic", "payload"}}) around either; its {@code
 *       ts} is the record time.
 * </ul>
 */
public final class AlertJson {

    private AlertJson() {}

    /**
     * Exactly one alert.
     *
     * @throws IllegalArgumentException with a message naming the bad field
     */
    public static HandlerInput parse(String json) {
        List<HandlerInput> alerts = parseLine(json);
        if (alerts.size() != 1) {
            throw new IllegalArgumentException(
                    "expected one alert, the file holds " + alerts.size());
        }
        return alerts.get(0);
    }

    /**
     * The alerts of one value (one line of a JSON-lines file).
     *
     * @throws IllegalArgumentException with a message naming the bad field
     */
    public static List<HandlerInput> parseLine(String line) {
        try {
            JsonNode root = JsonFields.parse(line.getBytes(StandardCharsets.UTF_8));
            long recordTime = 0;
            if (root.isObject() && root.has("payload") && root.has("topic")) {
                recordTime = root.path("ts").asLong(0);
                JsonNode payload = root.get("payload");
                root =
                        payload.isTextual()
                                ? JsonFields.parse(
                                        payload.textValue().getBytes(StandardCharsets.UTF_8))
                                : payload;
            }
            if (AlertReader.isAlertRecord(root)) {
                List<HandlerInput> inputs = new ArrayList<>();
                for (AlertEvent e : AlertReader.read(root, recordTime).alerts()) {
                    inputs.add(input(e, 0, e.fingerprint()));
                }
                return inputs;
            }
            return List.of(alert(root));
        } catch (InvalidRecord e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** The VM's own alert file: an Alertmanager alert with defaults and two extra fields. */
    private static HandlerInput alert(JsonNode root) throws InvalidRecord {
        if (!root.isObject()) {
            throw new IllegalArgumentException("an alert must be a JSON object");
        }
        ObjectNode alert = ((ObjectNode) root).deepCopy();
        if (!JsonFields.has(alert, "status")) {
            alert.put("status", "firing");
        }
        if (!alert.path("startsAt").isTextual()) {
            throw new IllegalArgumentException("startsAt is required, as an RFC 3339 time string");
        }
        JsonNode repeat = alert.get("repeatCount");
        int repeatCount = 0;
        if (repeat != null && !repeat.isNull()) {
            if (!repeat.canConvertToInt() || !repeat.isIntegralNumber() || repeat.intValue() < 0) {
                throw new IllegalArgumentException("repeatCount must be a non-negative integer");
            }
            repeatCount = repeat.intValue();
        }
        String fingerprint = JsonFields.optionalString(alert, "fingerprint", "fingerprint", "");
        AlertEvent event = AlertmanagerWebhook.readAlert(alert, "", "", 0L);
        return input(event, repeatCount, fingerprint != null ? fingerprint : event.fingerprint());
    }

    private static HandlerInput input(AlertEvent e, int repeatCount, String fingerprint) {
        String severity = e.labels().get("severity");
        String alertname = e.labels().get("alertname");
        String summary = e.annotations().get("summary");
        return new HandlerInput(
                e.status().wire(),
                severity == null ? "" : severity,
                alertname == null ? "" : alertname,
                fingerprint,
                e.labels().asMap(),
                summary == null ? "" : summary,
                e.startsAtMs(),
                repeatCount);
    }
}
