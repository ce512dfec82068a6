package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import dev.pagerboy.contracts.ledger.AnchorReceipt;
import dev.pagerboy.contracts.ledger.AnchoredBatch;
import dev.pagerboy.contracts.ledger.BatchAnchor;
import dev.pagerboy.contracts.ledger.LedgerClient;
import dev.pagerboy.contracts.ledger.LedgerStatus;
import dev.pagerboy.contracts.ledger.LedgerUnreachableException;
import dev.pagerboy.contracts.ledger.RootConflictException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An in-memory AlertLedger for unit tests of one anchoring class: idempotent per batch id like the
 * contract, one block per anchor, and a switch that makes every call fail as an unreachable node.
 */
final class FakeLedger implements LedgerClient {

    static final String CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    final Map<Bytes32, AnchorEvent> anchored = new LinkedHashMap<>();
    final List<Bytes32> anchorCalls = new ArrayList<>();
    boolean down;

    @Override
    public String contractAddress() {
        return CONTRACT;
    }

    @Override
    public String account() {
        return "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    }

    @Override
    public AnchorReceipt anchor(BatchAnchor batch) {
        reachable();
        anchorCalls.add(batch.batchId());
        AnchorEvent existing = anchored.get(batch.batchId());
        if (existing != null) {
            if (!existing.root().equals(batch.root())) {
                throw new RootConflictException(batch.batchId(), existing.root(), batch.root());
            }
            return new AnchorReceipt(
                    batch, AnchorReceipt.Outcome.ALREADY_ANCHORED, Optional.empty(), 0, 0);
        }
        long block = anchored.size() + 1;
        String tx = Bytes32.keccak256("tx-" + block).toHex();
        anchored.put(
                batch.batchId(),
                new AnchorEvent(
                        batch.batchId(),
                        batch.root(),
                        batch.leafCount(),
                        batch.firstSeq(),
                        account(),
                        block,
                        tx));
        return new AnchorReceipt(
                batch, AnchorReceipt.Outcome.ANCHORED, Optional.of(tx), 47_000, block);
    }

    @Override
    public CompletableFuture<AnchorReceipt> anchorAsync(BatchAnchor batch) {
        return CompletableFuture.completedFuture(anchor(batch));
    }

    @Override
    public boolean isAnchored(Bytes32 batchId) {
        return rootOf(batchId).isPresent();
    }

    @Override
    public Optional<Bytes32> rootOf(Bytes32 batchId) {
        return anchorOf(batchId).map(AnchorEvent::root);
    }

    @Override
    public Optional<AnchoredBatch> batch(Bytes32 batchId) {
        return anchorOf(batchId)
                .map(
                        e ->
                                new AnchoredBatch(
                                        batchId,
                                        e.root(),
                                        e.leafCount(),
                                        e.firstSeq(),
                                        e.blockNumber()));
    }

    @Override
    public boolean verify(Bytes32 batchId, Bytes32 leaf, List<Bytes32> proof) {
        return verifyLocally(batchId, leaf, proof);
    }

    @Override
    public Optional<AnchorEvent> anchorOf(Bytes32 batchId) {
        reachable();
        return Optional.ofNullable(anchored.get(batchId));
    }

    @Override
    public List<AnchorEvent> latestAnchors(int limit) {
        reachable();
        List<AnchorEvent> all = new ArrayList<>(anchored.values());
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    @Override
    public LedgerStatus status() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addWriter(String account) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeWriter(String account) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}

    private void reachable() {
        if (down) {
            throw new LedgerUnreachableException("http://fake", "fake node is down", null);
        }
    }
}
