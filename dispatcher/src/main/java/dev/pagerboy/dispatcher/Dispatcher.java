package dev.pagerboy.dispatcher;

import dev.pagerboy.dispatcher.config.DispatcherConfig;
import dev.pagerboy.dispatcher.delivery.Receivers;
import dev.pagerboy.dispatcher.ops.DispatchMetrics;
import dev.pagerboy.dispatcher.ops.OpsServer;
import dev.pagerboy.dispatcher.payload.AckLinks;
import dev.pagerboy.dispatcher.payload.PlaceholderAckLinks;
import dev.pagerboy.dispatcher.payload.SignedAckLinks;
import dev.pagerboy.dispatcher.receipts.ReceiptWriter;
import dev.pagerboy.dispatcher.replica.Replica;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One running replica with everything it owns: the receivers, the receipt producer, the consumer
 * loop and the ops endpoints. The command runs one per process; tests and the benchmark may run
 * several in one JVM (each has its own clients).
 */
public final class Dispatcher implements AutoCloseable {

    /** The consumer group every replica joins unless told otherwise. */
    public static final String DEFAULT_GROUP = "pagerboy-dispatcher";

    private final Replica replica;
    private final Receivers receivers;
    private final ReceiptWriter receipts;
    private final OpsServer ops;
    private final ExecutorService httpThreads;

    public Dispatcher(
            DispatcherConfig config, String group, int replicaId, String opsHost, int opsPort)
            throws IOException {
        this(
                config,
                group,
                replicaId,
                opsHost,
                opsPort,
                new PlaceholderAckLinks(config.gatewayUrl()));
    }

    /** A replica whose pages carry {@code links} (the command passes {@link SignedAckLinks}). */
    public Dispatcher(
            DispatcherConfig config,
            String group,
            int replicaId,
            String opsHost,
            int opsPort,
            AckLinks links)
            throws IOException {
        Clock clock = Clock.systemUTC();
        // Java 17's HttpClient has no close(): its executor is ours so close() can end it.
        this.httpThreads =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t = new Thread(r, "dispatcher-http");
                            t.setDaemon(true);
                            return t;
                        });
        HttpClient http =
                HttpClient.newBuilder()
                        .executor(httpThreads)
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(config.requestTimeout())
                        .build();
        Replica[] self = new Replica[1];
        DispatchMetrics metrics =
                new DispatchMetrics(replicaId, () -> self[0] == null ? 0 : self[0].inFlight());
        this.receivers =
                new Receivers(
                        config,
                        config.maxInFlight() + Replica.MAX_POLL_RECORDS,
                        links,
                        http,
                        clock,
                        metrics);
        this.receipts =
                new ReceiptWriter(
                        config.bootstrapServers(),
                        config.receiptsTopic(),
                        "dispatcher-" + replicaId + "-receipts");
        this.replica = new Replica(config, group, replicaId, receivers, receipts, metrics, clock);
        self[0] = replica;
        this.ops = new OpsServer(opsHost, opsPort, metrics, replica::problem);
    }

    /** The port of {@code /metrics} and {@code /healthz}. */
    public int opsPort() {
        return ops.port();
    }

    /** Partitions this replica owns now (for tests and the benchmark to wait for the group). */
    public int ownedPartitions() {
        return replica.ownedPartitions();
    }

    /** Delivers until {@link #stop}; drains pages in flight for up to {@code drain}. */
    public void run(Duration drain) {
        replica.run(drain);
    }

    /** Asks {@link #run} to return; safe from any thread. */
    public void stop() {
        replica.stop();
    }

    @Override
    public void close() {
        ops.close();
        receivers.close();
        receipts.close();
        httpThreads.shutdownNow();
    }
}
