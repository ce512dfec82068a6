package dev.pagerboy.contracts.anvil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.contracts.testing.AnvilExtension;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.Transfer;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Convert;

/** The chain fixture against a real Anvil node: chain id, blocks, a value transfer, accounts. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AnvilNodeTest {

    // counts blocks: only transactions and evm_mine may make them
    @RegisterExtension
    static final AnvilExtension anvil =
            new AnvilExtension(() -> AnvilNode.builder().autoMiningOnly().start());

    @Test
    void reportsTheConfiguredChainId() throws Exception {
        BigInteger chainId = anvil.web3j().ethChainId().send().getChainId();

        assertThat(chainId).isEqualTo(BigInteger.valueOf(AnvilNode.DEFAULT_CHAIN_ID));
    }

    @Test
    void blockNumberAdvancesWhenABlockIsMined() throws Exception {
        BigInteger before = anvil.web3j().ethBlockNumber().send().getBlockNumber();
        new Request<>("evm_mine", List.of(), new HttpService(anvil.rpcUrl()), VoidResponse.class)
                .send();

        BigInteger after = anvil.web3j().ethBlockNumber().send().getBlockNumber();

        assertThat(after).isEqualTo(before.add(BigInteger.ONE));
    }

    @Test
    void transfersValueBetweenDevAccounts() throws Exception {
        DevAccount from = anvil.account(1);
        DevAccount to = anvil.account(2);
        BigInteger balanceBefore = balanceOf(to.address());
        RawTransactionManager txManager =
                new RawTransactionManager(
                        anvil.web3j(),
                        from.credentials(),
                        anvil.chainId(),
                        new PollingTransactionReceiptProcessor(anvil.web3j(), 10, 500));

        TransactionReceipt receipt =
                new Transfer(anvil.web3j(), txManager)
                        .sendFunds(to.address(), BigDecimal.valueOf(1.5), Convert.Unit.ETHER)
                        .send();

        assertThat(receipt.isStatusOK()).isTrue();
        assertThat(balanceOf(to.address()).subtract(balanceBefore))
                .isEqualTo(Convert.toWei("1.5", Convert.Unit.ETHER).toBigIntegerExact());
    }

    @Test
    void derivedDevAccountsAreTheOnesAnvilFunds() throws Exception {
        List<String> nodeAccounts =
                anvil.web3j().ethAccounts().send().getAccounts().stream()
                        .map(String::toLowerCase)
                        .collect(Collectors.toList());

        assertThat(anvil.node().accounts())
                .extracting(DevAccount::address)
                .containsExactlyElementsOf(nodeAccounts);
        assertThat(anvil.account(0).credentials().getAddress())
                .isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    }

    private static BigInteger balanceOf(String address) throws Exception {
        return anvil.web3j()
                .ethGetBalance(address, DefaultBlockParameterName.LATEST)
                .send()
                .getBalance();
    }
}
