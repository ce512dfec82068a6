package dev.pagerboy.devstack;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration of a {@link ProcessBroker}: the same one-node settings as {@link
 * EmbeddedKafka}'s (replication factor and min ISR 1 for the internal topics, no retention, no
 * automatic topics), on fixed ports and a fixed directory so a restarted process is the same
 * broker. Kept beside {@code EmbeddedKafka}'s (private) copy until both read one shared
 * configuration.
 */
final class ProcessBrokerConfig {

    static final int NODE_ID = 1;

    private ProcessBrokerConfig() {}

    static Properties properties(Path dir, int brokerPort, int controllerPort) {
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
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("metadata.log.dir", dir.resolve("data").toString());

        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.num.partitions", "4");

        // Generated streams carry 2026 timestamps: keep everything, accept any timestamp.
        p.put("log.retention.ms", "-1");
        p.put("log.message.timestamp.before.max.ms", String.valueOf(Long.MAX_VALUE));
        p.put("log.message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));

        // Hostile-input scenarios send records of several MB; Kafka's default limit is 1 MB.
        p.put("message.max.bytes", String.valueOf(8 * 1024 * 1024));
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.partitions", "1");
        return p;
    }
}
