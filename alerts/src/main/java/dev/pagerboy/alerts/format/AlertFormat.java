package dev.pagerboy.alerts.format;

import dev.pagerboy.alerts.AlertEvent;
import dev.pagerboy.alerts.Rfc3339;
import java.util.Locale;

/**
 * The wire formats alerts arrive in and that the datasets are written in. Each has one reader (used
 * through {@link AlertReader}, which detects the format of a record) and one writer ({@link
 * #render}).
 */
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

    /**
     * The format's name: {@code alertmanager}, {@code pagerduty} or {@code native}. Used on the
     * command line, in file names and as the job's {@code Alert.format}.
     */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a format's name; throws with the list of known names. */
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
