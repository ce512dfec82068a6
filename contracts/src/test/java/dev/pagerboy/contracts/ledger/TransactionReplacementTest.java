package dev.pagerboy.contracts.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.merkle.MerkleTree;
import dev.pagerboy.contracts.testing.AnvilExtension;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * Another sender on the same key replaces the client's pending anchor (same nonce, higher gas
 * price): the client notices that its transaction can never be mined and sends the anchor again,
 * instead of waiting for the receipt until it times out.
 */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TransactionReplacementTest {

    // mining is switched off by hand below: no backstop block may mine the pending anchor
    @RegisterExtension
    static final AnvilExtension anvil =
            new AnvilExtension(() -> AnvilNode.builder().autoMiningOnly().start());

    @Test
    void anAnchorWhosePendingTransactionIsReplacedIsSentAgain() {
        String contract = LedgerFixture.deploy(anvil);
        Credentials writer = LedgerFixture.writer(anvil);
        Web3j web3j = anvil.web3j();
        assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> {
                    try (Web3jLedgerClient ledger =
                            Web3jLedgerClient.connect(
                                    LedgerSettings.defaults(anvil.rpcUrl()), contract, writer)) {
                        devRpc("evm_setAutomine", List.of(false));
                        BigInteger nonce = mined(web3j, writer);
                        MerkleTree tree = MerkleTree.of(LedgerFixture.leaves("replaced", 3));
                        CompletableFuture<AnchorReceipt> anchor =
                                ledger.anchorAsync(
                                        BatchAnchor.of(Bytes32.keccak256("replaced"), tree, 0));
                        await("the anchor in the node's pool")
                                .atMost(Duration.ofSeconds(30))
                                .pollInterval(Duration.ofMillis(20))
                                .until(() -> !pending(web3j, writer).equals(nonce));

                        EthSendTransaction replacement =
                                web3j.ethSendRawTransaction(selfTransfer(web3j, writer, nonce))
                                        .send();
                        assertThat(replacement.hasError())
                                .as("replacement accepted: %s", replacement.getError())
                                .isFalse();
                        devRpc("evm_mine", List.of()); // mines the replacement, not the anchor
                        devRpc("evm_setAutomine", List.of(true));

                        AnchorReceipt receipt = anchor.join();
                        assertThat(receipt.newlyAnchored()).isTrue();
                        assertThat(ledger.status().anchorCount()).isEqualTo(1);
                        assertThat(mined(web3j, writer)).isEqualTo(nonce.add(BigInteger.TWO));
                    }
                });
    }

    /** A zero-value transfer to itself with {@code nonce}, at ten times the client's gas price. */
    private static String selfTransfer(Web3j web3j, Credentials from, BigInteger nonce)
            throws Exception {
        BigInteger price =
                web3j.ethGasPrice().send().getGasPrice().multiply(BigInteger.valueOf(20));
        RawTransaction tx =
                RawTransaction.createEtherTransaction(
                        nonce,
                        price,
                        BigInteger.valueOf(21_000),
                        from.getAddress(),
                        BigInteger.ZERO);
        return Numeric.toHexString(TransactionEncoder.signMessage(tx, anvil.chainId(), from));
    }

    private static BigInteger mined(Web3j web3j, Credentials account) throws Exception {
        return web3j.ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.LATEST)
                .send()
                .getTransactionCount();
    }

    private static BigInteger pending(Web3j web3j, Credentials account) throws Exception {
        return web3j.ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.PENDING)
                .send()
                .getTransactionCount();
    }

    private static void devRpc(String method, List<?> params) throws Exception {
        VoidResponse response =
                new Request<>(method, params, new HttpService(anvil.rpcUrl()), VoidResponse.class)
                        .send();
        assertThat(response.hasError()).as("%s: %s", method, response.getError()).isFalse();
    }
}
