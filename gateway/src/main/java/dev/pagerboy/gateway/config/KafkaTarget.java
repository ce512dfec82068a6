package dev.pagerboy.gateway.config;

import java.nio.file.Path;

/**
 * The broker and {@code acks} topic of a configuration, for commands that only write acks and do
 * not need a {@code gateway:} section.
 *
 * @param bootstrapServers {@code kafka.bootstrap_servers}, or null when not known
 * @param acksTopic the acks topic
 */
public record KafkaTarget(String bootstrapServers, String acksTopic) {

    public static final KafkaTarget DEFAULT = new KafkaTarget(null, GatewayTopics.DEFAULTS.acks());

    public static KafkaTarget read(Path file) throws GatewayConfigException {
        return GatewayConfigReader.kafka(file);
    }
}
