package dev.pagerboy.streaming.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Notices event time standing still while input waits to be read. Event time is what fires the
 * job's timers (group waits, repeats, escalations), so a stuck watermark silences the job while it
 * looks healthy: checkpoints keep completing, and nothing else says so. It happened after restores
 * (a source subtask left without a split holds the watermark at its start), and it happens when one
 * partition stops receiving records before the idle timeout lets it go.
 *
 * <p>Fed one {@link JobProgress} snapshot at a time: event time counts as stalled once it has not
 * moved for {@code after} while the sources report records still to read ({@link
 * JobProgress#pendingInput()}). A quiet job, with nothing to read, is never stalled: the wall clock
 * ticks move its event time, and without input there is nothing to be late for.
 */
public final class EventTimeStall {

    private final Duration after;
    private Instant lastEventTime;
    private Instant unchangedSince;
    private boolean seen;

    /** Reports a stall once event time has stood still for {@code after} with input waiting. */
    public EventTimeStall(Duration after) {
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("stall warning time must be positive: " + after);
        }
        this.after = after;
    }

    /**
     * Takes the next snapshot, seen at {@code now}.
     *
     * @return how long event time has stood still, if that is a stall
     */
    public Optional<Duration> observe(JobProgress progress, Instant now) {
        if (!seen || !Objects.equals(progress.eventTime(), lastEventTime)) {
            seen = true;
            lastEventTime = progress.eventTime();
            unchangedSince = now;
            return Optional.empty();
        }
        Duration still = Duration.between(unchangedSince, now);
        if (progress.pendingInput() > 0 && still.compareTo(after) >= 0) {
            return Optional.of(still);
        }
        return Optional.empty();
    }

    /** The warning for a stall of {@code still} seen in {@code progress}, one line. */
    public static String warning(Duration still, JobProgress progress) {
        return String.format(
                "event time has not moved for %d s while %,d input records wait to be read:"
                        + " a source subtask without a split, or a partition that stopped"
                        + " receiving records, holds it back (docs/OPERATIONS.md, \"Timer storms"
                        + " and restores\")",
                still.toSeconds(), progress.pendingInput());
    }
}
