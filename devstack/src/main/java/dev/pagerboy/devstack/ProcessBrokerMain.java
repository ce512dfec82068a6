package dev.pagerboy.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * The child JVM of a {@link ProcessBroker}: one KRaft broker (broker and controller in one node)
 * whose log directory and ports are given on the command line, so that the same broker can be
 * killed with {@code kill -9} and started again on the same data, as a real broker host is.
 *
 * <p>Usage: {@code ProcessBrokerMain DIR BROKER_PORT CONTROLLER_PORT}. The storage is formatted
 * only when {@code DIR} holds none yet; a restart recovers the existing log. Prints {@code
 * broker-started} on stdout once {@code startup()} returned, then runs until killed.
 */
public final class ProcessBrokerMain {

    static final String STARTED = "broker-started";

    private ProcessBrokerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ProcessBrokerMain DIR BROKER_PORT CONTROLLER_PORT");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Properties config =
                ProcessBrokerConfig.properties(
                        dir, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            EmbeddedKafka.formatStorage(dir, config);
        }
        KafkaRaftServer server =
                new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    server.shutdown();
                                    server.awaitShutdown();
                                },
                                "process-broker-shutdown"));
        System.out.println(STARTED);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
