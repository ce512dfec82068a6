package dev.pagerboy.streaming.records;

import dev.pagerboy.alerts.AlertStatus;
import java.util.Map;

/**
 * One alert in PagerBoy's normalised form, whatever format it arrived in. Everything downstream
 * (dedup, handler VM, grouping, routing) works on this record and is keyed by {@link #fingerprint}.
 *
 * @param fingerprint 16 lowercase hex digits, the Alertmanager-compatible fingerprint of {@link
 *     #labels} (see {@code dev.pagerboy.alerts.Fingerprint}); for PagerDuty events, of the identity
 *     labels {@code dedup_key} and {@code routing_key} only, because acknowledge and resolve events
 *     carry nothing else
 * @param status {@code firing} or {@code resolved}; {@code acknowledged} only for PagerDuty {@code
 *     acknowledge} events (the {@link AlertStatus#wire()} words, kept as text in the record so that
 *     its Flink serializer and the archive schema stay as they are)
 * @param labels the identifying labels (iteration order is not significant: Flink's built-in map
 *     serializer does not keep the map implementation, and the fingerprint sorts by name)
 * @param annotations informational key/values that are not part of the identity
 * @param startsAt when the alert started, epoch milliseconds
 * @param endsAt when the alert ended, epoch milliseconds; {@code 0} while it is open
 * @param eventTime event time in epoch milliseconds, equal to the source {@link
 *     RawInput#timestamp()}
 * @param format the input format it was parsed from: {@code alertmanager}, {@code pagerduty} or
 *     {@code native} ({@code AlertFormat.cliName()})
 * @param eventId a stable id of the source event (a hash of its canonical content), equal for exact
 *     re-deliveries of the same event, different otherwise
 * @param sourceRef {@code topic/partition/offset}, plus {@code #index} when one message held
 *     several alerts
 */
public record Alert(
        String fingerprint,
        String status,
        Map<String, String> labels,
        Map<String, String> annotations,
        long startsAt,
        long endsAt,
        long eventTime,
        String format,
        String eventId,
        String sourceRef) {

    public static final String FIRING = AlertStatus.FIRING.wire();
    public static final String RESOLVED = AlertStatus.RESOLVED.wire();

    /** A PagerDuty {@code acknowledge} event; acks are handled in the next milestone. */
    public static final String ACKNOWLEDGED = AlertStatus.ACKNOWLEDGED.wire();

    public boolean isFiring() {
        return FIRING.equals(status);
    }

    public boolean isResolved() {
        return RESOLVED.equals(status);
    }

    public boolean isAcknowledged() {
        return ACKNOWLEDGED.equals(status);
    }

    /** {@link #status} as the shared enum. */
    public AlertStatus alertStatus() {
        return switch (status) {
            case "firing" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            case "acknowledged" -> AlertStatus.ACKNOWLEDGED;
            default -> throw new IllegalStateException("unknown alert status " + status);
        };
    }
}
