package dev.pagerboy.streaming.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import java.io.Serializable;
import java.util.List;

/**
 * Turns one record of the {@code alerts} topic into PagerBoy alerts. The format is detected per
 * record from the JSON object's shape:
 *
 * <ul>
 *   <li>{@code "version": "4"} → Alertmanager webhook v4 ({@link AlertmanagerWebhookFormat}; one
 *       message, many alerts);
 *   <li>{@code "version": "pagerboy/v1"} → PagerBoy's native JSON ({@link NativeAlertFormat});
 *   <li>an {@code "event_action"} field → PagerDuty Events API v2 ({@link PagerDutyEventFormat}).
 * </ul>
 *
 * Anything else, or anything invalid, becomes a dead letter with a precise reason ({@code invalid
 * JSON at line 1 column 17: …}, {@code alertmanager: alerts[2].labels missing}, {@code unknown
 * format: …}); this class never throws on bad input. Every alert's event time is the record's
 * timestamp.
 *
 * <p>Stateless and deterministic: the same record always gives the same result, so replay
 * reproduces it. Instances are serializable so Flink functions can hold one. docs/INGEST.md
 * describes the formats and every reason.
 */
public final class AlertParser implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Parses {@code input}; never throws for bad content. */
    public ParseResult parse(RawInput input) {
        try {
            return ParseResult.ofAlerts(alerts(input));
        } catch (InvalidInput e) {
            return ParseResult.ofDeadLetter(DeadLetter.of(input, e.getMessage()));
        }
    }

    private static List<Alert> alerts(RawInput input) throws InvalidInput {
        JsonNode root = JsonFields.parse(AlertmanagerLabels.replaceInvalidUtf8(input.value()));
        if (!root.isObject()) {
            throw new InvalidInput("unknown format: expected a JSON object, got " + kind(root));
        }
        if (AlertmanagerWebhookFormat.accepts(root)) {
            return AlertmanagerWebhookFormat.parse(root, input);
        }
        if (NativeAlertFormat.accepts(root)) {
            return NativeAlertFormat.parse(root, input);
        }
        if (PagerDutyEventFormat.accepts(root)) {
            return PagerDutyEventFormat.parse(root, input);
        }
        JsonNode version = root.get("version");
        if (version != null) {
            throw new InvalidInput(
                    "unknown format: unsupported version "
                            + version
                            + " (expected \"4\" for Alertmanager or \"pagerboy/v1\")");
        }
        throw new InvalidInput(
                "unknown format: expected an Alertmanager webhook (version \"4\"), a PagerDuty"
                        + " event (event_action) or a native alert (version \"pagerboy/v1\")");
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
