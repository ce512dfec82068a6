package dev.pagerboy.streaming.archive;

/**
 * What one {@link ArchiveRecord} row stands for. Each kind is stored as its {@link #text()} in the
 * archive's {@code kind} column (and as the prefix of the row id), so SQL over the archive reads
 * {@code kind = 'dedup'}; the texts are part of the archive format and never change, which is what
 * lets archives written before this type existed read back.
 */
public enum ArchiveKind {
    /** One record of the {@code alerts} topic, exactly once per record. */
    ALERT_RAW("alert_raw"),
    /** One alert parsed from it (a webhook message may hold several). */
    ALERT("alert"),
    /** One clock tick. */
    TICK("tick"),
    /** One record of the {@code silences} topic, accepted or not (see {@link SilenceOutcome}). */
    SILENCE("silence"),
    /** The dedup verdict for one parsed alert. */
    DEDUP("dedup"),
    /** The handler result for one alert that passed dedup (ROM hash, cycles, fault). */
    HANDLER("handler"),
    /** One alert entering one route's group, or why it did not (handler suppress). */
    ROUTE("route"),
    /** One group flush, notifying or not, with the silenced and inhibited alerts. */
    FLUSH("flush"),
    /** One notification sent. */
    NOTIFICATION("notification"),
    /** One input that could not be used, with the reason. */
    DEAD_LETTER("dead_letter"),
    /** One incident transition (triggered, escalated, acknowledged, resolved, …). */
    INCIDENT("incident"),
    /** One record of the {@code acks} topic, exactly once per record. */
    ACK_RAW("ack_raw"),
    /** The verdict on one ack: {@code accepted} or the rejection reason. */
    ACK("ack"),
    /** One anchored acknowledgment: leaf, batch id, proof, block, transaction (anchoring). */
    ACK_RECEIPT("ack_receipt"),
    /** One anchored event hour of the archive: its Merkle root and where it is on the chain. */
    ARCHIVE_ROOT("archive_root");

    private final String text;

    ArchiveKind(String text) {
        this.text = text;
    }

    /** The stored form, e.g. {@code alert_raw}. */
    public String text() {
        return text;
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
