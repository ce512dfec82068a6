package dev.pagerboy.streaming.lateness;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.Notification;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the incident stage applies a group flush, and the flushes whose time was recorded.
 *
 * <p>A flush leaves the group stage's timer before the group forwards the watermark that fired it,
 * so on the group's own channel it is never behind. But the incident stage's watermark is the
 * minimum over all its inputs that are not idle, and it also reads the clock directly (the ticks
 * broadcast), acks and receipts. When the group's path was idle (every alerts and ticks partition
 * idle for the idle timeout, as on a starved machine) and the clock resumes with a jump, the tick
 * reaches the incident stage one network hop before the group has fired the flushes the jump made
 * due: the incident stage's watermark is then past them, and it can only apply them at the next
 * instant it has not decided, {@code watermark + 1}, which scheduling picks. So, as for a late ack
 * ({@link LateInput}), that time is recorded as an input: a {@code late_input} row (stage {@value
 * #STAGE}) naming the flush by its idempotency key, which the same inputs give the same flush in
 * replay. Replay passes the recorded times back ({@link #recorded}); the flush then asks to be
 * applied there, which replay's watermark, held by the flush's own path, always allows.
 */
public final class LateFlushes implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The stage's name in the {@code late_input} row's outcome column. */
    public static final String STAGE = "incident-flushes";

    /** A live job: no flush time recorded yet. */
    public static final LateFlushes NONE = new LateFlushes(Map.of());

    private final HashMap<String, Long> appliedAt;

    private LateFlushes(Map<String, Long> appliedAt) {
        this.appliedAt = new HashMap<>(appliedAt);
    }

    /**
     * The applied times a replay found in the archive.
     *
     * @param appliedAt the recorded time by flush idempotency key
     */
    public static LateFlushes recorded(Map<String, Long> appliedAt) {
        return appliedAt.isEmpty() ? NONE : new LateFlushes(appliedAt);
    }

    /** How many flush times are recorded. */
    public int size() {
        return appliedAt.size();
    }

    /**
     * The event time the incident stage applies {@code flush} at: its own, or the time recorded for
     * it; if that is not after the watermark, {@code watermark + 1}, archived as a {@code
     * late_input} row. Once the input has ended (the watermark is {@code Long.MAX_VALUE}) nothing
     * is after the watermark: the flush keeps the time it asked for.
     *
     * @param flush the group's notification
     * @param watermark the stage's current watermark
     * @param archive where the {@code late_input} row goes
     */
    public long applyAt(Notification flush, long watermark, Consumer<ArchiveRecord> archive) {
        long wanted =
                Math.max(
                        flush.eventTime(),
                        appliedAt.getOrDefault(flush.idempotencyKey(), Long.MIN_VALUE));
        if (wanted > watermark || watermark == Long.MAX_VALUE) {
            return wanted;
        }
        long at = watermark + 1;
        archive.accept(
                ArchiveRecord.lateFlush(flush.idempotencyKey(), flush.eventTime(), STAGE, at));
        return at;
    }
}
