package dev.pagerboy.datasets.format;

import dev.pagerboy.datasets.model.AlertEvent;
import dev.pagerboy.datasets.model.AlertStatus;
import dev.pagerboy.datasets.model.Fingerprint;
import dev.pagerboy.datasets.model.Json;
import dev.pagerboy.datasets.model.LabelSet;
import dev.pagerboy.datasets.model.Rfc3339;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A PagerDuty Events API v2 event. Firing and repeat notifications are {@code trigger} events whose
 * {@code payload.timestamp} is the alert's start; a resolve is a {@code resolve} event whose
 * timestamp is the alert's end. The dedup_key is the Alertmanager fingerprint, the routing key a
 * stable 32-hex-digit integration key per team. Label mapping: summary = annotation summary, source
 * = instance, component = service, group = team, class = alertname, custom_details = all labels;
 * severity critical/warning/info maps to the same word (PagerDuty's "error" is not used).
 */
public final class PagerDutyEvent implements AlertFormat.AlertRenderer {
    private final Map<String, String> routingKeys = new ConcurrentHashMap<>();

    @Override
    public String render(AlertEvent event, Rfc3339 times) {
        LabelSet labels = event.labels();
        boolean firing = event.status() == AlertStatus.FIRING;
        StringBuilder out = new StringBuilder(640);
        out.append("{\"routing_key\":\"").append(routingKey(labels.get("team")));
        out.append("\",\"event_action\":\"").append(firing ? "trigger" : "resolve");
        out.append("\",\"dedup_key\":\"").append(event.fingerprint());
        out.append("\",\"payload\":{\"summary\":");
        Json.string(out, summary(event));
        out.append(",\"source\":");
        Json.string(out, orEmpty(labels.get("instance")));
        out.append(",\"severity\":");
        Json.string(out, severity(labels.get("severity")));
        out.append(",\"timestamp\":\"");
        times.appendTo(out, firing ? event.startsAtMs() : event.endsAtMs());
        out.append("\",\"component\":");
        Json.string(out, orEmpty(labels.get("service")));
        out.append(",\"group\":");
        Json.string(out, orEmpty(labels.get("team")));
        out.append(",\"class\":");
        Json.string(out, orEmpty(labels.get("alertname")));
        out.append(",\"custom_details\":");
        Json.object(out, labels);
        return out.append("}}").toString();
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
