package dev.pagerboy.alerts.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.alerts.AlertEvent;
import dev.pagerboy.alerts.AlertStatus;
import dev.pagerboy.alerts.GoJson;
import dev.pagerboy.alerts.LabelSet;
import dev.pagerboy.alerts.Rfc3339;
import java.util.List;

/**
 * PagerBoy's own format, one alert per record:
 *
 * <pre>{@code
 * {"version":"pagerboy/v1","id":"evt-42","status":"firing",
 *  "labels":{"alertname":"HostDown","instance":"db-1"},"annotations":{"summary":"…"},
 *  "startsAt":"2026-11-28T12:00:00Z","endsAt":null}
 * }</pre>
 *
 * The sender's {@code id} names the event: a re-delivery carries the same id, so a reader's event
 * id is {@code native:<id>}. Times are RFC 3339 strings or epoch milliseconds; {@code endsAt} may
 * be absent or null while firing. The writer puts {@code endsAt} only on a resolved alert.
 */
public final class NativeAlert implements AlertFormat.AlertRenderer {
    public static final String VERSION = "pagerboy/v1";
    static final String NAME = "native";
    private static final String PREFIX = NAME + ": ";

    NativeAlert() {}

    static boolean accepts(JsonNode root) {
        JsonNode version = root.get("version");
        return version != null && version.isTextual() && VERSION.equals(version.textValue());
    }

    static List<AlertEvent> read(JsonNode root, long recordTimestamp) throws InvalidRecord {
        String id = JsonFields.requiredString(root, "id", "id", PREFIX);
        if (id.isBlank()) {
            throw new InvalidRecord(PREFIX + "id is empty");
        }
        String status = JsonFields.requiredString(root, "status", "status", PREFIX);
        if (!AlertStatus.FIRING.wire().equals(status)
                && !AlertStatus.RESOLVED.wire().equals(status)) {
            throw new InvalidRecord(
                    PREFIX + "status must be firing or resolved, not \"" + status + "\"");
        }
        LabelSet labels = LabelSet.of(AlertmanagerLabels.read(root, "labels", "labels", PREFIX));
        LabelSet annotations =
                LabelSet.of(
                        AlertmanagerLabels.readAnnotations(
                                root, "annotations", "annotations", PREFIX));
        long startsAt = JsonFields.time(root, "startsAt", "startsAt", PREFIX, true);
        long endsAt = JsonFields.time(root, "endsAt", "endsAt", PREFIX, false);
        InputLimits.checkTime(startsAt, "startsAt", PREFIX);
        if (endsAt != 0) {
            InputLimits.checkTime(endsAt, "endsAt", PREFIX);
        }
        if (endsAt != 0 && endsAt < startsAt) {
            throw new InvalidRecord(PREFIX + "endsAt is before startsAt");
        }
        boolean resolved = AlertStatus.RESOLVED.wire().equals(status);
        if (resolved && endsAt == 0) {
            endsAt = recordTimestamp;
        } else if (endsAt == 0) {
            endsAt = AlertEvent.NOT_ENDED;
        }
        return List.of(
                AlertEvent.of(
                        NAME + ":" + id,
                        resolved ? AlertStatus.RESOLVED : AlertStatus.FIRING,
                        labels,
                        annotations,
                        startsAt,
                        endsAt,
                        recordTimestamp));
    }

    @Override
    public String render(AlertEvent event, Rfc3339 times) {
        if (event.status() == AlertStatus.ACKNOWLEDGED) {
            throw new IllegalArgumentException(
                    "the native format has no acknowledged status (only PagerDuty events do): "
                            + event.id());
        }
        StringBuilder out = new StringBuilder(512);
        out.append("{\"version\":\"").append(VERSION).append("\",\"id\":");
        GoJson.string(out, event.id());
        out.append(",\"status\":\"").append(event.status().wire()).append("\",\"labels\":");
        GoJson.object(out, event.labels());
        out.append(",\"annotations\":");
        GoJson.object(out, event.annotations());
        out.append(",\"startsAt\":\"");
        times.appendTo(out, event.startsAtMs());
        out.append('"');
        if (event.status() == AlertStatus.RESOLVED) {
            out.append(",\"endsAt\":\"");
            times.appendTo(out, event.endsAtMs());
            out.append('"');
        }
        return out.append('}').toString();
    }
}
