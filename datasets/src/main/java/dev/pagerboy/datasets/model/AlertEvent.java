package dev.pagerboy.datasets.model;

/**
 * One notification about one alert, independent of the wire format it will be written in: the first
 * firing, a repeat on Alertmanager's repeat interval, or the resolve.
 *
 * @param id stable id of this event in its source (converter row or generator alarm number)
 * @param status firing or resolved
 * @param labels the alert's identifying labels (alertname, severity, service, instance, team)
 * @param annotations summary and description
 * @param startsAtMs when the alert started firing, epoch milliseconds
 * @param endsAtMs when it resolved, epoch milliseconds; {@link #NOT_ENDED} while firing
 * @param sendTimeMs when this notification is sent (the record's time), epoch milliseconds
 * @param fingerprint the Alertmanager fingerprint of {@code labels}
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

    /** {@code endsAtMs} of an alert that is still firing. */
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
}
