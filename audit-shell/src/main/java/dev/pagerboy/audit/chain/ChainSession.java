package dev.pagerboy.audit.chain;

import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.AuditSettings;
import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.ledger.LedgerClient;
import dev.pagerboy.contracts.ledger.LedgerException;
import dev.pagerboy.contracts.ledger.Web3jLedgerClient;
import jakarta.annotation.PreDestroy;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.web3j.crypto.Credentials;

/**
 * The chain the audited job anchored to ({@code --rpc URL --contract ADDR}), connected on first use
 * so that commands which do not need it ({@code sql}, {@code archive info}) work without it.
 * Without those options it starts a local Anvil from a chain kept next to the archive ({@link
 * KeptChain}), as the demo keeps its own. The shell only reads the chain: its client signs with a
 * throwaway key that can send nothing of value, because {@link LedgerClient} is built for a sender.
 */
@Service
public class ChainSession implements AutoCloseable {

    /** A fixed well-known test key, only ever used for view calls. */
    private static final String READ_ONLY_KEY =
            "0x0000000000000000000000000000000000000000000000000000000000000001";

    private final AuditSettings settings;
    private LedgerClient ledger;
    private String rpc;
    private String contract;
    private AnvilNode keptChainNode;
    private String keptChainNote;

    public ChainSession(AuditSettings settings) {
        this.settings = settings;
        this.rpc = settings.rpc();
        this.contract = settings.contract();
    }

    /**
     * The ledger client. Without {@code --rpc}/{@code --contract}, a chain kept next to the start
     * archive ({@link KeptChain}) is started on a local Anvil.
     *
     * @throws AuditException if the shell was started without a chain, or cannot reach it
     */
    public synchronized LedgerClient ledger() {
        if (keptChainNode != null && !keptChainNode.isRunning()) {
            // Ctrl-C at the terminal reaches the whole process group, the Anvil started here too:
            // start it again from the same state.
            close();
            rpc = null;
            contract = null;
        }
        if (ledger == null) {
            if (rpc == null || contract == null) {
                startKeptChain();
            }
            try {
                ledger =
                        Web3jLedgerClient.connect(rpc, contract, Credentials.create(READ_ONLY_KEY));
            } catch (LedgerException | IllegalArgumentException e) {
                throw new AuditException(
                        "cannot use the chain at "
                                + rpc
                                + " (contract "
                                + contract
                                + "): "
                                + e.getMessage(),
                        e);
            }
        }
        return ledger;
    }

    private void startKeptChain() {
        KeptChain kept =
                (settings.archive() == null
                                ? Optional.<KeptChain>empty()
                                : KeptChain.besides(settings.archive()))
                        .orElseThrow(
                                () ->
                                        new AuditException(
                                                "no chain to check against: start the shell with"
                                                        + " --rpc URL --contract ADDR (the JSON-RPC"
                                                        + " endpoint and AlertLedger address the job"
                                                        + " anchored to), or keep the chain next to"
                                                        + " the archive as the demo does ("
                                                        + KeptChain.STATE_FILE
                                                        + ", "
                                                        + KeptChain.CONTRACT_FILE
                                                        + ")"));
        keptChainNode = kept.start();
        rpc = keptChainNode.rpcUrl();
        contract = kept.contract();
        keptChainNote = "a local Anvil from " + kept.stateFile() + ", AlertLedger " + contract;
    }

    /**
     * What the shell started to check against, when it started a kept chain ({@link KeptChain}):
     * one line for the report.
     */
    public synchronized Optional<String> keptChain() {
        return Optional.ofNullable(keptChainNote);
    }

    /** Where the chain is, for reports. */
    public synchronized String describe() {
        return contract + " on " + rpc;
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (ledger != null) {
            ledger.close();
            ledger = null;
        }
        if (keptChainNode != null) {
            keptChainNode.close();
            keptChainNode = null;
        }
    }
}
