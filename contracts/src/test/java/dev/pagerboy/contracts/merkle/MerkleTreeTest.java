package dev.pagerboy.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.contracts.Bytes32;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class MerkleTreeTest {

    static List<Bytes32> leaves(int n) {
        List<Bytes32> leaves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            leaves.add(Bytes32.keccak256("leaf-" + i));
        }
        return leaves;
    }

    static Bytes32 leafHash(Bytes32 leaf) {
        byte[] b = new byte[33];
        leaf.copyTo(b, 1);
        return Bytes32.of(Hash.sha3(b));
    }

    static Bytes32 nodeHash(Bytes32 a, Bytes32 b) {
        Bytes32 lo = a.compareTo(b) < 0 ? a : b;
        Bytes32 hi = lo == a ? b : a;
        byte[] buf = new byte[65];
        buf[0] = 1;
        lo.copyTo(buf, 1);
        hi.copyTo(buf, 33);
        return Bytes32.of(Hash.sha3(buf));
    }

    @Test
    void rootsOfSmallTreesFollowTheDocumentedShape() {
        List<Bytes32> l = leaves(5);
        Bytes32 h0 = leafHash(l.get(0)), h1 = leafHash(l.get(1)), h2 = leafHash(l.get(2));
        Bytes32 h3 = leafHash(l.get(3)), h4 = leafHash(l.get(4));

        assertThat(MerkleTree.of(l.subList(0, 1)).root()).isEqualTo(h0);
        assertThat(MerkleTree.of(l.subList(0, 2)).root()).isEqualTo(nodeHash(h0, h1));
        // odd level: the last node is promoted, not duplicated
        assertThat(MerkleTree.of(l.subList(0, 3)).root()).isEqualTo(nodeHash(nodeHash(h0, h1), h2));
        assertThat(MerkleTree.of(l).root())
                .isEqualTo(nodeHash(nodeHash(nodeHash(h0, h1), nodeHash(h2, h3)), h4));
    }

    @Test
    void everyProofVerifiesForEverySizeUpTo1000() {
        for (int n = 1; n <= 1000; n++) {
            List<Bytes32> l = leaves(n);
            MerkleTree tree = MerkleTree.of(l);
            int step = n <= 128 ? 1 : 13; // all leaves of small trees, a spread of the large ones
            for (int i = 0; i < n; i += step) {
                assertThat(MerkleTree.verify(tree.root(), n, l.get(i), tree.proof(i)))
                        .as("leaf %d of %d", i, n)
                        .isTrue();
            }
            assertThat(MerkleTree.verify(tree.root(), n, l.get(n - 1), tree.proof(n - 1)))
                    .as("last leaf of %d", n)
                    .isTrue();
            assertThat(tree.proof(n - 1).size()).isLessThanOrEqualTo(MerkleTree.ceilLog2(n));
        }
    }

    @Test
    void aModifiedLeafDoesNotVerify() {
        List<Bytes32> l = leaves(7);
        MerkleTree tree = MerkleTree.of(l);

        assertThat(MerkleTree.verify(tree.root(), 7, Bytes32.keccak256("leaf-99"), tree.proof(3)))
                .isFalse();
    }

    @Test
    void aProofForAnotherLeafDoesNotVerify() {
        List<Bytes32> l = leaves(8);
        MerkleTree tree = MerkleTree.of(l);

        assertThat(MerkleTree.verify(tree.root(), 8, l.get(2), tree.proof(5))).isFalse();
    }

    @Test
    void anInnerNodeCannotBePassedOffAsALeaf() {
        List<Bytes32> l = leaves(4);
        MerkleTree tree = MerkleTree.of(l);
        Bytes32 inner = nodeHash(leafHash(l.get(0)), leafHash(l.get(1)));
        List<Bytes32> upperProof = tree.proof(0).subList(1, 2);

        assertThat(MerkleTree.verify(tree.root(), 4, inner, upperProof)).isFalse();
    }

    @Test
    void aProofLongerThanTheTreeIsDeepIsRejected() {
        List<Bytes32> l = leaves(4);
        MerkleTree tree = MerkleTree.of(l);
        List<Bytes32> padded = new ArrayList<>(tree.proof(1));
        padded.add(Bytes32.ZERO);

        assertThat(MerkleTree.verify(tree.root(), 4, l.get(1), padded)).isFalse();
    }

    @Test
    void treeOrderMattersForTheRoot() {
        List<Bytes32> l = leaves(3);
        List<Bytes32> swapped = List.of(l.get(2), l.get(1), l.get(0));

        assertThat(MerkleTree.of(swapped).root()).isNotEqualTo(MerkleTree.of(l).root());
    }

    @Test
    void emptyTreesAndBadIndexesAreRejected() {
        assertThatThrownBy(() -> MerkleTree.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.of(leaves(3)).proof(3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void ceilLog2IsTheTreeDepth() {
        assertThat(MerkleTree.ceilLog2(1)).isZero();
        assertThat(MerkleTree.ceilLog2(2)).isEqualTo(1);
        assertThat(MerkleTree.ceilLog2(3)).isEqualTo(2);
        assertThat(MerkleTree.ceilLog2(1024)).isEqualTo(10);
        assertThat(MerkleTree.ceilLog2(1025)).isEqualTo(11);
    }
}
