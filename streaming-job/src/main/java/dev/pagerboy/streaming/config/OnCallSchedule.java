package dev.pagerboy.streaming.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * A simple rotation: starting at {@link #startsAt}, each participant is on call for {@link
 * #rotation} in turn. Parsed and validated in this milestone; used by escalation next.
 *
 * @param name unique schedule name
 * @param timeZone IANA zone id, e.g. {@code Europe/Berlin} (for display and future layers)
 * @param startsAt epoch milliseconds of the first hand-over
 * @param rotation length of one shift
 * @param participants the engineers, in rotation order (at least one, no duplicates)
 */
public record OnCallSchedule(
        String name, String timeZone, long startsAt, Duration rotation, List<String> participants)
        implements Serializable {

    /** Who is on call at {@code time} (epoch ms); the first participant before the start. */
    public String onCallAt(long time) {
        if (time < startsAt) {
            return participants.get(0);
        }
        long shift = (time - startsAt) / rotation.toMillis();
        return participants.get((int) (shift % participants.size()));
    }
}
