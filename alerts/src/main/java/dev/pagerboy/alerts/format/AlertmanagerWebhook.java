package dev.pagerboy.alerts.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.alerts.AlertEvent;
import dev.pagerboy.alerts.AlertStatus;
import dev.pagerboy.alerts.GoJson;
import dev.pagerboy.alerts.LabelSet;
import dev.pagerboy.alerts.Rfc3339;
import java.util.ArrayList;
import java.util.List;

/**
 * Alertmanager's webhook payload, version 4: one message carries a group of alerts, each with its
 * own status, labels, annotations, startsAt and endsAt.
 *
 * <p><b>Reading.</b> Message-level fields (groupKey, receiver, commonLabels …) describe
 * Alertmanager's own grouping and are ignored; PagerBoy groups again with its own routing tree.
 * Each alert becomes one {@link AlertEvent}. Its fingerprint is recomputed from its labels (it
 * equals the {@code fingerprint} field Alertmanager sends); its id hashes the alert object and the
 * record's timestamp ({@link JsonFields#eventId}), so the same record delivered twice yields the
 * same ids while Alertmanager's deliberate re-sends (every repeat_interval, identical content) are
 * new events.
 *
 * <p><b>Writing.</b> One alert per message, as Alertmanager sends it for a route with {@code
 * group_by: ['...']} (every alert is its own group): groupLabels and commonLabels are the alert's
 * labels, and the groupKey is {@code {}:{name="value", ...}}.
 */
public final class AlertmanagerWebhook implements AlertFormat.AlertRenderer {
    public static final String RECEIVER = "pagerboy";
    public static final String EXTERNAL_URL = "http://alertmanager:9093";
    static final String NAME = "alertmanager";
    private static final String PREFIX = NAME + ": ";
    private static final String GENERATOR_URL =
            "http://prometheus:9090/graph?g0.tab=1&g0.expr=ALERTS%7Balertname%3D%22";
    // The URL as Go's JSON encoder writes it ('&' escaped).
    private static final String GENERATOR_URL_ESCAPED = GENERATOR_URL.replace("&", "\\u0026");

    AlertmanagerWebhook() {}

    static boolean accepts(JsonNode root) {
        JsonNode version = root.get("version");
        return version != null && version.isTextual() && "4".equals(version.textValue());
    }

