package dev.pagerboy.contracts.anvil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.Transfer;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Convert;

/** Starting and stopping nodes: nothing left behind, and a chain that survives a restart. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AnvilNodeLifecycleTest {

    @Test
    void closeLeavesNoProcessAndNoScratchDirectory() {
        AnvilNode node = AnvilNode.start();
        ProcessHandle anvil = node.process();
        Path workDir = node.workDir();
        assertThat(anvil.isAlive()).isTrue();
        assertThat(workDir).isDirectory();

        node.close();

        assertThat(anvil.isAlive()).isFalse();
        assertThat(ProcessHandle.current().descendants().filter(p -> p.pid() == anvil.pid()))
                .isEmpty();
        assertThat(anvil.descendants()).isEmpty();
        assertThat(workDir).doesNotExist();
        node.close(); // idempotent
    }

    @Test
    void nodesStartedSideBySideGetTheirOwnPorts() {
        try (AnvilNode a = AnvilNode.start();
                AnvilNode b = AnvilNode.builder().chainId(4242).start()) {
            assertThat(a.port()).isNotEqualTo(b.port());
            assertThat(b.chainId()).isEqualTo(4242);
        }
    }

    @Test
    void dumpedStateKeepsABalanceAcrossARestart(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("chain.json");
        String recipient = "0x000000000000000000000000000000000000beef";
        BigInteger sent = Convert.toWei("2", Convert.Unit.ETHER).toBigIntegerExact();

        try (AnvilNode node = AnvilNode.builder().stateFile(state).start()) {
            Web3j web3j = Web3j.build(new HttpService(node.rpcUrl()));
            try {
                RawTransactionManager txManager =
                        new RawTransactionManager(
                                web3j,
                                node.account(0).credentials(),
                                node.chainId(),
                                new PollingTransactionReceiptProcessor(web3j, 10, 500));
                new Transfer(web3j, txManager)
                        .sendFunds(recipient, new BigDecimal(2), Convert.Unit.ETHER)
                        .send();
            } finally {
                web3j.shutdown();
            }
        }
        assertThat(state).isRegularFile();
        assertThat(Files.size(state)).isPositive();

        try (AnvilNode restarted = AnvilNode.builder().loadState(state).start()) {
            Web3j web3j = Web3j.build(new HttpService(restarted.rpcUrl()));
            try {
                BigInteger balance =
                        web3j.ethGetBalance(recipient, DefaultBlockParameterName.LATEST)
                                .send()
                                .getBalance();
                assertThat(balance).isEqualTo(sent);
            } finally {
                web3j.shutdown();
            }
        }
    }

    @Test
    void aFreshNodeDoesNotSeeAnotherNodesState() throws Exception {
        try (AnvilNode node = AnvilNode.builder().autoMiningOnly().start()) {
            Web3j web3j = Web3j.build(new HttpService(node.rpcUrl()));
            try {
                assertThat(web3j.ethBlockNumber().send().getBlockNumber()).isZero();
                assertThat(web3j.ethAccounts().send().getAccounts()).hasSize(10);
            } finally {
                web3j.shutdown();
            }
        }
    }

    @Test
    void aBackstopBlockTimeMinesBlocksWithoutTransactions() throws Exception {
        try (AnvilNode node =
                AnvilNode.builder().backstopBlockTime(Duration.ofSeconds(1)).start()) {
            Web3j web3j = Web3j.build(new HttpService(node.rpcUrl()));
            try {
                await("a block mined without transactions")
                        .atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(100))
                        .untilAsserted(
                                () ->
                                        assertThat(web3j.ethBlockNumber().send().getBlockNumber())
                                                .isPositive());
            } finally {
                web3j.shutdown();
            }
        }
    }

    @Test
    void aBackstopBlockTimeIsWholeSeconds() {
        assertThatThrownBy(() -> AnvilNode.builder().backstopBlockTime(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole seconds");
    }
}
