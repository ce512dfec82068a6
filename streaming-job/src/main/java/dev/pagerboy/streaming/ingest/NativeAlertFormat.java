package dev.pagerboy.streaming.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.RawInput;
import java.util.List;
import java.util.TreeMap;

/**
 * PagerBoy's own format, one alert per record:
 *
 * <pre>{@code
 * {"version":"pagerboy/v1","id":"evt-42","status":"firing",
 *  "labels":{"alertname":"HostDown","instance":"db-1"},"annotations":{"summary":"…"},
 *  "startsAt":"2026-11-28T12:00:00Z","endsAt":null}
 * }</pre>
 *
 * The sender's {@code id} names the event: a re-delivery carries the same id, so the event id is
 * {@code native:<id>}. Times are RFC 3339 strings or epoch milliseconds; {@code endsAt} may be
 * absent or null while firing.
 */
final class NativeAlertFormat {

    static final String NAME = "native";
    static final String VERSION = "pagerboy/v1";
    private static final String PREFIX = NAME + ": ";

    private NativeAlertFormat() {}

    static boolean accepts(JsonNode root) {
        JsonNode version = root.get("version");
        return version != null && version.isTextual() && VERSION.equals(version.textValue());
    }

    static List<Alert> parse(JsonNode root, RawInput input) throws InvalidInput {
        String id = JsonFields.requiredString(root, "id", "id", PREFIX);
        if (id.isBlank()) {
            throw new InvalidInput(PREFIX + "id is empty");
        }
        String status = JsonFields.requiredString(root, "status", "status", PREFIX);
        if (!Alert.FIRING.equals(status) && !Alert.RESOLVED.equals(status)) {
            throw new InvalidInput(
                    PREFIX + "status must be firing or resolved, not \"" + status + "\"");
        }
        TreeMap<String, String> labels = AlertmanagerLabels.read(root, "labels", "labels", PREFIX);
        TreeMap<String, String> annotations =
                AlertmanagerLabels.readAnnotations(root, "annotations", "annotations", PREFIX);
        long startsAt = JsonFields.time(root, "startsAt", "startsAt", PREFIX, true);
        long endsAt = JsonFields.time(root, "endsAt", "endsAt", PREFIX, false);
        if (endsAt != 0 && endsAt < startsAt) {
            throw new InvalidInput(PREFIX + "endsAt is before startsAt");
        }
        if (Alert.RESOLVED.equals(status) && endsAt == 0) {
            endsAt = input.timestamp();
        }
        return List.of(
                new Alert(
                        Fingerprint.hex(labels),
                        status,
                        labels,
                        annotations,
                        startsAt,
                        endsAt,
                        input.timestamp(),
                        NAME,
                        NAME + ":" + id,
                        input.sourceRef()));
    }
}
