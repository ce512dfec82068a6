package dev.pagerboy.contracts.ledger;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.merkle.MerkleTree;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The acknowledgment ledger as the rest of PagerBoy sees it: anchor batch roots, look them up,
 * check inclusion proofs. {@link Web3jLedgerClient} is the implementation on an Ethereum JSON-RPC
 * node; tests of other components may fake this interface.
 *
 * <p>Failures are {@link LedgerException}s: {@link LedgerUnreachableException} after bounded
 * retries, {@link NotAWriterException}, {@link RootConflictException}.
 */
public interface LedgerClient extends AutoCloseable {

    /** The contract's address (lowercase 0x). */
    String contractAddress();

    /** The account this client sends transactions from (lowercase 0x). */
    String account();

    /**
     * Anchors a batch and waits until it is mined. Idempotent: a batch already anchored with the
     * same root is a success ({@link AnchorReceipt.Outcome#ALREADY_ANCHORED}) and sends nothing.
     *
     * @throws RootConflictException if the batch id holds a different root
     * @throws NotAWriterException if {@link #account()} may not anchor
     */
    AnchorReceipt anchor(BatchAnchor batch);

    /** {@link #anchor} without blocking; many may be in flight at once (nonces are managed). */
    CompletableFuture<AnchorReceipt> anchorAsync(BatchAnchor batch);

    boolean isAnchored(Bytes32 batchId);

    /** The root anchored under {@code batchId}, if any. */
    Optional<Bytes32> rootOf(Bytes32 batchId);

    /** Everything the contract stores about a batch, if it is anchored. */
    Optional<AnchoredBatch> batch(Bytes32 batchId);

    /** Inclusion check by the contract's {@code verify} view (the chain decides). */
    boolean verify(Bytes32 batchId, Bytes32 leaf, List<Bytes32> proof);

    /** The same check computed locally against the stored root (the chain only supplies it). */
    default boolean verifyLocally(Bytes32 batchId, Bytes32 leaf, List<Bytes32> proof) {
        return batch(batchId)
                .map(b -> MerkleTree.verify(b.root(), b.leafCount(), leaf, proof))
                .orElse(false);
    }

    /**
     * The {@code Anchored} event of {@code batchId} (its block and transaction), if the batch is
     * anchored. The contract anchors a batch once, so there is at most one.
     */
    Optional<AnchorEvent> anchorOf(Bytes32 batchId);

    /** The most recent {@code limit} anchors, oldest first. */
    List<AnchorEvent> latestAnchors(int limit);

    /** Owner, writers, number of anchors and the latest batch. */
    LedgerStatus status();

    /** Owner only: let {@code account} anchor. Adding a writer twice is a no-op. */
    void addWriter(String account);

    /** Owner only: stop {@code account} from anchoring. */
    void removeWriter(String account);

    /** Releases connections and threads; does not affect the chain. */
    @Override
    void close();
}
