package dev.pagerboy.contracts.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.merkle.MerkleTree;
import dev.pagerboy.contracts.testing.AnvilExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's transport: concurrency, event history, and what happens when the node is gone. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class Web3jLedgerClientTest {

    @RegisterExtension static final AnvilExtension anvil = new AnvilExtension();

    static final RetryPolicy QUICK_RETRY =
            new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200));

    @Test
    void manyConcurrentAnchorsFromOneAccountAllLand() {
        String contract = LedgerFixture.deploy(anvil);
        LedgerSettings settings = LedgerSettings.defaults(anvil.rpcUrl()).withAsyncThreads(16);
        try (Web3jLedgerClient ledger =
                Web3jLedgerClient.connect(settings, contract, LedgerFixture.writer(anvil))) {
            List<CompletableFuture<AnchorReceipt>> inFlight = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                MerkleTree tree = MerkleTree.of(LedgerFixture.leaves("concurrent-" + i, 1 + i % 5));
                inFlight.add(
                        ledger.anchorAsync(BatchAnchor.of(Bytes32.keccak256("c-" + i), tree, i)));
            }
            List<AnchorReceipt> receipts = inFlight.stream().map(CompletableFuture::join).toList();

            assertThat(receipts).allMatch(AnchorReceipt::newlyAnchored);
            Set<String> txs =
                    receipts.stream()
                            .map(r -> r.transactionHash().orElseThrow())
                            .collect(Collectors.toSet());
            assertThat(txs).hasSize(60);
            assertThat(ledger.status().anchorCount()).isEqualTo(60);
        }
    }

    @Test
    void twoClientsSharingOneKeyRecoverFromNonceCollisions() {
        String contract = LedgerFixture.deploy(anvil);
        LedgerSettings settings = LedgerSettings.defaults(anvil.rpcUrl()).withAsyncThreads(4);
        try (Web3jLedgerClient a =
                        Web3jLedgerClient.connect(settings, contract, LedgerFixture.writer(anvil));
                Web3jLedgerClient b =
                        Web3jLedgerClient.connect(
                                settings, contract, LedgerFixture.writer(anvil))) {
            List<CompletableFuture<AnchorReceipt>> inFlight = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Web3jLedgerClient client = i % 2 == 0 ? a : b;
                MerkleTree tree = MerkleTree.of(LedgerFixture.leaves("shared-key-" + i, 2));
                inFlight.add(
                        client.anchorAsync(BatchAnchor.of(Bytes32.keccak256("s-" + i), tree, i)));
            }

            assertThat(inFlight.stream().map(CompletableFuture::join))
                    .allMatch(AnchorReceipt::newlyAnchored);
            assertThat(a.status().anchorCount()).isEqualTo(20);
        }
    }

    @Test
    void latestAnchorsAreTheMostRecentOldestFirst() {
        String contract = LedgerFixture.deploy(anvil);
        try (Web3jLedgerClient ledger =
                LedgerFixture.connect(anvil, contract, LedgerFixture.writer(anvil))) {
            List<Bytes32> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Bytes32 id = Bytes32.keccak256("history-" + i);
                ids.add(id);
                ledger.anchor(
                        BatchAnchor.of(
                                id, MerkleTree.of(LedgerFixture.leaves("h" + i, 2)), 10L * i));
            }

            assertThat(ledger.latestAnchors(3))
                    .extracting(AnchorEvent::batchId)
                    .containsExactlyElementsOf(ids.subList(2, 5));
            assertThat(ledger.latestAnchors(50))
                    .extracting(AnchorEvent::firstSeq)
                    .containsExactly(0L, 10L, 20L, 30L, 40L);
            assertThat(ledger.status().latest().orElseThrow().batchId()).isEqualTo(ids.get(4));
        }
    }

    @Test
    void anchorOfNamesTheBlockAndTransactionThatAnchoredTheBatch() {
        String contract = LedgerFixture.deploy(anvil);
        try (Web3jLedgerClient ledger =
                LedgerFixture.connect(anvil, contract, LedgerFixture.writer(anvil))) {
            Bytes32 id = Bytes32.keccak256("located");
            MerkleTree tree = MerkleTree.of(LedgerFixture.leaves("located", 3));
            assertThat(ledger.anchorOf(id)).isEmpty();
            AnchorReceipt receipt = ledger.anchor(BatchAnchor.of(id, tree, 7));
            ledger.anchor(BatchAnchor.of(Bytes32.keccak256("other"), tree, 0));

            AnchorEvent event = ledger.anchorOf(id).orElseThrow();
            assertThat(event.batchId()).isEqualTo(id);
            assertThat(event.root()).isEqualTo(tree.root());
            assertThat(event.firstSeq()).isEqualTo(7);
            assertThat(event.blockNumber()).isEqualTo(receipt.blockNumber());
            assertThat(event.transactionHash()).isEqualTo(receipt.transactionHash().orElseThrow());
        }
    }

    @Test
    void anUnreachableNodeIsAClearErrorAfterBoundedRetriesNotAHang() throws IOException {
        String deadUrl = "http://127.0.0.1:" + freePort();
        LedgerSettings settings = LedgerSettings.defaults(deadUrl).withRetry(QUICK_RETRY);

        LedgerUnreachableException error =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(30),
                        () ->
                                catchUnreachable(
                                        () ->
                                                Web3jLedgerClient.connect(
                                                        settings,
                                                        "0x" + "00".repeat(20),
                                                        LedgerFixture.writer(anvil))));

        assertThat(error.rpcUrl()).isEqualTo(deadUrl);
        assertThat(error).hasMessageContaining(deadUrl).hasMessageContaining("3 attempts");
    }

    @Test
    void aNodeThatDiesMidSessionIsAClearErrorNotAHang() {
        AnvilNode node = AnvilNode.start();
        LedgerSettings settings = LedgerSettings.defaults(node.rpcUrl()).withRetry(QUICK_RETRY);
        String contract =
                Web3jLedgerClient.deploy(
                        settings, node.account(0).credentials(), node.account(0).address());
        try (Web3jLedgerClient ledger =
                Web3jLedgerClient.connect(settings, contract, node.account(0).credentials())) {
            node.close();
            BatchAnchor batch =
                    BatchAnchor.of(
                            Bytes32.keccak256("orphan"),
                            MerkleTree.of(LedgerFixture.leaves("x", 2)),
                            0);

            assertTimeoutPreemptively(
                    Duration.ofSeconds(30),
                    () ->
                            assertThatThrownBy(() -> ledger.anchor(batch))
                                    .isInstanceOf(LedgerUnreachableException.class)
                                    .hasMessageContaining(node.rpcUrl()));
        } finally {
            node.close();
        }
    }

    @Test
    void connectingToAnAddressWithoutTheContractIsAClearError() {
        assertThatThrownBy(
                        () ->
                                Web3jLedgerClient.connect(
                                        anvil.rpcUrl(),
                                        "0x" + "42".repeat(20),
                                        LedgerFixture.writer(anvil)))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("no contract at 0x4242");
    }

    private static LedgerUnreachableException catchUnreachable(Runnable action) {
        try {
            action.run();
        } catch (LedgerUnreachableException e) {
            return e;
        }
        throw new AssertionError("expected LedgerUnreachableException");
    }

    /** A loopback port nobody listens on (bound, then released). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
