package dev.pagerboy.contracts.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.merkle.MerkleTree;
import dev.pagerboy.contracts.testing.AnvilExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Java tree and the contract's verify agree for every batch size from 1 to 1000: each size is
 * anchored, and the first, a middle and the last leaf of each are verified by the contract.
 */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MerkleContractAgreementTest {

    @RegisterExtension static final AnvilExtension anvil = new AnvilExtension();

    static final int MAX_SIZE = 1000;

    @Test
    void contractVerifiesJavaProofsForEverySizeFrom1To1000() {
        String contract = LedgerFixture.deploy(anvil);
        LedgerSettings settings = LedgerSettings.defaults(anvil.rpcUrl()).withAsyncThreads(16);
        try (Web3jLedgerClient ledger =
                Web3jLedgerClient.connect(settings, contract, LedgerFixture.writer(anvil))) {
            List<List<Bytes32>> leaves = new ArrayList<>();
            List<MerkleTree> trees = new ArrayList<>();
            List<CompletableFuture<AnchorReceipt>> anchors = new ArrayList<>();
            for (int n = 1; n <= MAX_SIZE; n++) {
                List<Bytes32> l = LedgerFixture.leaves("agree-" + n, n);
                MerkleTree tree = MerkleTree.of(l);
                leaves.add(l);
                trees.add(tree);
                anchors.add(ledger.anchorAsync(BatchAnchor.of(batchId(n), tree, 0)));
            }
            anchors.forEach(a -> assertThat(a.join().newlyAnchored()).isTrue());

            for (int n = 1; n <= MAX_SIZE; n++) {
                MerkleTree tree = trees.get(n - 1);
                for (int i : new int[] {0, n / 2, n - 1}) {
                    Bytes32 leaf = leaves.get(n - 1).get(i);
                    assertThat(ledger.verify(batchId(n), leaf, tree.proof(i)))
                            .as("leaf %d of a batch of %d", i, n)
                            .isTrue();
                }
            }
        }
    }

    private static Bytes32 batchId(int size) {
        return Bytes32.keccak256("batch/agree-" + size);
    }
}
