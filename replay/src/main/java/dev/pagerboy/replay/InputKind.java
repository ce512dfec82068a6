package dev.pagerboy.replay;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.util.Optional;

/**
 * The archive's input rows: records the job received, stored verbatim with their source
 * coordinates. Every other kind of row is a decision or an output, which replay recomputes and
 * compares. Known by the {@code kind} column's text, which archive schemas v1 and v2 share for
 * inputs, so the same replay reads both.
 */
public enum InputKind {
    /** A record of the {@code alerts} topic: the pipeline's alert input. */
    ALERT_RAW("alert_raw", true),
    /** A clock tick, of the job's own clock or of the {@code ticks} topic. */
    TICK("tick", true),
    /** A record of the {@code silences} topic. */
    SILENCE("silence", true),
    /** A record of the {@code acks} topic (schema v2): the pipeline's ack input. */
    ACK_RAW("ack_raw", true),
    /**
     * A record of the {@code receipts} topic (schema v2); the pipeline has no receipt input yet.
     */
    RECEIPT_RAW("receipt_raw", false);

    private final String text;
    private final boolean replayed;

    InputKind(String text, boolean replayed) {
        this.text = text;
        this.replayed = replayed;
    }

    public String text() {
        return text;
    }

    /** Whether the pipeline takes this input today (receipts do not yet). */
    public boolean replayed() {
        return replayed;
    }

    /** The input kind of {@code row}, or empty for a decision or output row. */
    public static Optional<InputKind> of(ArchiveRecord row) {
        String kind = row.kind().text();
        for (InputKind k : values()) {
            if (k.text.equals(kind)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
