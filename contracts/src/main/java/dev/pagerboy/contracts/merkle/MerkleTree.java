package dev.pagerboy.contracts.merkle;

import dev.pagerboy.contracts.Bytes32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * The Merkle tree of one acknowledgment batch, built exactly as {@code AlertLedger.verify} checks
 * it:
 *
 * <ul>
 *   <li>leaf hash = keccak256(0x00 ‖ leaf), node hash = keccak256(0x01 ‖ min(a,b) ‖ max(a,b)); the
 *       prefixes keep leaves and inner nodes apart (no second preimages), sorting the pair means a
 *       proof needs no left/right flags;
 *   <li>a level with an odd number of nodes promotes its last node unchanged (duplicating it
 *       instead would let two different batches share a root).
 * </ul>
 *
 * Leaves are {@link dev.pagerboy.contracts.ack.AckLeaf#digest() ack leaf digests}. Immutable.
 */
public final class MerkleTree {

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    /** levels[0] are the leaf hashes, the last level holds only the root. */
    private final byte[][][] levels;

    private MerkleTree(byte[][][] levels) {
        this.levels = levels;
    }

    /** Builds the tree of {@code leaves} (at least one), in the given order. */
    public static MerkleTree of(List<Bytes32> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        byte[] buffer = new byte[1 + 2 * Bytes32.LENGTH];
        List<byte[][]> built = new ArrayList<>();
        byte[][] level = new byte[leaves.size()][];
        for (int i = 0; i < level.length; i++) {
            level[i] = leafHash(buffer, leaves.get(i).toArray());
        }
        built.add(level);
        while (level.length > 1) {
            byte[][] next = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < level.length / 2; i++) {
                next[i] = nodeHash(buffer, level[2 * i], level[2 * i + 1]);
            }
            if (level.length % 2 == 1) {
                next[next.length - 1] = level[level.length - 1];
            }
            built.add(next);
            level = next;
        }
        return new MerkleTree(built.toArray(new byte[0][][]));
    }

    public Bytes32 root() {
        return Bytes32.of(levels[levels.length - 1][0]);
    }

    public int size() {
        return levels[0].length;
    }

    /** The sibling hashes from leaf {@code index} up to the root (promoted levels add none). */
    public List<Bytes32> proof(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(
                    "leaf " + index + " of a tree with " + size() + " leaves");
        }
        List<Bytes32> proof = new ArrayList<>();
        int i = index;
        for (int d = 0; d < levels.length - 1; d++) {
            byte[][] level = levels[d];
            int sibling = i ^ 1;
            if (sibling < level.length) {
                proof.add(Bytes32.of(level[sibling]));
            }
            i >>= 1;
        }
        return List.copyOf(proof);
    }

    /**
     * Whether {@code proof} shows that {@code leaf} is in a batch of {@code leafCount} leaves with
     * this {@code root}; the same rules as the contract's {@code verify}, including that a proof
     * longer than the tree is deep is rejected.
     */
    public static boolean verify(Bytes32 root, long leafCount, Bytes32 leaf, List<Bytes32> proof) {
        if (leafCount < 1 || proof.size() > ceilLog2(leafCount)) {
            return false;
        }
        byte[] buffer = new byte[1 + 2 * Bytes32.LENGTH];
        byte[] h = leafHash(buffer, leaf.toArray());
        for (Bytes32 sibling : proof) {
            h = nodeHash(buffer, h, sibling.toArray());
        }
        return Arrays.equals(h, root.toArray());
    }

    /** ceil(log2(n)) for n ≥ 1: the depth of a tree with n leaves. */
    static int ceilLog2(long n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }

    /** keccak256(0x00 ‖ leaf); {@code buffer} is scratch space of 65 bytes. */
    private static byte[] leafHash(byte[] buffer, byte[] leaf) {
        buffer[0] = LEAF_PREFIX;
        System.arraycopy(leaf, 0, buffer, 1, Bytes32.LENGTH);
        return Hash.sha3(buffer, 0, 1 + Bytes32.LENGTH);
    }

    /** keccak256(0x01 ‖ min(a,b) ‖ max(a,b)); {@code buffer} is scratch space of 65 bytes. */
    private static byte[] nodeHash(byte[] buffer, byte[] a, byte[] b) {
        boolean aFirst = Arrays.compareUnsigned(a, b) < 0;
        buffer[0] = NODE_PREFIX;
        System.arraycopy(aFirst ? a : b, 0, buffer, 1, Bytes32.LENGTH);
        System.arraycopy(aFirst ? b : a, 0, buffer, 1 + Bytes32.LENGTH, Bytes32.LENGTH);
        return Hash.sha3(buffer, 0, buffer.length);
    }
}
