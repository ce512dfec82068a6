package dev.pagerboy.devstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration of a {@link ProcessBroker}: {@link EmbeddedKafka}'s one-node settings on fixed
 * ports and a fixed directory, so a restarted process is the same broker, with room for the
 * several-MB records of the hostile-input scenarios (Kafka's default limit is 1 MB).
 */
final class ProcessBrokerConfig {

    static final int NODE_ID = 1;

    private ProcessBrokerConfig() {}

    static Properties properties(Path dir, int brokerPort, int controllerPort) {
        return EmbeddedKafka.brokerConfig(
                dir,
                brokerPort,
                controllerPort,
                Map.of(
                        "metadata.log.dir", dir.resolve("data").toString(),
                        "message.max.bytes", String.valueOf(8 * 1024 * 1024)));
    }
}
