package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.ledger.LedgerSettings;
import dev.pagerboy.contracts.ledger.Web3jLedgerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The chain side of the anchoring tests that run against a real Anvil node. */
final class TestLedger {

    private TestLedger() {}

    /**
     * Deploys a fresh AlertLedger on {@code anvil} (account 0 its owner, account 1 its writer) and
     * writes account 1's key to a file in {@code dir}: the endpoint the job anchors through.
     */
    static LedgerEndpoint deploy(AnvilNode anvil, Path dir) throws IOException {
        String contract =
                Web3jLedgerClient.deploy(
                        LedgerSettings.defaults(anvil.rpcUrl()),
                        anvil.account(0).credentials(),
                        anvil.account(1).address());
        Path key = dir.resolve("writer.key");
        Files.writeString(key, anvil.account(1).privateKey() + "\n");
        return new LedgerEndpoint(anvil.rpcUrl(), contract, key.toString());
    }
}
