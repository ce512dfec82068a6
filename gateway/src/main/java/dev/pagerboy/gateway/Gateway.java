package dev.pagerboy.gateway;

import dev.pagerboy.alerts.ack.AckLinkTokenKey;
import dev.pagerboy.alerts.ack.AckLinkTokenUses;
import dev.pagerboy.gateway.ack.AckDesk;
import dev.pagerboy.gateway.ack.AckWriter;
import dev.pagerboy.gateway.ack.GatewaySigner;
import dev.pagerboy.gateway.ack.LedgerCheck;
import dev.pagerboy.gateway.config.GatewayConfig;
import dev.pagerboy.gateway.config.RosterEngineer;
import dev.pagerboy.gateway.view.BoardFeed;
import dev.pagerboy.gateway.view.IncidentBoard;
import dev.pagerboy.gateway.web.GatewayServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One running gateway with everything it owns: the view rebuilt from Kafka, the ack producer, the
 * signing key and the HTTP server. The command runs one per process; tests, the benchmark and the
 * demo start it in their JVM.
 */
public final class Gateway implements AutoCloseable {

    private final BoardFeed feed;
    private final AckWriter writer;
    private final LedgerCheck ledger;
    private final GatewayServer server;
    private final GatewaySigner signer;
    private final IncidentBoard board;

    /**
     * Reads the key files, starts rebuilding the view and starts listening. Waits up to {@code
     * catchUp} for the view to hold what the topics held at start.
     */
    public Gateway(
            GatewayConfig config,
            String host,
            int port,
            GatewayServer.Limits limits,
            Duration catchUp)
            throws IOException, InterruptedException {
        AckLinkTokenKey linkKey = AckLinkTokenKey.read(config.linkKeyFile());
        this.signer = GatewaySigner.read(config.signerKeyFile());
        AckLinkTokenUses uses = new AckLinkTokenUses();
        this.board =
                new IncidentBoard(
                        name -> {
                            RosterEngineer e = config.engineers().get(name);
                            return e == null ? List.of() : e.teams();
                        },
                        config.receiverTeams(),
                        uses);
        this.feed = new BoardFeed(config.bootstrapServers(), config.topics(), board);
        this.writer = new AckWriter(config.bootstrapServers(), config.topics().acks());
        this.ledger = new LedgerCheck(config.ledger().orElse(null), signer.credentials());
        Clock clock = Clock.systemUTC();
        AckDesk desk = new AckDesk(linkKey, uses, signer, writer, board, config.engineers(), clock);
        feed.start();
        // Links must not work before the used ones are known: serve only once caught up.
        if (!feed.awaitCaughtUp(catchUp)) {
            close();
            throw new IOException(
                    "the view did not catch up with Kafka at "
                            + config.bootstrapServers()
                            + " within "
                            + catchUp.toSeconds()
                            + " s");
        }
        this.server =
                new GatewayServer(
                                desk,
                                board,
                                ledger,
                                config.engineers(),
                                config.logins(),
                                limits,
                                "https".equals(config.url().getScheme()),
                                clock)
                        .start(host, port);
    }

    public int port() {
        return server.port();
    }

    /** The address the job must list in {@code acks.gateway_signers}. */
    public String signerAddress() {
        return signer.address();
    }

    public IncidentBoard board() {
        return board;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        feed.close();
        writer.close();
        ledger.close();
    }
}
