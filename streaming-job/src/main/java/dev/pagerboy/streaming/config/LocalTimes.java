package dev.pagerboy.streaming.config;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Turns a schedule's wall-clock times (handoffs, restriction windows) into instants. Java's own
 * {@code ZonedDateTime.of} moves a time inside a spring-forward gap later by the gap's length,
 * which can put a handoff after the next one; here a time in the gap happens when the clocks jump
 * (so handoffs never reorder), and a time in the repeated autumn hour happens at its first
 * occurrence.
 */
final class LocalTimes {

    private LocalTimes() {}

    /** Epoch milliseconds of {@code local} in {@code zone}. */
    static long instant(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant().toEpochMilli();
        }
        // In an overlap the list is [offset before, offset after]; the first is the earlier
        // instant.
        return local.toInstant(offsets.get(0)).toEpochMilli();
    }

    /** The wall-clock time of {@code epochMillis} in {@code zone}. */
    static LocalDateTime local(long epochMillis, ZoneId zone) {
        return LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), zone);
    }
}
