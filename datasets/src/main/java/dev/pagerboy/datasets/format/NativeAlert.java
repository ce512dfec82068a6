package dev.pagerboy.datasets.format;

import dev.pagerboy.datasets.model.AlertEvent;
import dev.pagerboy.datasets.model.AlertStatus;
import dev.pagerboy.datasets.model.Json;
import dev.pagerboy.datasets.model.Rfc3339;

/**
 * PagerBoy's own alert message, {@code pagerboy/v1}: the event's stable source id, status, labels,
 * annotations, startsAt, and endsAt only once the alert has resolved.
 */
public final class NativeAlert implements AlertFormat.AlertRenderer {
    public static final String VERSION = "pagerboy/v1";

    @Override
    public String render(AlertEvent event, Rfc3339 times) {
        StringBuilder out = new StringBuilder(512);
        out.append("{\"version\":\"").append(VERSION).append("\",\"id\":");
        Json.string(out, event.id());
        out.append(",\"status\":\"").append(event.status().wire()).append("\",\"labels\":");
        Json.object(out, event.labels());
        out.append(",\"annotations\":");
        Json.object(out, event.annotations());
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
