package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.ledger.LedgerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's connection to the ledger: connected on first use and dropped after a failure, because
 * a node that went down may come back at the same URL and a client that failed is not trusted to
 * recover by itself.
 */
final class LedgerSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerSession.class);

    private final LedgerConnector connector;
    private LedgerClient client;

    LedgerSession(LedgerConnector connector) {
        this.connector = connector;
    }

    LedgerClient client() {
        if (client == null) {
            client = connector.connect();
        }
        return client;
    }

    /** Forgets the client after a failure: the next call connects again. */
    void drop() {
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.debug("anchoring: closing a failed ledger client", e);
            }
            client = null;
        }
    }

    @Override
    public void close() {
        drop();
    }
}
