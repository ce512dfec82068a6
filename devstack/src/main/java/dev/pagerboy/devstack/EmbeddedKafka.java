package dev.pagerboy.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka 4.2 broker (KRaft, combined broker and controller) running inside this JVM.
 *
 * <p>It exists so that tests, the demo and {@code ./pagerboy stack} use a real broker, with real
 * transactions, without Docker or a separate install. The broker listens on free loopback ports,
 * keeps its data in a fresh temporary directory, and {@link #close()} stops every broker thread and
 * deletes that directory.
 *
 * <p>The internal topics (consumer offsets, transaction state, share-group state) get replication
 * factor 1 and min ISR 1, the only values a one-node cluster can satisfy: with the defaults (3)
 * transactional producers and consumer groups never become ready. Topics are not created
 * automatically; create them with {@link #createTopics}.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     kafka.createTopics("alerts", "notifications");
 *     String bootstrap = kafka.bootstrapServers();
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final int START_ATTEMPTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Admin admin;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedKafka(Path directory, KafkaRaftServer server, String bootstrapServers) {
        this.directory = directory;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(adminProperties(bootstrapServers));
        // A test JVM that dies mid-test should still not leave its broker directory behind.
        this.shutdownHook = new Thread(this::close, "embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker with the default settings and waits until it accepts requests. */
    public static EmbeddedKafka start() {
        return start(Map.of());
    }

    /**
     * Starts a broker whose configuration is the default one overlaid with {@code brokerOverrides}
     * (Kafka broker property names), and waits until it accepts requests.
     */
    public static EmbeddedKafka start(Map<String, String> brokerOverrides) {
        RuntimeException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Path directory = createTempDirectory();
            int[] ports = LoopbackPorts.pick(2);
            String bootstrap = "127.0.0.1:" + ports[0];
            AtomicReference<KafkaRaftServer> server = new AtomicReference<>();
            // A JVM stopped (Ctrl-C, SIGTERM) while the broker starts must not leave it behind.
            Thread startupHook =
                    new Thread(
                            () -> {
                                stopQuietly(server.get());
                                deleteRecursively(directory);
                            },
                            "embedded-kafka-startup-shutdown");
            Runtime.getRuntime().addShutdownHook(startupHook);
            try {
                Properties config = brokerConfig(directory, ports[0], ports[1], brokerOverrides);
                formatStorage(directory, config);
                server.set(new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM));
                server.get().startup();
                EmbeddedKafka kafka = new EmbeddedKafka(directory, server.get(), bootstrap);
                removeHook(startupHook); // the instance's own hook takes over
                kafka.awaitReady();
                return kafka;
            } catch (RuntimeException e) {
                removeHook(startupHook);
                stopQuietly(server.get());
                deleteRecursively(directory);
                if (!causedByBind(e)) {
                    throw e;
                }
                // Another process took one of the ports between picking and binding: retry.
                lastFailure = e;
            }
        }
        throw new IllegalStateException(
                "embedded Kafka could not bind free ports in " + START_ATTEMPTS + " attempts",
                lastFailure);
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The temporary directory holding the broker's logs and metadata; gone after close. */
    public Path directory() {
        return directory;
    }

    /** Creates topics with one partition each; topics that already exist are left as they are. */
    public void createTopics(String... names) {
        createTopics(1, names);
    }

    /**
     * Creates topics with {@code partitions} partitions each and waits until every partition has a
     * leader, so that producers and assigned consumers can use them at once. Topics that already
     * exist are left as they are.
     */
    public void createTopics(int partitions, String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        TopicCreator.create(admin, READY_TIMEOUT, partitions, names);
    }

    /**
     * Stops the broker, waits for all its threads to end, and deletes its directory. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        admin.close(Duration.ofSeconds(10));
        stopQuietly(server);
        deleteRecursively(directory);
        if (Thread.currentThread() != shutdownHook) {
            removeHook(shutdownHook);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException jvmAlreadyExiting) {
            // the hook is running or about to run; it finds the broker closed or closes it
        }
    }

    /**
     * One node as broker and controller on loopback, every internal topic with one replica, nothing
     * ever deleted by age: the settings of every broker the local stack starts, in this JVM or in
     * its own ({@link ProcessBroker}).
     */
    static Properties brokerConfig(
            Path directory, int brokerPort, int controllerPort, Map<String, String> overrides) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:"
                        + brokerPort
                        + ",CONTROLLER://127.0.0.1:"
                        + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", directory.resolve("data").toString());

        // One node: every internal topic must live with a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Fewer internal partitions than the default 50: they are created lazily on first use and
        // 50 partitions cost seconds on a 2-core machine.
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.num.partitions", "4");

        // Demos, tests and benchmarks replay history (2021 alarms, generated 2026 streams), and
        // time-based retention measures age by the record timestamp: with the default 7 days the
        // broker's first retention pass, 30 s after start, deleted every closed segment of the
        // input topics, and a consumer still behind that point lost those records. Records more
        // than an hour in the future would be refused. Keep everything.
        p.put("log.retention.ms", "-1");
        p.put("log.message.timestamp.before.max.ms", String.valueOf(Long.MAX_VALUE));
        p.put("log.message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));

        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.partitions", "1");
        p.putAll(overrides);
        return p;
    }

    /** The equivalent of {@code kafka-storage.sh format}: writes meta.properties and bootstrap. */
    static void formatStorage(Path directory, Properties config) {
        Path configFile = directory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            config.store(out, "embedded Kafka broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status =
                StorageTool.execute(
                        new String[] {
                            "format",
                            "--config",
                            configFile.toString(),
                            "--cluster-id",
                            Uuid.randomUuid().toString()
                        },
                        new PrintStream(output, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException(
                    "formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException notYet) {
                // the broker is still catching up with the metadata log
            } catch (InterruptedException e) {
                throw interruptedOrTimedOut("waiting for the broker", e);
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException(
                        "embedded Kafka did not become ready within " + READY_TIMEOUT);
            }
            sleep(50);
        }
    }

    private static Properties adminProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin");
        return p;
    }

    private static void stopQuietly(KafkaRaftServer server) {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            // shutting down after a failed start: the original failure is what matters
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null
                            && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("pagerboy-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's temporary directory", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    private static RuntimeException interruptedOrTimedOut(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while " + what, e);
        }
        return new IllegalStateException("timed out " + what, e);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
