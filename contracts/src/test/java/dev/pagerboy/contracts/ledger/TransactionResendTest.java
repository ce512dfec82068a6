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
 * waits, so the anchor is mined under its original hash and nonce instead of timing out.
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
        String contract = LedgerFixture.deploy(anvil);
        Credentials writer = LedgerFixture.writer(anvil);
        Web3j web3j = anvil.web3j();
        // Old behaviour: waiting 30 s for a receipt that never comes, then failing.
        LedgerSettings settings =
                LedgerSettings.defaults(anvil.rpcUrl())
                        .withReceiptWait(Duration.ofSeconds(30), Duration.ofSeconds(1));
        try (Web3jLedgerClient ledger = Web3jLedgerClient.connect(settings, contract, writer)) {
            devRpc("evm_setAutomine", List.of(false));
            BigInteger nonce = count(web3j, writer, DefaultBlockParameterName.LATEST);
            MerkleTree tree = MerkleTree.of(LedgerFixture.leaves("lost", 3));
            CompletableFuture<AnchorReceipt> anchor =
                    ledger.anchorAsync(BatchAnchor.of(Bytes32.keccak256("lost"), tree, 0));
            await("the anchor in the node's pool")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20))
                    .until(
                            () ->
                                    !count(web3j, writer, DefaultBlockParameterName.PENDING)
                                            .equals(nonce));

            devRpc("anvil_dropAllTransactions", List.of()); // the node forgets it
            assertThat(count(web3j, writer, DefaultBlockParameterName.PENDING)).isEqualTo(nonce);
            devRpc("evm_setAutomine", List.of(true));

            AnchorReceipt receipt = anchor.get(20, TimeUnit.SECONDS);
            assertThat(receipt.newlyAnchored()).isTrue();
            assertThat(ledger.rootOf(Bytes32.keccak256("lost"))).contains(tree.root());
            assertThat(count(web3j, writer, DefaultBlockParameterName.LATEST))
                    .as("the resend reused the nonce: one transaction in all")
                    .isEqualTo(nonce.add(BigInteger.ONE));
        }
    }

    @Test
    void anAnchorDroppedAndRefusedOnResendFailsAtOnceWithTheNodesReason() throws Exception {
        String contract = LedgerFixture.deploy(anvil);
        Credentials writer = LedgerFixture.writer(anvil);
        Web3j web3j = anvil.web3j();
        // Old behaviour: resending every second and waiting out the whole 60 s receipt timeout.
        LedgerSettings settings =
                LedgerSettings.defaults(anvil.rpcUrl())
                        .withReceiptWait(Duration.ofSeconds(60), Duration.ofSeconds(1));
        try (Web3jLedgerClient ledger = Web3jLedgerClient.connect(settings, contract, writer)) {
            devRpc("evm_setAutomine", List.of(false));
            BigInteger nonce = count(web3j, writer, DefaultBlockParameterName.LATEST);
            CompletableFuture<AnchorReceipt> anchor =
                    ledger.anchorAsync(
                            BatchAnchor.of(
                                    Bytes32.keccak256("refused"),
                                    MerkleTree.of(LedgerFixture.leaves("refused", 3)),
                                    0));
            await("the anchor in the node's pool")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20))
                    .until(
                            () ->
                                    !count(web3j, writer, DefaultBlockParameterName.PENDING)
                                            .equals(nonce));

            devRpc("anvil_dropAllTransactions", List.of());
            devRpc("anvil_setBalance", List.of(writer.getAddress(), "0x0")); // cannot pay now
            try {
                assertThatThrownBy(() -> anchor.get(20, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause()
                        .isInstanceOf(LedgerException.class)
                        .hasMessageContaining("refuses it again")
                        .hasMessageContaining("nonce " + nonce);
            } finally {
                devRpc("anvil_setBalance", List.of(writer.getAddress(), TEN_THOUSAND_ETH));
                devRpc("evm_setAutomine", List.of(true));
            }
        }
    }

    private static BigInteger count(Web3j web3j, Credentials account, DefaultBlockParameterName at)
            throws Exception {
        return web3j.ethGetTransactionCount(account.getAddress(), at).send().getTransactionCount();
    }

    private static void devRpc(String method, List<?> params) throws Exception {
        VoidResponse response =
                new Request<>(method, params, new HttpService(anvil.rpcUrl()), VoidResponse.class)
                        .send();
        assertThat(response.hasError()).as("%s: %s", method, response.getError()).isFalse();
    }
}
