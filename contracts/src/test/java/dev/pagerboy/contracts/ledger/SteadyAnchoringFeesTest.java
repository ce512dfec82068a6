package dev.pagerboy.contracts.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.merkle.MerkleTree;
import dev.pagerboy.contracts.testing.AnvilExtension;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Anchoring for several seconds on end does not drive the price of gas up. The client used to pay
 * twice the node's suggested gas price as a legacy transaction, all of it tip; Anvil suggests
 * prices from recent tips, so the price doubled each time the client read it, once a second, until
 * the writer could not pay for one anchor (CI: "not mined within 120 s" in
 * MerkleContractAgreementTest on a slow run).
 */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SteadyAnchoringFeesTest {

    @RegisterExtension static final AnvilExtension anvil = new AnvilExtension();

    /** Long enough for five reads of the fee, one a second. */
    private static final Duration STEADY = Duration.ofSeconds(6);

    @Test
    void thePricePaidPerGasStaysFlatOverManyFeeReads() throws Exception {
        String contract = LedgerFixture.deploy(anvil);
        Web3j web3j = anvil.web3j();
        BigInteger suggestedBefore = web3j.ethGasPrice().send().getGasPrice();
        try (Web3jLedgerClient ledger =
                Web3jLedgerClient.connect(
                        LedgerSettings.defaults(anvil.rpcUrl()),
                        contract,
                        LedgerFixture.writer(anvil))) {
            String first = null;
            String last = null;
            long until = System.nanoTime() + STEADY.toNanos();
            for (int n = 0; n < 20 || System.nanoTime() < until; n++) {
                MerkleTree tree = MerkleTree.of(LedgerFixture.leaves("steady-" + n, 2));
                AnchorReceipt anchored =
                        ledger.anchor(BatchAnchor.of(Bytes32.keccak256("steady/" + n), tree, 0));
                last = anchored.transactionHash().orElseThrow();
                first = first == null ? last : first;
            }

            BigInteger paidFirst = effectivePrice(web3j, first);
            BigInteger paidLast = effectivePrice(web3j, last);
            assertThat(paidLast)
                    .as("price paid per gas by the last anchor, against the first's %s", paidFirst)
                    .isLessThanOrEqualTo(paidFirst.multiply(BigInteger.TWO));
            assertThat(web3j.ethGasPrice().send().getGasPrice())
                    .as("the node's suggested price, against %s before", suggestedBefore)
                    .isLessThanOrEqualTo(suggestedBefore.multiply(BigInteger.TWO));
        }
    }

    private static BigInteger effectivePrice(Web3j web3j, String txHash) throws Exception {
        TransactionReceipt receipt =
                web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt().orElseThrow();
        return receipt.getEffectiveGasPrice() == null
                ? web3j.ethGetTransactionByHash(txHash)
                        .send()
                        .getTransaction()
                        .orElseThrow()
                        .getGasPrice()
                : new BigInteger(receipt.getEffectiveGasPrice().substring(2), 16);
    }
}
