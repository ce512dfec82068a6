package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import dev.pagerboy.contracts.ledger.AnchorReceipt;
import dev.pagerboy.contracts.ledger.AnchoredBatch;
import dev.pagerboy.contracts.ledger.BatchAnchor;
import dev.pagerboy.contracts.ledger.LedgerClient;
import dev.pagerboy.contracts.ledger.LedgerStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real ledger client that crashes the task once, right after the first batch is mined and before
 * the commit returns: the failure between pre-commit and the end of commit that issue 14 (e) asks
 * for, at its worst point (the chain already holds the batch, Flink does not know it).
 */
final class CrashAfterFirstAnchor implements LedgerClient {

    /** Set once the crash happened; the MiniCluster shares the test's JVM. */
    static final AtomicBoolean CRASHED = new AtomicBoolean();

    private final LedgerClient delegate;

    CrashAfterFirstAnchor(LedgerClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public AnchorReceipt anchor(BatchAnchor batch) {
        AnchorReceipt receipt = delegate.anchor(batch);
        if (receipt.newlyAnchored() && CRASHED.compareAndSet(false, true)) {
            throw new IllegalStateException(
                    "injected crash: batch "
                            + batch.batchId()
                            + " is mined, the commit never returns");
        }
        return receipt;
    }

    @Override
    public String contractAddress() {
        return delegate.contractAddress();
    }

    @Override
    public String account() {
        return delegate.account();
    }

    @Override
    public CompletableFuture<AnchorReceipt> anchorAsync(BatchAnchor batch) {
        return CompletableFuture.supplyAsync(() -> anchor(batch));
    }

    @Override
    public boolean isAnchored(Bytes32 batchId) {
        return delegate.isAnchored(batchId);
    }

    @Override
    public Optional<Bytes32> rootOf(Bytes32 batchId) {
        return delegate.rootOf(batchId);
    }

    @Override
    public Optional<AnchoredBatch> batch(Bytes32 batchId) {
        return delegate.batch(batchId);
    }

    @Override
    public boolean verify(Bytes32 batchId, Bytes32 leaf, List<Bytes32> proof) {
        return delegate.verify(batchId, leaf, proof);
    }

    @Override
    public Optional<AnchorEvent> anchorOf(Bytes32 batchId) {
        return delegate.anchorOf(batchId);
    }

    @Override
    public List<AnchorEvent> latestAnchors(int limit) {
        return delegate.latestAnchors(limit);
    }

    @Override
    public LedgerStatus status() {
        return delegate.status();
    }

    @Override
    public void addWriter(String account) {
        delegate.addWriter(account);
    }

    @Override
    public void removeWriter(String account) {
        delegate.removeWriter(account);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
