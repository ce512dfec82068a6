package dev.pagerboy.streaming.archive;

/**
 * What one {@link ArchiveRecord} row stands for. Each kind is stored as its {@link #text()} in the
 * archive's {@code kind} column (and as the prefix of the row id), so SQL over the archive reads
 * {@code kind = 'decision'}; the texts are part of the archive format and never change, which is
 * what lets older archives read back.
 *
 * <p>Schema version 2 writes the inputs verbatim plus the decisions replay cannot be trusted to
 * leave unseen ({@link #DECISION}, {@link #NOTIFICATION}, {@link #MUTE}, {@link #DEAD_LETTER}). The
 * per-stage rows of version 1 ({@link #ALERT}, {@link #DEDUP}, {@link #HANDLER}, {@link #ROUTE},
 * {@link #FLUSH}) are no longer written but stay readable, so a v1 archive still loads; {@link
 * #writtenInVersion} tells them apart.
 */
public enum ArchiveKind {
    /** One record of the {@code alerts} topic, exactly once per record. */
    ALERT_RAW("alert_raw", 1, 2),
    /** v1 only: one alert parsed from it (a webhook message may hold several). */
    ALERT("alert", 1, 1),
    /** One clock tick. */
    TICK("tick", 1, 2),
    /** One record of the {@code silences} topic, accepted or not (see {@link SilenceOutcome}). */
    SILENCE("silence", 1, 2),
    /** v1 only: the dedup verdict for one parsed alert. */
    DEDUP("dedup", 1, 1),
    /** v1 only: the handler result for one alert that passed dedup (ROM hash, cycles, fault). */
    HANDLER("handler", 1, 1),
    /** v1 only: one alert entering one route's group, or why it did not (handler suppress). */
    ROUTE("route", 1, 1),
    /** v1 only: one group flush, notifying or not, with the silenced and inhibited alerts. */
    FLUSH("flush", 1, 1),
    /** One notification sent. */
    NOTIFICATION("notification", 1, 2),
    /** One input that could not be used, with the reason. */
    DEAD_LETTER("dead_letter", 1, 2),
    /**
     * One per alert: the dedup verdict and, when it passed dedup, the handler's result and the
     * routes and group keys it went to.
     */
    DECISION("decision", 2, 2),
    /** One alert a silence or an inhibition kept from its group's notification, and what did. */
    MUTE("mute", 2, 2),
    /** One incident transition (triggered, escalated, acknowledged, resolved, …). */
    INCIDENT("incident", 2, 2),
    /** One record of the {@code acks} topic, exactly once per record. */
    ACK_RAW("ack_raw", 2, 2),
    /** The verdict on one ack: {@code accepted} or the rejection reason. */
    ACK("ack", 2, 2),
    /** One anchored acknowledgment: leaf, batch id, proof, block, transaction (anchoring). */
    ACK_RECEIPT("ack_receipt", 2, 2),
    /** One anchored event hour of the archive: its Merkle root and where it is on the chain. */
    ARCHIVE_ROOT("archive_root", 2, 2),
    /** One record of the {@code receipts} topic (a dispatcher's delivery receipt), verbatim. */
    RECEIPT_RAW("receipt_raw", 2, 2),
    /**
     * The event time a keyed stage applied an {@code alerts}, {@code acks} or {@code receipts}
     * record at, when the record reached it behind the watermark: an input (time is one), so that
     * replay applies the record where the live job did ({@code LateInput}).
     */
    LATE_INPUT("late_input", 2, 2);

    private final String text;
    private final int firstVersion;
    private final int lastVersion;

    ArchiveKind(String text, int firstVersion, int lastVersion) {
        this.text = text;
        this.firstVersion = firstVersion;
        this.lastVersion = lastVersion;
    }

    /** The stored form, e.g. {@code alert_raw}. */
    public String text() {
        return text;
    }

    /** Whether rows of schema version {@code version} can hold this kind. */
    public boolean writtenInVersion(int version) {
        return version >= firstVersion && version <= lastVersion;
    }

    /** The row id for the thing {@code ref} names: {@code <text>:<ref>}. */
    public String rowId(String ref) {
        return text + ":" + ref;
    }

    /**
     * The kind stored as {@code text}.
     *
     * @throws IllegalArgumentException for a text no version of the archive wrote
     */
    public static ArchiveKind fromText(String text) {
        for (ArchiveKind kind : values()) {
            if (kind.text.equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "unknown archive row kind '" + text + "' (expected one of " + texts() + ")");
    }

    private static String texts() {
        StringBuilder out = new StringBuilder();
        for (ArchiveKind kind : values()) {
            out.append(out.length() == 0 ? "" : ", ").append(kind.text);
        }
        return out.toString();
    }
}
