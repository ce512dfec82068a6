package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ack.AckReceipt;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import dev.pagerboy.contracts.ledger.BatchAnchor;
import dev.pagerboy.contracts.merkle.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The acknowledgments one sink subtask received between two checkpoints, sealed into one Merkle
 * tree: what the ledger anchors as one batch.
 *
 * <p>The batch id is a content address, {@code keccak256("pagerboy/ack-batch/v1" ‖ root ‖
 * leafCount)}, not (job, subtask, checkpoint). The same acknowledgments always give the same id,
 * whatever job, attempt, parallelism or checkpoint sealed them, so a commit retried after a
 * restore, a restarted job and a replay all offer the contract an id it already holds with the same
 * root — which it refuses to store twice. A (job, subtask, checkpoint) id would change when a job
 * is resubmitted (checkpoint ids restart at 1 under the same name) and could then name a different
 * root, which the contract rejects as a conflict. Leaves are sorted by (sequence, digest) before
 * the tree is built, so the arrival order inside a checkpoint does not change the root.
 *
 * <p>A batch keeps its tree: the sink asks for it when it seals the batch, anchors it, checks it
 * against the chain and makes its receipts, and rebuilding it each time hashed every leaf about
 * five times per batch. Immutable; equal when id and leaves are.
 */
public final class AckBatch {

    private static final byte[] DOMAIN =
            "pagerboy/ack-batch/v1".getBytes(StandardCharsets.US_ASCII);

    /**
     * Tree order: sequence, then leaf digest. Sequences are per incident (1 for most acks), so the
     * digest decides most comparisons; each leaf's digest is computed once, before sorting.
     */
    private static final Comparator<Digested> TREE_ORDER =
            Comparator.comparingLong((Digested d) -> d.leaf().sequence())
                    .thenComparing(Digested::digest);

    private record Digested(AckLeaf leaf, Bytes32 digest) {}

    private final Bytes32 batchId;
    private final List<AckLeaf> leaves;
    private final MerkleTree tree;

    private AckBatch(Bytes32 batchId, List<AckLeaf> leaves, MerkleTree tree) {
        this.batchId = batchId;
        this.leaves = leaves;
        this.tree = tree;
    }

    /** Seals {@code received} (in any order) into a batch. */
    public static AckBatch seal(Collection<AckLeaf> received) {
        if (received.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one acknowledgment");
        }
        List<Digested> ordered = new ArrayList<>(received.size());
        for (AckLeaf leaf : received) {
            ordered.add(new Digested(leaf, leaf.digest()));
        }
        ordered.sort(TREE_ORDER);
        MerkleTree tree = MerkleTree.of(ordered.stream().map(Digested::digest).toList());
        return new AckBatch(
                idOf(tree.root(), ordered.size()),
                ordered.stream().map(Digested::leaf).toList(),
                tree);
    }

    /** The content address: {@code keccak256("pagerboy/ack-batch/v1" ‖ root ‖ leafCount)}. */
    public Bytes32 batchId() {
        return batchId;
    }

    /** The batch's acknowledgments in tree order (at least one). */
    public List<AckLeaf> leaves() {
        return leaves;
    }

    /** The content address of a batch with this root and size. */
    public static Bytes32 idOf(Bytes32 root, long leafCount) {
        byte[] input = new byte[DOMAIN.length + Bytes32.LENGTH + Long.BYTES];
        System.arraycopy(DOMAIN, 0, input, 0, DOMAIN.length);
        root.copyTo(input, DOMAIN.length);
        for (int i = 0; i < Long.BYTES; i++) {
            input[input.length - 1 - i] = (byte) (leafCount >>> (8 * i));
        }
        return Bytes32.keccak256(input);
    }

    public MerkleTree tree() {
        return tree;
    }

    /** What {@code AlertLedger.anchor} stores: id, root, size and the lowest sequence number. */
    public BatchAnchor toAnchor() {
        return new BatchAnchor(batchId, tree().root(), leaves.size(), leaves.get(0).sequence());
    }

    public int size() {
        return leaves.size();
    }

    /** One receipt per acknowledgment, with its proof, for a batch anchored by {@code event}. */
    public List<AckReceipt> receipts(AnchorEvent event, String contract) {
        List<AckReceipt> receipts = new ArrayList<>(leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            receipts.add(AckReceipt.of(leaves.get(i), batchId, tree, i, event, contract));
        }
        return receipts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AckBatch other
                && batchId.equals(other.batchId)
                && leaves.equals(other.leaves);
    }

    @Override
    public int hashCode() {
        return batchId.hashCode();
    }

    @Override
    public String toString() {
        return "AckBatch[" + batchId + ", " + leaves.size() + " acks]";
    }
}
