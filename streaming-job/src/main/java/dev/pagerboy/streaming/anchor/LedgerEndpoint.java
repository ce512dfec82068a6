package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.ledger.KeyFile;
import dev.pagerboy.contracts.ledger.LedgerClient;
import dev.pagerboy.contracts.ledger.LedgerSettings;
import dev.pagerboy.contracts.ledger.RetryPolicy;
import dev.pagerboy.contracts.ledger.Web3jLedgerClient;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the job anchors: the node's JSON-RPC URL, the AlertLedger contract and the file holding the
 * writer account's key. Travels with the sink to the task managers; the key is read there, when a
 * client connects, so it never enters the job graph. The key file must therefore exist at the same
 * path on every task manager.
 *
 * @param rpcUrl the Ethereum JSON-RPC endpoint, e.g. {@code http://127.0.0.1:8545}
 * @param contract the AlertLedger address (0x…)
 * @param keyFile a file with the writer's private key ({@link KeyFile})
 */
public record LedgerEndpoint(String rpcUrl, String contract, String keyFile)
        implements LedgerConnector, Serializable {

    /**
     * Each JSON-RPC call gets one quick retry, not the interactive default of five: the sink has
     * its own retries and a later checkpoint, and a down node must not hold a checkpoint for long.
     */
    private static final RetryPolicy SINK_RETRY =
            new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(100));

    public LedgerEndpoint {
        if (rpcUrl == null || rpcUrl.isBlank()) {
            throw new IllegalArgumentException("ledger RPC URL must be set");
        }
        if (contract == null || !contract.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException(
                    "ledger contract must be a 0x address, got '" + contract + "'");
        }
        if (keyFile == null || keyFile.isBlank()) {
            throw new IllegalArgumentException("ledger key file must be set");
        }
    }

    @Override
    public LedgerClient connect() {
        LedgerSettings settings =
                LedgerSettings.defaults(rpcUrl).withRetry(SINK_RETRY).withAsyncThreads(1);
        return Web3jLedgerClient.connect(settings, contract, KeyFile.read(Path.of(keyFile)));
    }
}
