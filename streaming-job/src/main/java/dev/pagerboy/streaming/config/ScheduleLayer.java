package dev.pagerboy.streaming.config;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * One rotation of a schedule: from {@link #startsAt}, each participant is on call for one {@link
 * #rotation} in turn. Handoffs are wall-clock times in the schedule's zone — the first handoff's
 * local time plus a whole number of rotations — so a daily 09:00 Europe/Berlin handoff stays at
 * 09:00 and the shift that contains a DST change lasts 23 or 25 hours. A handoff that falls in the
 * skipped spring hour happens when the clocks jump; one in the repeated autumn hour happens at its
 * first occurrence. The layer covers nothing before {@link #startsAt}, from {@link #endsAt} on, or
 * outside its restrictions (PagerDuty's layer model: the rotation keeps turning underneath a
 * restriction, the restriction only hides it).
 *
 * @param name unique within its schedule
 * @param zone the schedule's time zone
 * @param startsAt epoch ms of the first handoff (to the first participant)
 * @param endsAt epoch ms at which the layer stops, exclusive; {@link #OPEN_END} for never
 * @param rotation length of one shift on the wall clock, at least {@link #SHORTEST_ROTATION}
 * @param participants the engineers in rotation order (at least one, no repeats)
 * @param restrictions when the layer may cover; empty means always
 */
public record ScheduleLayer(
        String name,
        ZoneId zone,
        long startsAt,
        long endsAt,
        Duration rotation,
        List<String> participants,
        List<LayerRestriction> restrictions)
        implements Serializable {

    /** {@link #endsAt} of a layer that never ends. */
    public static final long OPEN_END = Long.MAX_VALUE;

    /**
     * The shortest rotation: one hour, the length of a DST jump, so that no two handoffs fall into
     * the same skipped hour (both would happen when the clocks jump, and one participant's shift
     * would vanish).
     */
    public static final Duration SHORTEST_ROTATION = Duration.ofHours(1);

    public ScheduleLayer {
        if (rotation.compareTo(SHORTEST_ROTATION) < 0) {
            throw new IllegalArgumentException("rotation shorter than 1h: " + rotation);
        }
        if (participants.isEmpty() || endsAt <= startsAt) {
            throw new IllegalArgumentException("layer " + name + " has no participant or no time");
        }
        participants = List.copyOf(participants);
        restrictions = List.copyOf(restrictions);
    }

    /** The engineer this layer puts on call at {@code time} (epoch ms), if it covers it. */
    public Optional<String> onCallAt(long time) {
        if (!covers(time)) {
            return Optional.empty();
        }
        long shift = shiftAt(time);
        return Optional.of(participants.get((int) (shift % participants.size())));
    }

    boolean covers(long time) {
        if (time < startsAt || time >= endsAt) {
            return false;
        }
        if (restrictions.isEmpty()) {
            return true;
        }
        for (LayerRestriction r : restrictions) {
            if (r.covers(time, zone)) {
                return true;
            }
        }
        return false;
    }

    /** Epoch ms of handoff {@code n} (n ≥ 0); handoff 0 is {@link #startsAt}. */
    long handoff(long n) {
        if (n == 0) {
            return startsAt;
        }
        LocalDateTime first = LocalTimes.local(startsAt, zone);
        return LocalTimes.instant(first.plus(rotation.multipliedBy(n)), zone);
    }

    /** The number of the shift running at {@code time} ≥ {@link #startsAt}. */
    long shiftAt(long time) {
        // Elapsed time is within a few hours of wall-clock time, so the estimate is off by at most
        // a step or two; handoffs never decrease, so walking settles on the last one ≤ time.
        long n = (time - startsAt) / rotation.toMillis();
        while (n > 0 && handoff(n) > time) {
            n--;
        }
        while (handoff(n + 1) <= time) {
            n++;
        }
        return n;
    }

    /** Adds every instant in ({@code from}, {@code to}) at which this layer's answer may change. */
    void addChangesBetween(long from, long to, SortedSet<Long> out) {
        addIfInside(startsAt, from, to, out);
        addIfInside(endsAt, from, to, out);
        long last = Math.min(to, endsAt);
        if (last > startsAt) {
            long n = shiftAt(Math.max(from, startsAt));
            for (long h = handoff(++n); h < last; h = handoff(++n)) {
                addIfInside(h, from, to, out);
            }
        }
        if (restrictions.isEmpty()) {
            return;
        }
        LocalDate day = LocalTimes.local(from, zone).toLocalDate().minusDays(1);
        LocalDate lastDay = LocalTimes.local(to, zone).toLocalDate();
        for (; !day.isAfter(lastDay); day = day.plusDays(1)) {
            for (LayerRestriction r : restrictions) {
                if (r.days().contains(day.getDayOfWeek())) {
                    addIfInside(r.windowStart(day, zone), from, to, out);
                    addIfInside(r.windowEnd(day, zone), from, to, out);
                }
            }
        }
    }

    static void addIfInside(long instant, long from, long to, SortedSet<Long> out) {
        if (from < instant && instant < to) {
            out.add(instant);
        }
    }
}
