package dev.pagerboy.alerts.format;

import dev.pagerboy.alerts.AlertEvent;
import java.util.List;

/**
 * What one record held: its format and its alerts, in message order (an Alertmanager webhook
 * message may carry many; the other formats carry one). Never empty.
 */
public record ReadAlerts(AlertFormat format, List<AlertEvent> alerts) {

    public ReadAlerts {
        alerts = List.copyOf(alerts);
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a record that was read holds at least one alert");
        }
    }
}
