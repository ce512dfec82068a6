package dev.pagerboy.datasets.format;

import dev.pagerboy.datasets.model.AlertEvent;
import dev.pagerboy.datasets.model.Rfc3339;
import java.util.Locale;

/** The wire formats an alert stream can be written in; each renders one {@link AlertEvent}. */
public enum AlertFormat {
    ALERTMANAGER(new AlertmanagerWebhook()),
    PAGERDUTY(new PagerDutyEvent()),
    NATIVE(new NativeAlert());

    private final AlertRenderer renderer;

    AlertFormat(AlertRenderer renderer) {
        this.renderer = renderer;
    }

    /** The JSON text of one notification in this format. */
    public String render(AlertEvent event, Rfc3339 times) {
        return renderer.render(event, times);
    }

    /** The Kafka key of a notification: the fingerprint (for PagerDuty, the dedup_key = same). */
    public String key(AlertEvent event) {
        return event.fingerprint();
    }

    /** The name used on the command line and in file names. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a command-line name; throws with the list of known names. */
    public static AlertFormat fromCliName(String name) {
        for (AlertFormat format : values()) {
            if (format.cliName().equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException(
                "unknown format '" + name + "' (known: alertmanager, pagerduty, native)");
    }

    /** Renders one event as the text of one message. */
    interface AlertRenderer {
        String render(AlertEvent event, Rfc3339 times);
    }
}
