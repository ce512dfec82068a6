package dev.pagerboy.audit.chain;

import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.AuditSettings;
import dev.pagerboy.contracts.ledger.LedgerClient;
import dev.pagerboy.contracts.ledger.LedgerException;
import dev.pagerboy.contracts.ledger.Web3jLedgerClient;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Service;
import org.web3j.crypto.Credentials;

/**
 * The chain the audited job anchored to ({@code --rpc URL --contract ADDR}), connected on first use
 * so that commands which do not need it ({@code sql}, {@code archive info}) work without it. The
 * shell only reads the chain: its client signs with a throwaway key that can send nothing of value,
 * because {@link LedgerClient} is built for a sender.
 */
@Service
public class ChainSession implements AutoCloseable {

    /** A fixed well-known test key, only ever used for view calls. */
    private static final String READ_ONLY_KEY =
            "0x0000000000000000000000000000000000000000000000000000000000000001";

    private final AuditSettings settings;
    private LedgerClient ledger;

    public ChainSession(AuditSettings settings) {
        this.settings = settings;
    }

    /**
     * The ledger client.
     *
     * @throws AuditException if the shell was started without a chain, or cannot reach it
     */
    public synchronized LedgerClient ledger() {
        if (ledger == null) {
            if (settings.rpc() == null || settings.contract() == null) {
                throw new AuditException(
                        "no chain to check against: start the shell with --rpc URL --contract ADDR"
                                + " (the JSON-RPC endpoint and AlertLedger address the job anchored"
                                + " to)");
            }
            try {
                ledger =
                        Web3jLedgerClient.connect(
                                settings.rpc(),
                                settings.contract(),
                                Credentials.create(READ_ONLY_KEY));
            } catch (LedgerException | IllegalArgumentException e) {
                throw new AuditException(
                        "cannot use the chain at "
                                + settings.rpc()
                                + " (contract "
                                + settings.contract()
                                + "): "
                                + e.getMessage(),
                        e);
            }
        }
        return ledger;
    }

    /** Where the chain is, for reports. */
    public String describe() {
        return settings.contract() + " on " + settings.rpc();
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (ledger != null) {
            ledger.close();
            ledger = null;
        }
    }
}
