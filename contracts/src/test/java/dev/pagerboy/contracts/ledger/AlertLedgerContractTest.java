package dev.pagerboy.contracts.ledger;

import static dev.pagerboy.contracts.ledger.LedgerFixture.connect;
import static dev.pagerboy.contracts.ledger.LedgerFixture.leaves;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ack.AckMethod;
import dev.pagerboy.contracts.generated.AlertLedger;
import dev.pagerboy.contracts.merkle.MerkleTree;
import dev.pagerboy.contracts.testing.AnvilExtension;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/** AlertLedger on a real Anvil node, through the client and, where it matters, around it. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AlertLedgerContractTest {

    @RegisterExtension static final AnvilExtension anvil = new AnvilExtension();

    static String contract;
    static Web3jLedgerClient writer;
    static Web3jLedgerClient owner;

    @BeforeAll
    static void deploy() {
        contract = LedgerFixture.deploy(anvil);
        writer = connect(anvil, contract, LedgerFixture.writer(anvil));
        owner = connect(anvil, contract, LedgerFixture.owner(anvil));
    }

    @AfterAll
    static void closeClients() {
        writer.close();
        owner.close();
    }

    /** The generated wrapper sending as {@code account}, with a fixed gas limit (no estimate). */
    static AlertLedger rawWrapper(org.web3j.crypto.Credentials account) {
        return AlertLedger.load(
                contract,
                anvil.web3j(),
                new RawTransactionManager(
                        anvil.web3j(),
                        account,
                        anvil.chainId(),
                        new PollingTransactionReceiptProcessor(anvil.web3j(), 10, 500)),
                new StaticGasProvider(
                        BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(500_000)));
    }

    @Test
    void deploysWithTheDeployerAsOwnerAndTheGivenFirstWriter() {
        LedgerStatus status = owner.status();

        assertThat(status.contract()).isEqualTo(contract);
        assertThat(status.owner()).isEqualTo(LedgerFixture.owner(anvil).getAddress());
        assertThat(status.writers()).contains(LedgerFixture.writer(anvil).getAddress());
        assertThat(status.chainId()).isEqualTo(anvil.chainId());
    }

    @Test
    void anchorsABatchAndRecordsWhatVerificationNeeds() {
        MerkleTree tree = MerkleTree.of(leaves("stored", 5));
        BatchAnchor batch = BatchAnchor.of(Bytes32.keccak256("batch/stored"), tree, 500);
        long before = writer.status().anchorCount();

        AnchorReceipt receipt = writer.anchor(batch);

        assertThat(receipt.outcome()).isEqualTo(AnchorReceipt.Outcome.ANCHORED);
        assertThat(receipt.gasUsed()).isPositive();
        assertThat(writer.isAnchored(batch.batchId())).isTrue();
        assertThat(writer.rootOf(batch.batchId())).contains(tree.root());
        AnchoredBatch stored = writer.batch(batch.batchId()).orElseThrow();
        assertThat(stored.leafCount()).isEqualTo(5);
        assertThat(stored.firstSeq()).isEqualTo(500);
        assertThat(stored.anchoredAtBlock()).isEqualTo(receipt.blockNumber());
        assertThat(writer.status().anchorCount()).isEqualTo(before + 1);
        assertThat(writer.latestAnchors(1))
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.batchId()).isEqualTo(batch.batchId());
                            assertThat(e.writer()).isEqualTo(writer.account());
                            assertThat(e.transactionHash())
                                    .isEqualTo(receipt.transactionHash().orElseThrow());
                        });
    }

    @Test
    void unknownBatchesAreNotAnchored() {
        Bytes32 unknown = Bytes32.keccak256("batch/never-anchored");

        assertThat(writer.isAnchored(unknown)).isFalse();
        assertThat(writer.rootOf(unknown)).isEmpty();
        assertThat(writer.batch(unknown)).isEmpty();
    }

    @Test
    void reAnchoringTheSameRootSucceedsWithoutASecondEvent() throws Exception {
        MerkleTree tree = MerkleTree.of(leaves("again", 3));
        BatchAnchor batch = BatchAnchor.of(Bytes32.keccak256("batch/again"), tree, 0);
        writer.anchor(batch);
        long count = writer.status().anchorCount();

        AnchorReceipt again = writer.anchor(batch);
        // Around the client's pre-check: the contract itself treats it as a no-op.
        TransactionReceipt onChain =
                rawWrapper(LedgerFixture.writer(anvil))
                        .anchor(
                                batch.batchId().toArray(),
                                tree.root().toArray(),
                                BigInteger.valueOf(3),
                                BigInteger.ZERO)
                        .send();

        assertThat(again.outcome()).isEqualTo(AnchorReceipt.Outcome.ALREADY_ANCHORED);
        assertThat(again.transactionHash()).isEmpty();
        assertThat(onChain.isStatusOK()).isTrue();
        assertThat(onChain.getLogs()).isEmpty();
        assertThat(writer.status().anchorCount()).isEqualTo(count);
        assertThat(
                        writer.latestAnchors(100).stream()
                                .filter(e -> e.batchId().equals(batch.batchId())))
                .hasSize(1);
    }

    @Test
    void aConflictingRootIsRefused() {
        Bytes32 id = Bytes32.keccak256("batch/conflict");
        MerkleTree first = MerkleTree.of(leaves("conflict-a", 4));
        MerkleTree second = MerkleTree.of(leaves("conflict-b", 4));
        writer.anchor(BatchAnchor.of(id, first, 0));

        assertThatThrownBy(() -> writer.anchor(BatchAnchor.of(id, second, 0)))
                .isInstanceOf(RootConflictException.class)
                .hasMessageContaining(first.root().toHex())
                .hasMessageContaining(second.root().toHex());
        // Around the client: the transaction itself reverts and the stored root stays.
        assertThatThrownBy(
                        () ->
                                rawWrapper(LedgerFixture.writer(anvil))
                                        .anchor(
                                                id.toArray(),
                                                second.root().toArray(),
                                                BigInteger.valueOf(4),
                                                BigInteger.ZERO)
                                        .send())
                .hasMessageContaining("status");
        assertThat(writer.rootOf(id)).contains(first.root());
    }

    @Test
    void onlyAWriterCanAnchorAndTheErrorNamesTheAccount() {
        String outsider = LedgerFixture.outsider(anvil).getAddress();
        BatchAnchor batch =
                BatchAnchor.of(
                        Bytes32.keccak256("batch/outsider"), MerkleTree.of(leaves("o", 2)), 0);

        try (Web3jLedgerClient notAWriter =
                connect(anvil, contract, LedgerFixture.outsider(anvil))) {
            assertThatThrownBy(() -> notAWriter.anchor(batch))
                    .isInstanceOf(NotAWriterException.class)
                    .hasMessageContaining(outsider)
                    .hasMessageContaining("not a writer");
        }
        assertThat(writer.isAnchored(batch.batchId())).isFalse();
    }

    @Test
    void theOwnerManagesWritersAndNobodyElseCan() {
        String outsider = LedgerFixture.outsider(anvil).getAddress();
        BatchAnchor batch =
                BatchAnchor.of(
                        Bytes32.keccak256("batch/promoted"), MerkleTree.of(leaves("p", 2)), 0);

        assertThatThrownBy(() -> writer.addWriter(outsider))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining(writer.account())
                .hasMessageContaining("not the owner");

        owner.addWriter(outsider);
        try (Web3jLedgerClient promoted = connect(anvil, contract, LedgerFixture.outsider(anvil))) {
            assertThat(owner.status().writers()).contains(outsider);
            assertThat(promoted.anchor(batch).newlyAnchored()).isTrue();

            owner.removeWriter(outsider);
            assertThat(owner.status().writers()).doesNotContain(outsider);
            BatchAnchor next =
                    BatchAnchor.of(
                            Bytes32.keccak256("batch/demoted"), MerkleTree.of(leaves("d", 2)), 0);
            assertThatThrownBy(() -> promoted.anchor(next)).isInstanceOf(NotAWriterException.class);
        }
    }

    @ParameterizedTest(name = "{0} leaves")
    @ValueSource(ints = {1, 2, 3, 7, 100, 1000})
    void proofsFromMerkleTreeVerifyOnChain(int size) {
        List<Bytes32> leaves = leaves("onchain-" + size, size);
        MerkleTree tree = MerkleTree.of(leaves);
        Bytes32 id = Bytes32.keccak256("batch/onchain-" + size);
        writer.anchor(BatchAnchor.of(id, tree, 0));

        for (int i = 0; i < size; i++) {
            assertThat(writer.verify(id, leaves.get(i), tree.proof(i)))
                    .as("leaf %d of %d", i, size)
                    .isTrue();
            assertThat(writer.verifyLocally(id, leaves.get(i), tree.proof(i))).isTrue();
        }
    }

    @Test
    void aModifiedLeafAWrongProofOrAWrongBatchFails() {
        List<Bytes32> leaves = leaves("negative", 7);
        MerkleTree tree = MerkleTree.of(leaves);
        Bytes32 id = Bytes32.keccak256("batch/negative");
        Bytes32 otherId = Bytes32.keccak256("batch/negative-other");
        writer.anchor(BatchAnchor.of(id, tree, 0));
        writer.anchor(BatchAnchor.of(otherId, MerkleTree.of(leaves("negative-other", 7)), 0));
        Bytes32 modified = Bytes32.keccak256("negative/leaf-3-edited");

        assertThat(writer.verify(id, leaves.get(3), tree.proof(3))).isTrue();
        assertThat(writer.verify(id, modified, tree.proof(3))).isFalse();
        assertThat(writer.verify(id, leaves.get(3), tree.proof(4))).isFalse();
        assertThat(writer.verify(otherId, leaves.get(3), tree.proof(3))).isFalse();
        assertThat(writer.verify(Bytes32.keccak256("batch/unknown"), leaves.get(3), tree.proof(3)))
                .isFalse();
        assertThat(writer.verifyLocally(id, modified, tree.proof(3))).isFalse();
        assertThat(writer.verifyLocally(otherId, leaves.get(3), tree.proof(3))).isFalse();
    }

    @Test
    void theContractComputesTheSameAckLeafDigestAsJava() throws Exception {
        AlertLedger view = rawWrapper(LedgerFixture.writer(anvil));
        List<AckLeaf> acks =
                List.of(
                        new AckLeaf(
                                "INC-1",
                                "0123456789abcdef",
                                "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
                                1_790_000_000_000L,
                                Bytes32.keccak256("sig"),
                                0,
                                AckMethod.SELF_SIGNED),
                        new AckLeaf(
                                "incident ünïcode ✓ longer than thirty-two bytes",
                                "ffffffffffffffff",
                                "0x" + "ab".repeat(20),
                                Long.MAX_VALUE,
                                Bytes32.keccak256("sig2"),
                                Long.MAX_VALUE,
                                AckMethod.GATEWAY_ONE_TIME_LINK));

        for (AckLeaf ack : acks) {
            byte[] onChain =
                    view.ackLeafDigest(
                                    ack.incidentId(),
                                    HexFormat.of().parseHex(ack.fingerprint()),
                                    ack.engineer(),
                                    BigInteger.valueOf(ack.ackedAtMillis()),
                                    ack.signatureHash().toArray(),
                                    BigInteger.valueOf(ack.sequence()),
                                    BigInteger.valueOf(ack.method().code()))
                            .send();
            assertThat(Bytes32.of(onChain)).isEqualTo(ack.digest());
        }
    }
}
