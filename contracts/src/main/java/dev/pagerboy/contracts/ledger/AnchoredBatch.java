package dev.pagerboy.contracts.ledger;

import dev.pagerboy.contracts.Bytes32;

/**
 * A batch as the contract stores it.
 *
 * @param anchoredAtBlock the block in which it was anchored
 */
public record AnchoredBatch(
        Bytes32 batchId, Bytes32 root, long leafCount, long firstSeq, long anchoredAtBlock) {}
