package dev.pagerboy.alerts.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The one way to read an alert record, whatever its wire format. The format is detected from the
 * JSON object's shape:
 *
 * <ul>
 *   <li>{@code "version": "4"} → Alertmanager webhook v4 ({@link AlertmanagerWebhook}; one message,
 *       many alerts);
 *   <li>{@code "version": "pagerboy/v1"} → PagerBoy's native JSON ({@link NativeAlert});
 *   <li>an {@code "event_action"} field → PagerDuty Events API v2 ({@link PagerDutyEvent}).
 * </ul>
 *
 * Anything else, or anything invalid, is an {@link InvalidRecord} with a precise reason ({@code
 * invalid JSON at line 1 column 17: …}, {@code alertmanager: alerts[2].labels missing}, {@code
 * unknown format: …}). The job's ingest, the VM's alert input and the datasets' tests all read
 * through here. Alertmanager webhooks and native alerts that are valid are read in one streaming
 * pass ({@link StreamingAlertReader}); every other record, and every invalid one, is read as a tree
 * by the format's reader, which gives the reason. Stateless and deterministic: the same bytes at
 * the same record time always give the same alerts and ids, so replay reproduces them.
 * docs/INGEST.md describes every reason.
 */
public final class AlertReader {

    private AlertReader() {}

    /** Reads the record {@code value} sent at {@code recordTimestamp} (epoch milliseconds). */
    public static ReadAlerts read(byte[] value, long recordTimestamp) throws InvalidRecord {
        byte[] utf8 = AlertmanagerLabels.replaceInvalidUtf8(value);
        if (utf8 != null && utf8.length > 0) {
            ReadAlerts streamed = StreamingAlertReader.read(utf8, recordTimestamp);
            if (streamed != null) {
                return streamed;
            }
        }
        return read(JsonFields.parse(utf8), recordTimestamp);
    }

    /**
     * Reads {@code value} as a tree only, without the streaming fast path: the reference that
     * {@link #read(byte[], long)} must agree with, for parity tests.
     */
    public static ReadAlerts readTree(byte[] value, long recordTimestamp) throws InvalidRecord {
        return read(
                JsonFields.parse(AlertmanagerLabels.replaceInvalidUtf8(value)), recordTimestamp);
    }

    /** Reads an already parsed record sent at {@code recordTimestamp} (epoch milliseconds). */
    public static ReadAlerts read(JsonNode root, long recordTimestamp) throws InvalidRecord {
        if (!root.isObject()) {
            throw new InvalidRecord("unknown format: expected a JSON object, got " + kind(root));
        }
        if (AlertmanagerWebhook.accepts(root)) {
            return new ReadAlerts(
                    AlertFormat.ALERTMANAGER, AlertmanagerWebhook.read(root, recordTimestamp));
        }
        if (NativeAlert.accepts(root)) {
            return new ReadAlerts(AlertFormat.NATIVE, NativeAlert.read(root, recordTimestamp));
        }
        if (PagerDutyEvent.accepts(root)) {
            return new ReadAlerts(
                    AlertFormat.PAGERDUTY, PagerDutyEvent.read(root, recordTimestamp));
        }
        JsonNode version = root.get("version");
        if (version != null) {
            throw new InvalidRecord(
                    "unknown format: unsupported version "
                            + version
                            + " (expected \"4\" for Alertmanager or \"pagerboy/v1\")");
        }
        throw new InvalidRecord(
                "unknown format: expected an Alertmanager webhook (version \"4\"), a PagerDuty"
                        + " event (event_action) or a native alert (version \"pagerboy/v1\")");
    }

    /** True when {@code root} has the shape of one of the formats (it may still be invalid). */
    public static boolean isAlertRecord(JsonNode root) {
        return root.isObject()
                && (AlertmanagerWebhook.accepts(root)
                        || NativeAlert.accepts(root)
                        || PagerDutyEvent.accepts(root));
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
