package dev.pagerboy.streaming.sources;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the job consumes its input topics.
 *
 * @param bootstrapServers Kafka {@code host:port} list
 * @param groupId consumer group used for committing offsets (for monitoring lag; Flink restores
 *     positions from its checkpoints, not from the group)
 * @param maxOutOfOrderness how far behind the newest record an input may arrive and still be on
 *     time
 * @param idleTimeout after this long without records a partition no longer holds the watermark
 *     back, so ticks can advance event time (live only: a bounded input has no idleness, see {@link
 *     KafkaInputs})
 * @param stopAtLatest bounded mode: read up to the offsets that are the latest at start-up, then
 *     finish (tests and batch catch-up); live jobs run unbounded
 */
public record InputTopicSettings(
        String bootstrapServers,
        String groupId,
        Duration maxOutOfOrderness,
        Duration idleTimeout,
        boolean stopAtLatest)
        implements Serializable {

    public InputTopicSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers must be set");
        }
        if (maxOutOfOrderness.isNegative()) {
            throw new IllegalArgumentException("maxOutOfOrderness must not be negative");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
    }

    public InputTopicSettings bounded() {
        return new InputTopicSettings(
                bootstrapServers, groupId, maxOutOfOrderness, idleTimeout, true);
    }
}
