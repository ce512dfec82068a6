package dev.pagerboy.streaming.incidents;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The verdict on one record of the {@code acks} topic: the {@code outcome} of its {@code ack}
 * archive row, and the reason of its dead letter when it is not {@link #ACCEPTED}. Checked in this
 * order, the first that applies wins.
 */
public enum AckVerdict {
    /** A valid ack of an open incident by someone allowed to: it takes effect. */
    ACCEPTED,
    /** Not JSON, not the signed-ack message, or not the canonical v2 text. */
    MALFORMED,
    /** The signature does not recover to the address the text names (forged or corrupted). */
    BAD_SIGNATURE,
    /** Signed correctly, by an address on no roster entry. */
    NOT_ON_ROSTER,
    /** {@code acked_at} is further from the record's event time than {@code acks.max_skew}. */
    OUTSIDE_SKEW,
    /** No incident with that id is known (never opened, or forgotten after its retention). */
    UNKNOWN_INCIDENT,
    /** The same signature was accepted before: a replay, archived with no effect. */
    DUPLICATE,
    /** The incident is already resolved. */
    ALREADY_RESOLVED,
    /** The incident's policy restricts acks to its targets, and the signer is not one. */
    NOT_A_TARGET;

    /** The archived text, e.g. {@code bad_signature}. */
    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
