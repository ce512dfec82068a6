package dev.pagerboy.streaming.replay;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The archive's input rows: records the job received, stored verbatim with their source
 * coordinates. Every other kind of row is a decision or an output, which replay recomputes and
 * compares. Known by the {@code kind} column's text, which archive schemas v1 and v2 share for
 * inputs, so the same replay reads both.
 */
public enum InputKind {
    /** A record of the {@code alerts} topic: the pipeline's alert input. */
    ALERT_RAW("alert_raw"),
    /** A clock tick, of the job's own clock or of the {@code ticks} topic. */
    TICK("tick"),
    /** A record of the {@code silences} topic. */
    SILENCE("silence"),
    /** A record of the {@code acks} topic (schema v2): the pipeline's ack input. */
    ACK_RAW("ack_raw"),
    /** A record of the {@code receipts} topic (schema v2): a dispatcher's delivery receipt. */
    RECEIPT_RAW("receipt_raw"),
    /**
     * The event time the live job applied a late alert, ack or receipt at (schema v2): not a record
     * of its own but the time of one, which replay gives that record ({@link
     * StagedInputs#appliedAt}).
     */
    LATE_INPUT("late_input", false);

    private final String text;
    private final boolean fed;

    InputKind(String text) {
        this(text, true);
    }

    InputKind(String text, boolean fed) {
        this.text = text;
        this.fed = fed;
    }

    public String text() {
        return text;
    }

    /** Whether replay feeds rows of this kind to the pipeline as records. */
    public boolean fed() {
        return fed;
    }

    /** How many of {@code inputs} (rows by kind) replay feeds to the pipeline as records. */
    public static long fed(Map<InputKind, ? extends Collection<?>> inputs) {
        long n = 0;
        for (Map.Entry<InputKind, ? extends Collection<?>> e : inputs.entrySet()) {
            if (e.getKey().fed()) {
                n += e.getValue().size();
            }
        }
        return n;
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
