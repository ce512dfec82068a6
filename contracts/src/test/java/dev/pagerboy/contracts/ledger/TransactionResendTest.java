package dev.pagerboy.contracts.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.merkle.MerkleTree;
import dev.pagerboy.contracts.testing.AnvilExtension;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * The node loses an accepted anchor transaction from its pool (what the CI flake "transaction ...
 * was not mined within 120 s" looked like): the client submits the same signed bytes again while it
 * waits, so the anchor is mined under its original hash and nonce instead of timing out; and when
 * the node refuses the resend too, the wait ends at once with the node's reason.
 */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TransactionResendTest {

    private static final String TEN_THOUSAND_ETH = "0x21e19e0c9bab2400000";

    // no backstop block: the lost transaction must not be rescued by anything but the resend
    @RegisterExtension
    static final AnvilExtension anvil =
            new AnvilExtension(() -> AnvilNode.builder().autoMiningOnly().start());

    @Test
    void anAnchorLostFromTheNodesPoolIsSentAgainAndMined() throws Exception {
        // Old behaviour: waiting 30 s for a receipt that never comes, then failing.
        try (AnchoringWriter writer = AnchoringWriter.connect(Duration.ofSeconds(30))) {
            MerkleTree tree = MerkleTree.of(LedgerFixture.leaves("lost", 3));
            DroppedAnchor dropped =
                    writer.sendAndDrop(BatchAnchor.of(Bytes32.keccak256("lost"), tree, 0));
            devRpc("evm_setAutomine", List.of(true));

            AnchorReceipt receipt = dropped.receipt().get(20, TimeUnit.SECONDS);
            assertThat(receipt.newlyAnchored()).isTrue();
            assertThat(writer.ledger.rootOf(Bytes32.keccak256("lost"))).contains(tree.root());
            assertThat(writer.count(DefaultBlockParameterName.LATEST))
                    .as("the resend reused the nonce: one transaction in all")
                    .isEqualTo(dropped.nonce().add(BigInteger.ONE));
        }
    }

    @Test
    void anAnchorDroppedAndRefusedOnResendFailsAtOnceWithTheNodesReason() throws Exception {
        // Old behaviour: resending every second and waiting out the whole 60 s receipt timeout.
        try (AnchoringWriter writer = AnchoringWriter.connect(Duration.ofSeconds(60))) {
            DroppedAnchor dropped =
                    writer.sendAndDrop(
                            BatchAnchor.of(
                                    Bytes32.keccak256("refused"),
                                    MerkleTree.of(LedgerFixture.leaves("refused", 3)),
                                    0));
            String address = writer.credentials.getAddress();
            devRpc("anvil_setBalance", List.of(address, "0x0")); // cannot pay now
            try {
                assertThatThrownBy(() -> dropped.receipt().get(20, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause()
                        .isInstanceOf(LedgerException.class)
                        .hasMessageContaining("refuses it again")
                        .hasMessageContaining("nonce " + dropped.nonce());
            } finally {
                devRpc("anvil_setBalance", List.of(address, TEN_THOUSAND_ETH));
                devRpc("evm_setAutomine", List.of(true));
            }
        }
    }

    /** An anchor the node accepted and then forgot: the nonce it was sent under, its receipt. */
    private record DroppedAnchor(BigInteger nonce, CompletableFuture<AnchorReceipt> receipt) {}

    /**
     * The ledger's writer on a fresh contract, its client waiting {@code receiptTimeout} for a
     * receipt and resending every second while it waits.
     */
    private static final class AnchoringWriter implements AutoCloseable {
        final Credentials credentials;
        final Web3jLedgerClient ledger;
        private final Web3j web3j;

        private AnchoringWriter(Credentials credentials, Web3jLedgerClient ledger) {
            this.credentials = credentials;
            this.ledger = ledger;
            this.web3j = anvil.web3j();
        }

        static AnchoringWriter connect(Duration receiptTimeout) throws Exception {
            String contract = LedgerFixture.deploy(anvil);
            Credentials writer = LedgerFixture.writer(anvil);
            LedgerSettings settings =
                    LedgerSettings.defaults(anvil.rpcUrl())
                            .withReceiptWait(receiptTimeout, Duration.ofSeconds(1));
            return new AnchoringWriter(
                    writer, Web3jLedgerClient.connect(settings, contract, writer));
        }

        /**
         * Turns auto-mining off, sends the anchor, waits until the node's pool holds it, then makes
         * the node forget it. Auto-mining stays off: the test turns it back on.
         */
        DroppedAnchor sendAndDrop(BatchAnchor batch) throws Exception {
            devRpc("evm_setAutomine", List.of(false));
            BigInteger nonce = count(DefaultBlockParameterName.LATEST);
            CompletableFuture<AnchorReceipt> receipt = ledger.anchorAsync(batch);
            await("the anchor in the node's pool")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !count(DefaultBlockParameterName.PENDING).equals(nonce));

            devRpc("anvil_dropAllTransactions", List.of()); // the node forgets it
            assertThat(count(DefaultBlockParameterName.PENDING)).isEqualTo(nonce);
            return new DroppedAnchor(nonce, receipt);
        }

        /** The writer's transaction count at {@code at}: the next nonce. */
        BigInteger count(DefaultBlockParameterName at) throws Exception {
            return web3j.ethGetTransactionCount(credentials.getAddress(), at)
                    .send()
                    .getTransactionCount();
        }

        @Override
        public void close() {
            ledger.close();
        }
    }

    private static void devRpc(String method, List<?> params) throws Exception {
        VoidResponse response =
                new Request<>(method, params, new HttpService(anvil.rpcUrl()), VoidResponse.class)
                        .send();
        assertThat(response.hasError()).as("%s: %s", method, response.getError()).isFalse();
    }
}
