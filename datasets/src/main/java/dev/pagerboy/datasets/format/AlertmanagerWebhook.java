package dev.pagerboy.datasets.format;

import dev.pagerboy.datasets.model.AlertEvent;
import dev.pagerboy.datasets.model.AlertStatus;
import dev.pagerboy.datasets.model.Json;
import dev.pagerboy.datasets.model.LabelSet;
import dev.pagerboy.datasets.model.Rfc3339;

/**
 * An Alertmanager webhook message (version 4) carrying one alert, as Alertmanager sends it for a
 * route with {@code group_by: ['...']} (every alert is its own group): groupLabels and commonLabels
 * are the alert's labels, and the groupKey is {@code {}:{name="value", ...}}.
 */
public final class AlertmanagerWebhook implements AlertFormat.AlertRenderer {
    public static final String RECEIVER = "pagerboy";
    public static final String EXTERNAL_URL = "http://alertmanager:9093";
    private static final String GENERATOR_URL =
            "http://prometheus:9090/graph?g0.tab=1&g0.expr=ALERTS%7Balertname%3D%22";
    // The URL as Go's JSON encoder writes it ('&' escaped).
    private static final String GENERATOR_URL_ESCAPED = GENERATOR_URL.replace("&", "\\u0026");

    @Override
    public String render(AlertEvent event, Rfc3339 times) {
        StringBuilder out = new StringBuilder(1024);
        String status = event.status().wire();
        out.append("{\"version\":\"4\",\"groupKey\":");
        Json.string(out, groupKey(event.labels()));
        out.append(",\"truncatedAlerts\":0,\"status\":\"").append(status);
        out.append("\",\"receiver\":\"").append(RECEIVER).append("\",\"groupLabels\":");
        Json.object(out, event.labels());
        out.append(",\"commonLabels\":");
        Json.object(out, event.labels());
        out.append(",\"commonAnnotations\":");
        Json.object(out, event.annotations());
        out.append(",\"externalURL\":\"").append(EXTERNAL_URL).append("\",\"alerts\":[{");
        out.append("\"status\":\"").append(status).append("\",\"labels\":");
        Json.object(out, event.labels());
        out.append(",\"annotations\":");
        Json.object(out, event.annotations());
        out.append(",\"startsAt\":\"");
        times.appendTo(out, event.startsAtMs());
        out.append("\",\"endsAt\":\"");
        if (event.status() == AlertStatus.FIRING) {
            out.append(Rfc3339.GO_ZERO_TIME);
        } else {
            times.appendTo(out, event.endsAtMs());
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
