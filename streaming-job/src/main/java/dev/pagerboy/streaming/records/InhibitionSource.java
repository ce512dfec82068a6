package dev.pagerboy.streaming.records;

import java.util.Map;

/**
 * A change of an alert that may inhibit others (it matches the source side of an inhibit rule):
 * broadcast to every group so that each can tell, for any event time, which sources were firing.
 *
 * @param fingerprint the source alert's fingerprint
 * @param labels its labels including the handler's added labels
 * @param firing whether this change starts (or continues) firing, or resolves it
 * @param endsAt the alert's own end (epoch ms), 0 when open
 * @param eventTime event time of the change
 * @param sourceRef where the alert came from, to order changes at the same event time
 */
public record InhibitionSource(
        String fingerprint,
        Map<String, String> labels,
        boolean firing,
        long endsAt,
        long eventTime,
        String sourceRef) {

    /** Whether the source fires at event time {@code time}, by this change alone. */
    public boolean firingAt(long time) {
        return firing && (endsAt == 0L || endsAt > time);
    }
}
