package dev.pagerboy.tools.chaos;

import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import dev.pagerboy.contracts.ledger.LedgerClient;
import dev.pagerboy.streaming.anchor.LedgerEndpoint;
import dev.pagerboy.streaming.anchor.LocalLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * R3's chain: an Anvil node in its own process with a freshly deployed AlertLedger (development
 * account 0 deploys, account 1 is the job's writer, its key in a key file), that can be stopped
 * (SIGTERM: Anvil dumps its state to its state file) and started again on the same port from that
 * file, as an operator restarts a node. The job reaches it through an {@link ErringRelay}, which
 * can answer errors for it; the runner reads the events from the node itself.
 */
final class Chain implements AutoCloseable {

    private static final int ANCHOR_LIMIT = 1_000_000;

    private final Path state;
    private final int port;
    private final LedgerEndpoint endpoint;
    private final ErringRelay relay;
    private AnvilNode node;

    private Chain(Path state, AnvilNode node, LedgerEndpoint endpoint, ErringRelay relay) {
        this.state = state;
        this.node = node;
        this.port = node.port();
        this.endpoint = endpoint;
        this.relay = relay;
    }

    static Chain start(Path dir) {
        try {
            Files.createDirectories(dir);
            Path state = dir.resolve("chain.json");
            AnvilNode node = AnvilNode.builder().dumpState(state).start();
            try {
                return new Chain(
                        state,
                        node,
                        LocalLedger.deploy(node, dir.resolve("writer.key")),
                        ErringRelay.start(node.rpcUrl()));
            } catch (RuntimeException e) {
                node.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the chain in " + dir, e);
        }
    }

    /** The job's arguments that make it anchor here, through the relay. */
    List<String> jobArgs() {
        return List.of(
                "--ledger-rpc",
                relay.rpcUrl(),
                "--ledger-contract",
                endpoint.contract(),
                "--ledger-key",
                endpoint.keyFile());
    }

    /** Stops the node (it dumps its state on the way out); the relay refuses connections. */
    void stop() {
        relay.stopListening();
        node.close();
        node = null;
    }

    /** Starts the node again on its port, from its state file, and the relay in front of it. */
    void restart() {
        if (node != null) {
            throw new IllegalStateException("the chain runs");
        }
        node = AnvilNode.builder().port(port).loadState(state).dumpState(state).start();
        relay.listen();
    }

    /** From now on every request the job sends is answered with an error, until {@link #heal}. */
    void answerErrors() {
        relay.mode(ErringRelay.Mode.ERRING);
    }

    /** Requests reach the node again. */
    void heal() {
        relay.mode(ErringRelay.Mode.RELAYING);
    }

    /** Requests the relay answered with an error so far. */
    long erred() {
        return relay.erred();
    }

    /** Every {@code Anchored} event of the run's contract. */
    List<AnchorEvent> anchors() {
        try (LedgerClient ledger = endpoint.connect()) {
            return ledger.latestAnchors(ANCHOR_LIMIT);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the Anchored events: " + e, e);
        }
    }

    @Override
    public void close() {
        relay.close();
        if (node != null) {
            node.close();
            node = null;
        }
    }
}
