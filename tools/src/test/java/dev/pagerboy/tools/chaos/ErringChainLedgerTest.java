package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.ledger.BatchAnchor;
import dev.pagerboy.contracts.ledger.LedgerClient;
import dev.pagerboy.contracts.ledger.LedgerException;
import dev.pagerboy.contracts.ledger.LedgerSettings;
import dev.pagerboy.contracts.ledger.LedgerUnreachableException;
import dev.pagerboy.contracts.ledger.RetryPolicy;
import dev.pagerboy.contracts.ledger.Web3jLedgerClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Finding 11 (R3): a chain that answers errors, an HTTP 503 or a JSON-RPC error (-32603), must look
 * to the anchoring sinks as a chain that does not answer: a {@link LedgerException} (for reads and
 * at open a {@link LedgerUnreachableException}, as for a refused connection), which they catch to
 * keep the batch and offer it again at the next checkpoint. Before the fix web3j's own unchecked
 * exceptions escaped (a {@code MessageDecodingException} from {@code eth_chainId} when the client
 * opened, a {@code ClientConnectionException} for a 503 when it read the fees of a transaction) and
 * failed the job over.
 *
 * <p>A real Anvil behind R3's {@link ErringRelay}. The relay answers its errors alternately, a 503
 * then a JSON-RPC error; with one attempt per call, two calls meet one of each.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ErringChainLedgerTest {

    private AnvilNode node;
    private ErringRelay relay;
    private String contract;
    private LedgerSettings throughRelay;

    @BeforeEach
    void startChainAndRelay() {
        node = AnvilNode.start();
        contract =
                Web3jLedgerClient.deploy(
                        LedgerSettings.defaults(node.rpcUrl()),
                        node.account(0).credentials(),
                        node.account(1).address());
        relay = ErringRelay.start(node.rpcUrl());
        throughRelay =
                LedgerSettings.defaults(relay.rpcUrl())
                        .withRetry(
                                new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10)));
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void openingAClientWhileTheChainAnswersErrorsIsTheChainUnreachable() {
        relay.mode(ErringRelay.Mode.ERRING);

        for (int i = 0; i < 2; i++) {
            long before = relay.erred();
            assertThatThrownBy(
                            () ->
                                    Web3jLedgerClient.connect(throughRelay, contract, writer())
                                            .close())
                    .as("opening, meeting a %s", before % 2 == 0 ? "HTTP 503" : "JSON-RPC error")
                    .isInstanceOf(LedgerUnreachableException.class);
            assertThat(relay.erred()).isGreaterThan(before);
        }
    }

    @Test
    void anchoringAndReadingWhileTheChainAnswersErrorsIsTheChainUnreachable() throws Exception {
        BatchAnchor batch =
                new BatchAnchor(
                        Bytes32.keccak256("finding 11 batch"), Bytes32.keccak256("root"), 3, 1);
        try (LedgerClient client = Web3jLedgerClient.connect(throughRelay, contract, writer())) {
            relay.mode(ErringRelay.Mode.ERRING);

            bothErrorsAreUnreachable(() -> client.anchor(batch));
            bothErrorsAreUnreachable(() -> client.anchorOf(batch.batchId()));

            relay.mode(ErringRelay.Mode.RELAYING);
        }
        // Healed, a new client (the sinks drop a failed one) anchors the batch kept back.
        try (LedgerClient client = Web3jLedgerClient.connect(throughRelay, contract, writer())) {
            assertThat(client.anchor(batch).newlyAnchored()).isTrue();
            assertThat(client.anchorOf(batch.batchId())).isPresent();
        }
    }

    /**
     * Runs {@code call} twice: one meets a 503 first, the other a JSON-RPC error. Either way a
     * {@link LedgerException}: the sinks' "keep the batch, retry later" path (an eth_call's error
     * answer is the contract's rejection, a plain one; every other is unreachable).
     */
    private void bothErrorsAreUnreachable(ThrowingCallable call) {
        for (int i = 0; i < 2; i++) {
            long before = relay.erred();
            String kind = before % 2 == 0 ? "HTTP 503" : "JSON-RPC error";
            assertThatThrownBy(call)
                    .as("a call meeting a %s first", kind)
                    .isInstanceOf(LedgerException.class);
            assertThat(relay.erred()).as("the %s reached the client", kind).isGreaterThan(before);
        }
    }

    private org.web3j.crypto.Credentials writer() {
        return node.account(1).credentials();
    }
}
