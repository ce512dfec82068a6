package dev.pagerboy.gateway.ack;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ledger.LedgerClient;
import dev.pagerboy.contracts.ledger.Web3jLedgerClient;
import dev.pagerboy.gateway.config.LedgerTarget;
import dev.pagerboy.gateway.view.AnchorProof;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;

/**
 * The Check button: asks the AlertLedger contract's {@code verify(batchId, leaf, proof)} view
 * whether an acknowledgment's proof holds. The chain answers, not the gateway. Connects on first
 * use; a node that is down gives an answer that says so, never an exception on the page.
 */
public final class LedgerCheck implements AutoCloseable {

    /** What the chain said. */
    public enum Answer {
        VERIFIED,
        NOT_VERIFIED,
        UNREACHABLE,
        NOT_CONFIGURED
    }

    private final LedgerTarget target;
    private final Credentials reader;
    private LedgerClient client;

    /**
     * @param target the node and contract, or null when none is configured
     * @param reader any account (a view call sends nothing)
     */
    public LedgerCheck(LedgerTarget target, Credentials reader) {
        this.target = target;
        this.reader = reader;
    }

    public synchronized Answer check(AnchorProof proof) {
        if (target == null) {
            return Answer.NOT_CONFIGURED;
        }
        try {
            if (client == null) {
                client = Web3jLedgerClient.connect(target.rpcUrl(), target.contract(), reader);
            }
            List<Bytes32> path = new ArrayList<>();
            for (String p : proof.proof()) {
                path.add(Bytes32.fromHex(p));
            }
            return client.verify(
                            Bytes32.fromHex(proof.batchId()),
                            Bytes32.fromHex(proof.leafDigest()),
                            path)
                    ? Answer.VERIFIED
                    : Answer.NOT_VERIFIED;
        } catch (RuntimeException e) {
            closeQuietly();
            return Answer.UNREACHABLE;
        }
    }

    private void closeQuietly() {
        if (client != null) {
            try {
                client.close();
            } catch (Exception ignored) {
                // the next check connects again
            }
            client = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