    /** Reads every alert of one webhook message sent at {@code recordTimestamp}. */
    static List<AlertEvent> read(JsonNode root, long recordTimestamp) throws InvalidRecord {
        List<JsonNode> alerts = JsonFields.array(root, "alerts", "alerts", PREFIX);
        if (alerts.isEmpty()) {
            throw new InvalidRecord(PREFIX + "alerts is empty");
        }
        List<AlertEvent> out = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            out.add(readAlert(alerts.get(i), "alerts[" + i + "]", PREFIX, recordTimestamp));
        }
        return out;
    }

    /**
     * Reads one alert object of a webhook message ({@code status}, {@code labels}, {@code
     * annotations}, {@code startsAt}, {@code endsAt}); errors read {@code <prefix><path>.<field>
     * …}. A resolved alert without endsAt ends at {@code recordTimestamp}.
     */
    public static AlertEvent readAlert(
            JsonNode node, String path, String prefix, long recordTimestamp) throws InvalidRecord {
        String dot = path.isEmpty() ? "" : path + ".";
        JsonNode a = JsonFields.object(node, path.isEmpty() ? "alert" : path, prefix);
        String status = JsonFields.requiredString(a, "status", dot + "status", prefix);
        if (!AlertStatus.FIRING.wire().equals(status)
                && !AlertStatus.RESOLVED.wire().equals(status)) {
            throw new InvalidRecord(
                    prefix + dot + "status must be firing or resolved, not \"" + status + "\"");
        }
        LabelSet labels = LabelSet.of(AlertmanagerLabels.read(a, "labels", dot + "labels", prefix));
        LabelSet annotations =
                LabelSet.of(
                        AlertmanagerLabels.readAnnotations(
                                a, "annotations", dot + "annotations", prefix));
        long startsAt = JsonFields.time(a, "startsAt", dot + "startsAt", prefix, true);
        long endsAt = JsonFields.time(a, "endsAt", dot + "endsAt", prefix, false);
        InputLimits.checkTime(startsAt, dot + "startsAt", prefix);
        if (endsAt != 0) {
            InputLimits.checkTime(endsAt, dot + "endsAt", prefix);
        }
        if (endsAt != 0 && endsAt < startsAt) {
            throw new InvalidRecord(prefix + dot + "endsAt is before startsAt");
        }
        boolean resolved = AlertStatus.RESOLVED.wire().equals(status);
        if (resolved && endsAt == 0) {
            endsAt = recordTimestamp;
        } else if (endsAt == 0) {
            endsAt = AlertEvent.NOT_ENDED;
        }
        return AlertEvent.of(
                JsonFields.eventId(NAME, recordTimestamp, a),
                resolved ? AlertStatus.RESOLVED : AlertStatus.FIRING,
                labels,
                annotations,
                startsAt,
                endsAt,
                recordTimestamp);
    }

    @Override
    public String render(AlertEvent event, Rfc3339 times) {
        if (event.status() == AlertStatus.ACKNOWLEDGED) {
            throw new IllegalArgumentException(
                    "Alertmanager has no acknowledged status (only PagerDuty events do): "
                            + event.id());
        }
        StringBuilder out = new StringBuilder(1024);
        String status = event.status().wire();
        out.append("{\"version\":\"4\",\"groupKey\":");
        GoJson.string(out, groupKey(event.labels()));
        out.append(",\"truncatedAlerts\":0,\"status\":\"").append(status);
        out.append("\",\"receiver\":\"").append(RECEIVER).append("\",\"groupLabels\":");
        GoJson.object(out, event.labels());
        out.append(",\"commonLabels\":");
        GoJson.object(out, event.labels());
        out.append(",\"commonAnnotations\":");
        GoJson.object(out, event.annotations());
        out.append(",\"externalURL\":\"").append(EXTERNAL_URL).append("\",\"alerts\":[{");
        out.append("\"status\":\"").append(status).append("\",\"labels\":");
        GoJson.object(out, event.labels());
        out.append(",\"annotations\":");
        GoJson.object(out, event.annotations());
        out.append(",\"startsAt\":\"");
        times.appendTo(out, event.startsAtMs());
        out.append("\",\"endsAt\":\"");
        if (event.status() == AlertStatus.RESOLVED) {
            times.appendTo(out, event.endsAtMs());
        } else {
            out.append(Rfc3339.GO_ZERO_TIME);
        }
        out.append("\",\"generatorURL\":");
        out.append('"').append(GENERATOR_URL_ESCAPED);
        appendUrlSafe(out, event.labels().get("alertname"));
        out.append("%22%7D\"");
        out.append(",\"fingerprint\":\"").append(event.fingerprint()).append("\"}]}");
        return out.toString();
    }

    /**
     * Alertmanager's group key for the root route: {@code {}:} followed by the group labels in Go's
     * {@code LabelSet.String()} form, {@code {a="1", b="2"}}.
     */
    static String groupKey(LabelSet groupLabels) {
        StringBuilder key = new StringBuilder(128).append("{}:{");
        for (int i = 0; i < groupLabels.size(); i++) {
            if (i > 0) {
                key.append(", ");
            }
            key.append(groupLabels.name(i)).append("=\"");
            String value = groupLabels.value(i);
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch == '"' || ch == '\\') {
                    key.append('\\');
                }
                key.append(ch);
            }
            key.append('"');
        }
        return key.append('}').toString();
    }

    /** Alert names are [A-Za-z0-9_]; anything else is left out of the URL. */
    private static void appendUrlSafe(StringBuilder out, String alertname) {
        if (alertname == null) {
            return;
        }
        for (int i = 0; i < alertname.length(); i++) {
            char c = alertname.charAt(i);
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '_') {
                out.append(c);
            }
        }
    }
}
