package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.ledger.LedgerSettings;
import dev.pagerboy.contracts.ledger.Web3jLedgerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh AlertLedger on a local development node, as the demo, the benchmarks, the chaos runner
 * and the tests anchor on.
 *
 * <p>Not a method of {@link LedgerEndpoint}: the job jar leaves out the development node's classes
 * (contracts' {@code anvil} package), and the endpoint travels to the task managers. With a method
 * naming {@link AnvilNode} on it, the endpoint could not be loaded there: {@code flink run} of a
 * job with a ledger failed with {@code NoClassDefFoundError:
 * dev/pagerboy/contracts/anvil/AnvilNode} (chaos R3, session 10; {@code ShadedJobJarTest} checks
 * it). This class is never loaded by the job.
 */
public final class LocalLedger {

    private LocalLedger() {}

    /**
     * Deploys an AlertLedger on {@code anvil}: account 0 deploys and owns it, account 1 is its
     * writer, and account 1's key is written to {@code keyFile}, which the endpoint names by its
     * absolute path (task managers read it from there).
     */
    public static LedgerEndpoint deploy(AnvilNode anvil, Path keyFile) throws IOException {
        String contract =
                Web3jLedgerClient.deploy(
                        LedgerSettings.defaults(anvil.rpcUrl()),
                        anvil.account(0).credentials(),
                        anvil.account(1).address());
        Files.writeString(keyFile, anvil.account(1).privateKey() + "\n");
        return new LedgerEndpoint(anvil.rpcUrl(), contract, keyFile.toAbsolutePath().toString());
    }
}
