package dev.pagerboy.streaming.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.RawInput;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Alertmanager's webhook payload, version 4: one message carries a group of alerts, each with its
 * own status, labels, annotations, startsAt and endsAt. Message-level fields (groupKey, receiver,
 * commonLabels …) describe Alertmanager's own grouping and are ignored; PagerBoy groups again with
 * its own routing tree.
 *
 * <p>Each alert becomes one {@link Alert}. Its fingerprint is recomputed from its labels (it equals
 * the {@code fingerprint} field Alertmanager sends); its event id hashes the alert object and the
 * record's timestamp, so the same record delivered twice yields the same ids while Alertmanager's
 * deliberate re-sends (every repeat_interval, identical content) are new events.
 */
final class AlertmanagerWebhookFormat {

    static final String NAME = "alertmanager";
    private static final String PREFIX = NAME + ": ";

    private AlertmanagerWebhookFormat() {}

    static boolean accepts(JsonNode root) {
        JsonNode version = root.get("version");
        return version != null && version.isTextual() && "4".equals(version.textValue());
    }

    static List<Alert> parse(JsonNode root, RawInput input) throws InvalidInput {
        List<JsonNode> alerts = JsonFields.array(root, "alerts", "alerts", PREFIX);
        if (alerts.isEmpty()) {
            throw new InvalidInput(PREFIX + "alerts is empty");
        }
        List<Alert> out = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            String path = "alerts[" + i + "]";
            JsonNode a = JsonFields.object(alerts.get(i), path, PREFIX);
            String status = JsonFields.requiredString(a, "status", path + ".status", PREFIX);
            if (!Alert.FIRING.equals(status) && !Alert.RESOLVED.equals(status)) {
                throw new InvalidInput(
                        PREFIX
                                + path
                                + ".status must be firing or resolved, not \""
                                + status
                                + "\"");
            }
            TreeMap<String, String> labels =
                    AlertmanagerLabels.read(a, "labels", path + ".labels", PREFIX);
            TreeMap<String, String> annotations =
                    AlertmanagerLabels.readAnnotations(
                            a, "annotations", path + ".annotations", PREFIX);
            long startsAt = JsonFields.time(a, "startsAt", path + ".startsAt", PREFIX, true);
            long endsAt = JsonFields.time(a, "endsAt", path + ".endsAt", PREFIX, false);
            if (endsAt != 0 && endsAt < startsAt) {
                throw new InvalidInput(PREFIX + path + ".endsAt is before startsAt");
            }
            if (Alert.RESOLVED.equals(status) && endsAt == 0) {
                endsAt = input.timestamp();
            }
            String ref = input.sourceRef() + (alerts.size() > 1 ? "#" + i : "");
            out.add(
                    new Alert(
                            Fingerprint.hex(labels),
                            status,
                            labels,
                            annotations,
                            startsAt,
                            endsAt,
                            input.timestamp(),
                            NAME,
                            JsonFields.eventId(NAME, input.timestamp(), a),
                            ref));
        }
        return out;
    }
}
