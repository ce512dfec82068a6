package dev.pagerboy.replay;

import java.time.Instant;

/**
 * The stretch of event time a replay reports on: {@code [from, to)} in epoch milliseconds. Replay
 * always starts at the archive's first input (docs/REPLAY.md, "State at the start of a stretch"):
 * the stretch only decides which inputs are read at its end and which decision rows are written and
 * compared.
 *
 * @param from first event time reported (inclusive), {@link Long#MIN_VALUE} for the archive start
 * @param to first event time not read (exclusive), {@link Long#MAX_VALUE} for the archive end
 */
public record ArchiveStretch(long from, long to) {

    public static final ArchiveStretch WHOLE = new ArchiveStretch(Long.MIN_VALUE, Long.MAX_VALUE);

    public ArchiveStretch {
        if (from >= to) {
            throw new IllegalArgumentException(
                    "--from " + text(from) + " is not before --to " + text(to));
        }
    }

    /** Whether a decision row at {@code eventTime} is reported. */
    public boolean contains(long eventTime) {
        return eventTime >= from && eventTime < to;
    }

    /** Whether an input at {@code eventTime} is read: everything before the end of the stretch. */
    public boolean reads(long eventTime) {
        return eventTime < to;
    }

    @Override
    public String toString() {
        return "[" + text(from) + ", " + text(to) + ")";
    }

    static String text(long t) {
        if (t == Long.MIN_VALUE) {
            return "archive start";
        }
        if (t == Long.MAX_VALUE) {
            return "archive end";
        }
        return Instant.ofEpochMilli(t).toString();
    }
}
