package dev.pagerboy.streaming.ingest;

import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DeadLetter;
import java.util.List;

/**
 * What one input record turned into: either one or more alerts (an Alertmanager webhook message can
 * carry many), or a dead letter saying why it could not be used. Never both, never neither.
 *
 * @param alerts the parsed alerts, in message order; empty when {@link #deadLetter} is set
 * @param deadLetter the dead letter, or {@code null} when parsing succeeded
 */
public record ParseResult(List<Alert> alerts, DeadLetter deadLetter) {

    public ParseResult {
        alerts = List.copyOf(alerts);
        if (alerts.isEmpty() == (deadLetter == null)) {
            throw new IllegalArgumentException("exactly one of alerts or deadLetter must be set");
        }
    }

    public static ParseResult ofAlerts(List<Alert> alerts) {
        return new ParseResult(alerts, null);
    }

    public static ParseResult ofDeadLetter(DeadLetter deadLetter) {
        return new ParseResult(List.of(), deadLetter);
    }

    public boolean isDeadLetter() {
        return deadLetter != null;
    }
}
