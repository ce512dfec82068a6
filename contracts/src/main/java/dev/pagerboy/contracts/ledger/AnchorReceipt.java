package dev.pagerboy.contracts.ledger;

import dev.pagerboy.contracts.Bytes32;
import java.util.Optional;

/**
 * The outcome of anchoring one batch.
 *
 * @param batch what was anchored
 * @param outcome whether this call stored the batch or found it already there with the same root
 * @param transactionHash the transaction, when one was sent
 * @param gasUsed gas the transaction used (0 when none was sent)
 * @param blockNumber block that holds the transaction (0 when none was sent)
 */
public record AnchorReceipt(
        BatchAnchor batch,
        Outcome outcome,
        Optional<String> transactionHash,
        long gasUsed,
        long blockNumber) {

    public enum Outcome {
        /** This call stored the batch and emitted {@code Anchored}. */
        ANCHORED,
        /** The batch was already anchored with the same root: success, nothing new on chain. */
        ALREADY_ANCHORED
    }

    public Bytes32 batchId() {
        return batch.batchId();
    }

    public boolean newlyAnchored() {
        return outcome == Outcome.ANCHORED;
    }
}
