package dev.pagerboy.contracts.ledger;

import dev.pagerboy.contracts.Bytes32;

/** One {@code Anchored} event: a batch, who anchored it, and where it is on the chain. */
public record AnchorEvent(
        Bytes32 batchId,
        Bytes32 root,
        long leafCount,
        long firstSeq,
        String writer,
        long blockNumber,
        String transactionHash) {}
