package dev.pagerboy.streaming.lateness;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.RoutedAlert;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the group stage files a routed alert, and the alerts whose time was recorded.
 *
 * <p>Dedup releases an alert before it forwards the watermark that released it, so on the alert
 * path a routed alert is never behind the group's watermark. But the group stage also reads the
 * clock directly (its broadcast input), and when the whole job has been idle and the clock resumes
 * with a jump, the tick reaches the group one hop before dedup has released the alerts it makes
 * due: the group fires its flushes up to the tick without them and meets them behind its watermark.
 * Filed at their own, past, time, flushes already made without them would stay made, where replay
 * includes them. So the group files such an alert at {@code watermark + 1}, as if it had just
 * arrived, and records that time as an input: a {@code late_input} row (stage {@value #STAGE})
 * naming the alert by {@link #key}. Replay passes the recorded times back ({@link #recorded}) and
 * the group files the alert there again.
 */
public final class LateRoutedAlerts implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The stage's name in the {@code late_input} row's outcome column. */
    public static final String STAGE = "group";

    /** A live job: no time recorded yet. */
    public static final LateRoutedAlerts NONE = new LateRoutedAlerts(Map.of());

    private final HashMap<String, Long> appliedAt;

    private LateRoutedAlerts(Map<String, Long> appliedAt) {
        this.appliedAt = new HashMap<>(appliedAt);
    }

    /** The filed times a replay found in the archive, by {@link #key}. */
    public static LateRoutedAlerts recorded(Map<String, Long> appliedAt) {
        return appliedAt.isEmpty() ? NONE : new LateRoutedAlerts(appliedAt);
    }

    /**
     * What names one routed alert across runs: its record, route, own event time and status (an
     * alert dedup ended itself shares its record with the firing it ends).
     */
    public static String key(RoutedAlert routed) {
        return routed.sourceRef()
                + "|"
                + routed.routeId()
                + "|"
                + routed.eventTime()
                + "|"
                + routed.alert().status();
    }

    /**
     * {@code routed} as the group stage files it: at its own time, or the time recorded for it; if
     * that is not after the watermark, re-timed to {@code watermark + 1} with a {@code late_input}
     * row archived. Once the input has ended (watermark {@code Long.MAX_VALUE}) it keeps its time.
     */
    public RoutedAlert applyAt(
            RoutedAlert routed, long watermark, Consumer<ArchiveRecord> archive) {
        String key = key(routed);
        long wanted = Math.max(routed.eventTime(), appliedAt.getOrDefault(key, Long.MIN_VALUE));
        long at = wanted;
        if (wanted <= watermark && watermark != Long.MAX_VALUE) {
            at = watermark + 1;
            archive.accept(ArchiveRecord.lateRoutedAlert(key, routed.eventTime(), STAGE, at));
        }
        return at == routed.eventTime()
                ? routed
                : new RoutedAlert(
                        routed.routeId(),
                        routed.groupKey(),
                        routed.alert(),
                        at,
                        routed.sourceRef(),
                        routed.eventId());
    }
}
