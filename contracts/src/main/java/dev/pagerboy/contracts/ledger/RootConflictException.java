package dev.pagerboy.contracts.ledger;

import dev.pagerboy.contracts.Bytes32;

/**
 * The batch id is already anchored with a different root. Anchoring is idempotent only for the same
 * root: a different one means two different batches were given one id, which is a bug (or
 * tampering) upstream, never something to retry.
 */
public class RootConflictException extends LedgerException {

    private final Bytes32 batchId;
    private final Bytes32 anchoredRoot;
    private final Bytes32 offeredRoot;

    public RootConflictException(Bytes32 batchId, Bytes32 anchoredRoot, Bytes32 offeredRoot) {
        super(
                "batch "
                        + batchId
                        + " is already anchored with root "
                        + anchoredRoot
                        + ", refusing a different root "
                        + offeredRoot);
        this.batchId = batchId;
        this.anchoredRoot = anchoredRoot;
        this.offeredRoot = offeredRoot;
    }

    public Bytes32 batchId() {
        return batchId;
    }

    public Bytes32 anchoredRoot() {
        return anchoredRoot;
    }

    public Bytes32 offeredRoot() {
        return offeredRoot;
    }
}
