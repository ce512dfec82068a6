package dev.pagerboy.contracts.ledger;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.merkle.MerkleTree;

/**
 * What {@code AlertLedger.anchor} stores for one batch of acknowledgments.
 *
 * @param batchId stable id of the batch (the same batch always gets the same id, so a retried
 *     anchor is recognised)
 * @param root the batch's Merkle root
 * @param leafCount number of acknowledgments in the batch
 * @param firstSeq sequence number of the batch's first acknowledgment
 */
public record BatchAnchor(Bytes32 batchId, Bytes32 root, long leafCount, long firstSeq) {

    public BatchAnchor {
        if (batchId == null || root == null) {
            throw new IllegalArgumentException("batch id and root are required");
        }
        if (root.isZero()) {
            throw new IllegalArgumentException("a batch root cannot be zero");
        }
        if (leafCount < 1) {
            throw new IllegalArgumentException("a batch holds at least one leaf");
        }
        if (firstSeq < 0) {
            throw new IllegalArgumentException("firstSeq must not be negative");
        }
    }

    public static BatchAnchor of(Bytes32 batchId, MerkleTree tree, long firstSeq) {
        return new BatchAnchor(batchId, tree.root(), tree.size(), firstSeq);
    }
}
