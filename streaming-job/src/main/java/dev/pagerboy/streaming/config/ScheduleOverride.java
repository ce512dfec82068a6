package dev.pagerboy.streaming.config;

import java.io.Serializable;

/**
 * A named engineer who replaces whoever the layers put on call between two instants (a swap, a
 * holiday cover). When overrides overlap, the one listed later wins, as the last edit wins in
 * PagerDuty.
 *
 * @param engineer who is on call instead
 * @param startsAt epoch ms, inclusive
 * @param endsAt epoch ms, exclusive, after {@code startsAt}
 */
public record ScheduleOverride(String engineer, long startsAt, long endsAt)
        implements Serializable {

    boolean covers(long time) {
        return startsAt <= time && time < endsAt;
    }
}
