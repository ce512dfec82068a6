package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.ledger.LedgerClient;
import java.io.Serializable;

/**
 * How a sink task reaches the ledger: a serializable recipe for a {@link LedgerClient}, opened on
 * the task manager. {@link LedgerEndpoint} is the real one; tests may wrap it to inject failures.
 */
@FunctionalInterface
public interface LedgerConnector extends Serializable {

    /** A connected client; the caller closes it. */
    LedgerClient connect();
}
