package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.ledger.AnchorEvent;
import java.util.Objects;

/**
 * What a sink subtask hands its committer at a checkpoint: a batch to {@link Step#ANCHOR}, or a
 * batch the writer found anchored on the chain, to {@link Step#REPORT} as receipts.
 *
 * <p>Receipts come from REPORT only, and the writer issues REPORT exactly once per batch (it drops
 * the batch from its backlog in the same checkpoint), so each acknowledgment gets one receipt even
 * though an ANCHOR may be offered several times while the chain is down.
 *
 * @param anchored the batch's {@code Anchored} event for REPORT; null for ANCHOR
 */
public record AnchorCommittable(Step step, AckBatch batch, AnchorEvent anchored) {

    /** What the committer does with the batch. */
    public enum Step {
        /** Anchor the batch (idempotent on the contract). */
        ANCHOR,
        /** The batch is anchored: pass it on to become receipts. */
        REPORT
    }

    public AnchorCommittable {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(batch, "batch");
        if ((step == Step.REPORT) != (anchored != null)) {
            throw new IllegalArgumentException("REPORT, and only REPORT, names its Anchored event");
        }
    }

    public static AnchorCommittable anchor(AckBatch batch) {
        return new AnchorCommittable(Step.ANCHOR, batch, null);
    }

    public static AnchorCommittable report(AckBatch batch, AnchorEvent anchored) {
        return new AnchorCommittable(Step.REPORT, batch, anchored);
    }
}
