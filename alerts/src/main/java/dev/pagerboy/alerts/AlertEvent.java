package dev.pagerboy.alerts;

/**
 * One notification about one alert, independent of the wire format it is written in or was read
 * from: a firing (first or repeated), a resolve, or a PagerDuty acknowledge. The format writers
 * render it and the format readers produce it.
 *
 * @param id the event's id: for events the datasets build, their stable source id (converter row or
 *     generator alarm number); for events a reader produced, the event id it derived (see {@code
 *     dev.pagerboy.alerts.format.AlertReader})
 * @param status firing, resolved or acknowledged
 * @param labels the alert's identifying labels
 * @param annotations informational name/values that are not part of the identity
 * @param startsAtMs when the alert started firing, epoch milliseconds ({@code 0} when the format
 *     did not say, as in a PagerDuty acknowledge or resolve)
 * @param endsAtMs when it resolved (or, for a firing Alertmanager alert, when it will time out),
 *     epoch milliseconds; {@link #NOT_ENDED} when not known
 * @param sendTimeMs when this notification was sent (the record's time), epoch milliseconds
 * @param fingerprint the Alertmanager fingerprint that identifies the alert: of {@code labels},
 *     except for PagerDuty input, where it is of the identity labels only
 */
public record AlertEvent(
        String id,
        AlertStatus status,
        LabelSet labels,
        LabelSet annotations,
        long startsAtMs,
        long endsAtMs,
        long sendTimeMs,
        String fingerprint) {

    /** {@code endsAtMs} when no end is known: the alert is open and no timeout was sent. */
    public static final long NOT_ENDED = Long.MIN_VALUE;

    public AlertEvent {
        if (status == AlertStatus.RESOLVED && endsAtMs == NOT_ENDED) {
            throw new IllegalArgumentException("a resolved alert needs endsAt: " + id);
        }
    }

    /** Builds an event and computes the Alertmanager fingerprint of its labels. */
    public static AlertEvent of(
            String id,
            AlertStatus status,
            LabelSet labels,
            LabelSet annotations,
            long startsAtMs,
            long endsAtMs,
            long sendTimeMs) {
        return new AlertEvent(
                id,
                status,
                labels,
                annotations,
                startsAtMs,
                endsAtMs,
                sendTimeMs,
                Fingerprint.hex(labels));
    }

    /** The incident this notification belongs to: {@code <fingerprint>:<startsAt epoch ms>}. */
    public String incidentId() {
        return fingerprint + ":" + startsAtMs;
    }

    /** True when {@link #endsAtMs} holds a time (a resolve, or a firing alert's timeout). */
    public boolean hasEndsAt() {
        return endsAtMs != NOT_ENDED;
    }
}
