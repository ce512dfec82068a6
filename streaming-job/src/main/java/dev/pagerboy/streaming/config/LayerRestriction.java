package dev.pagerboy.streaming.config;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * When a layer may put someone on call, as in PagerDuty's daily and weekly restrictions: on each of
 * {@link #days}, from {@link #from} to {@link #to} on the schedule's wall clock. A window whose end
 * is not after its start runs past midnight into the next day ({@code from == to} is a whole day),
 * so a night layer is {@code 18:00–08:00}. Windows are wall-clock, so a 09:00–17:00 window is eight
 * hours on every day, DST or not, except that a bound inside a skipped hour falls when the clocks
 * jump.
 *
 * @param days the days on which a window starts (at least one)
 * @param from local start of the window, inclusive
 * @param to local end of the window, exclusive
 */
public record LayerRestriction(Set<DayOfWeek> days, LocalTime from, LocalTime to)
        implements Serializable {

    public LayerRestriction {
        days = Set.copyOf(days);
    }

    /** Whether a window of this restriction contains {@code time} (epoch ms) in {@code zone}. */
    boolean covers(long time, ZoneId zone) {
        LocalDate today = LocalTimes.local(time, zone).toLocalDate();
        for (LocalDate day : new LocalDate[] {today.minusDays(1), today}) {
            if (days.contains(day.getDayOfWeek())
                    && windowStart(day, zone) <= time
                    && time < windowEnd(day, zone)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Start of the window that opens on {@code day}, epoch ms (whether or not the day is listed).
     */
    long windowStart(LocalDate day, ZoneId zone) {
        return LocalTimes.instant(day.atTime(from), zone);
    }

    /** End of the window that opens on {@code day}, epoch ms. */
    long windowEnd(LocalDate day, ZoneId zone) {
        LocalDate endDay = to.isAfter(from) ? day : day.plusDays(1);
        return LocalTimes.instant(endDay.atTime(to), zone);
    }
}
